using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;

/// <summary>
/// Issue 17's spike: what writing one filled one-page form costs on each candidate PDF layer, beyond validation, layout
/// and shaping (which stay ours either way). Each writes the form's real font subset, deflated once and reused for every
/// document, a content stream of the page's values, and the form's blank page placed as a form XObject (a template):
/// (a) PDFsharp 6.2.4's object model, (b) a minimal writer of PDF objects of our own; and, for comparison, (c) today's
/// Skia path for the whole document. Run: dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- writer-spike FORM
/// </summary>
internal static class WriterSpike
{
    public static void Run(string formId)
    {
        var root = ValidationBenchmarks.FindRoot();
        var form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", formId + ".json"));
        using var submission = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", formId, "submissions", "valid.json")));
        var font = FontRegistry.Default.Get(FontRegistry.IpaexMincho);
        var sheet = FormSheet.For(form, font, LayoutOptions.Default);
        var fontRaw = sheet.Font.Subset.Data;
        var fontDeflated = Deflate(fontRaw);
        var blank = FormRenderer.Render(form, null, RenderOptions.Default);
        var layout = FormRenderer.Layout(form, submission.RootElement, RenderOptions.Default);
        // The values as glyph runs, rules and boxes: the operators a content stream of ours would hold for this page.
        var content = new StringBuilder();
        foreach (var item in layout.Pages[0].Items)
            switch (item)
            {
                case TextItem t when t.Source is not null:
                    content.Append("BT /F1 ").Append(t.Size.ToString("0.##")).Append(" Tf 1 0 0 1 ").Append(t.X.ToString("0.##")).Append(' ')
                        .Append((842 - t.Baseline).ToString("0.##")).Append(" Tm <");
                    foreach (var c in t.Text) content.Append(((int)c % 0xFFFF).ToString("X4"));
                    content.Append("> Tj ET\n");
                    break;
                case RectItem r:
                    content.Append(r.X.ToString("0.##")).Append(' ').Append((842 - r.Y - r.Height).ToString("0.##")).Append(' ')
                        .Append(r.Width.ToString("0.##")).Append(' ').Append(r.Height.ToString("0.##")).Append(" re S\n");
                    break;
            }
        var contentBytes = Encoding.ASCII.GetBytes(content.ToString());
        var templateContent = Deflate(contentBytes); // stands in for the template page's own content, deflated once
        Console.WriteLine($"{formId}: font subset {fontRaw.Length:N0} B → {fontDeflated.Length:N0} B deflated once; values content {contentBytes.Length:N0} B; blank page from Skia {blank.Length:N0} B");

        var templateForm = XPdfForm.FromStream(new MemoryStream(blank));
        Measure("(a) PDFsharp 6.2.4", () => WithPdfSharp(templateForm, fontRaw.Length, fontDeflated, contentBytes));
        Measure("(b) own object writer", () => OwnWriter(templateContent, fontRaw.Length, fontDeflated, contentBytes));
        Measure("(c) today: Skia, whole document", () => FormRenderer.Render(form, submission.RootElement, RenderOptions.Default));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "spike-pdfsharp.pdf"), WithPdfSharp(templateForm, fontRaw.Length, fontDeflated, contentBytes));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "spike-own.pdf"), OwnWriter(templateContent, fontRaw.Length, fontDeflated, contentBytes));
    }

    private static void Measure(string name, Func<byte[]> run)
    {
        for (var i = 0; i < 100; i++) run();
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            byte[] last = [];
            for (var i = 0; i < 400; i++) last = run();
            clock.Stop();
            Console.WriteLine($"  {name}: {clock.Elapsed.TotalMilliseconds / 400:F3} ms a document, {last.Length:N0} bytes, {(GC.GetAllocatedBytesForCurrentThread() - before) / 400 / 1024:N0} KB allocated");
        }
    }

    private static byte[] Deflate(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal)) z.Write(data);
        return ms.ToArray();
    }

    private static byte[] WithPdfSharp(XPdfForm template, int fontLength, byte[] fontDeflated, byte[] content)
    {
        using var doc = new PdfDocument();
        var page = doc.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var gfx = XGraphics.FromPdfPage(page)) gfx.DrawImage(template, 0, 0);
        var fontFile = new PdfDictionary(doc);
        fontFile.Elements["/Filter"] = new PdfName("/FlateDecode");
        fontFile.Elements["/Length1"] = new PdfInteger(fontLength);
        fontFile.CreateStream(fontDeflated);
        doc.Internals.AddObject(fontFile);
        var values = new PdfDictionary(doc);
        values.CreateStream(Deflate(content));
        values.Elements["/Filter"] = new PdfName("/FlateDecode");
        doc.Internals.AddObject(values);
        page.Contents.Elements.Add(values.Reference!);
        using var output = new MemoryStream();
        doc.Save(output, false);
        return output.ToArray();
    }

    private static byte[] OwnWriter(byte[] templateContent, int fontLength, byte[] fontDeflated, byte[] content)
    {
        using var output = new MemoryStream();
        var offsets = new List<long>();
        void Obj(string body, byte[]? stream = null)
        {
            offsets.Add(output.Position);
            output.Write(Encoding.ASCII.GetBytes($"{offsets.Count} 0 obj\n{body}\n"));
            if (stream is not null)
            {
                output.Write("stream\n"u8);
                output.Write(stream);
                output.Write("\nendstream\n"u8);
            }
            output.Write("endobj\n"u8);
        }
        output.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
        var page = Deflate(content);
        Obj("<< /Type /Catalog /Pages 2 0 R >>");
        Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 5 0 R >> /XObject << /T 7 0 R >> >> /Contents [8 0 R 4 0 R] >>");
        Obj($"<< /Length {page.Length} /Filter /FlateDecode >>", page);
        Obj("<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+IPAexMincho /Encoding /Identity-H /DescendantFonts [6 0 R] >>");
        Obj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+IPAexMincho /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 10 0 R >>");
        Obj($"<< /Type /XObject /Subtype /Form /BBox [0 0 595.28 841.89] /Length {templateContent.Length} /Filter /FlateDecode >>", templateContent);
        var draw = "q /T Do Q\n"u8.ToArray();
        Obj($"<< /Length {draw.Length} >>", draw);
        Obj($"<< /Length {fontDeflated.Length} /Length1 {fontLength} /Filter /FlateDecode >>", fontDeflated);
        Obj("<< /Type /FontDescriptor /FontName /AAAAAA+IPAexMincho /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 /FontFile2 9 0 R >>");
        var xref = output.Position;
        var sb = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.ASCII.GetBytes(sb.ToString()));
        return output.ToArray();
    }
}
