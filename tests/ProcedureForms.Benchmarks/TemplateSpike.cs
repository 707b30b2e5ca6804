using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

/// <summary>
/// Issue 17's spike 2: reading a template's pages and AcroForm fields with PDFsharp 6.2.4, as raw objects. Its typed
/// AcroForm API builds an XFont for every text field and throws on Linux without a font resolver, so fields are read from
/// the /AcroForm /Fields tree directly, with /FT and /Ff inherited from parents and each widget's /P page.
/// Run: dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- template-spike tests/ProcedureForms.Tests/Templates/Fixtures/libreoffice-form.pdf
/// (that file is LibreOffice 7.4's export of libreoffice-form.html with form fields:
/// soffice --headless --convert-to 'pdf:writer_pdf_Export:{"ExportFormFields":{"type":"boolean","value":"true"}}' libreoffice-form.html).
/// </summary>
internal static class TemplateSpike
{
    public static void Run(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            using var doc = PdfReader.Open(path, PdfDocumentOpenMode.Import);
            Console.WriteLine($"{Path.GetFileName(path)}: {doc.PageCount} page(s), producer {doc.Info.Producer}");
            var pages = new Dictionary<PdfDictionary, int>();
            for (var p = 0; p < doc.PageCount; p++)
            {
                var page = doc.Pages[p];
                pages[page] = p + 1;
                Console.WriteLine($"  page {p + 1}: {page.Width.Millimeter:F1} x {page.Height.Millimeter:F1} mm, /Rotate {page.Elements.GetInteger("/Rotate")}, /CropBox {page.Elements["/CropBox"]}");
            }
            if (doc.Internals.Catalog.Elements.GetDictionary("/AcroForm") is not { } acro)
            {
                Console.WriteLine("  no AcroForm");
                continue;
            }
            Console.WriteLine($"  /NeedAppearances {acro.Elements["/NeedAppearances"]}, /XFA {(acro.Elements.ContainsKey("/XFA") ? "yes" : "no")}");
            if (acro.Elements.GetArray("/Fields") is { } fields) Walk(fields, "", null, 0, pages);
        }
    }

    private static void Walk(PdfArray fields, string prefix, string? inheritedType, int inheritedFlags, Dictionary<PdfDictionary, int> pages)
    {
        foreach (var item in fields.Elements)
        {
            if ((item is PdfReference r ? r.Value : item) is not PdfDictionary field) continue;
            var name = field.Elements.GetString("/T");
            var full = name.Length == 0 ? prefix : prefix.Length == 0 ? name : prefix + "." + name;
            var type = field.Elements.GetName("/FT") is { Length: > 0 } t ? t : inheritedType;
            var flags = field.Elements.ContainsKey("/Ff") ? field.Elements.GetInteger("/Ff") : inheritedFlags;
            if (field.Elements.GetArray("/Kids") is { } kids)
            {
                Walk(kids, full, type, flags, pages);
                continue;
            }
            var page = field.Elements.GetReference("/P")?.Value is PdfDictionary pd && pages.TryGetValue(pd, out var n) ? n : 0;
            var on = field.Elements.GetDictionary("/AP")?.Elements.GetDictionary("/N")?.Elements.Keys.FirstOrDefault(k => k != "/Off");
            Console.WriteLine($"  {type} '{full}' page {page} /Rect {field.Elements.GetArray("/Rect")} /MaxLen {field.Elements.GetInteger("/MaxLen")} /Ff {flags} on-state {on} /Opt {field.Elements["/Opt"]}");
        }
    }
}
