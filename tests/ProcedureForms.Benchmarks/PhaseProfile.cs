using System.Diagnostics;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Validation;

/// <summary>Where a warm one-page render spends its time, phase by phase (a rough split; BenchmarkDotNet gives the totals).
/// Run: dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- phases FORM</summary>
internal static class PhaseProfile
{
    public static void Run(string formId)
    {
        var root = ValidationBenchmarks.FindRoot();
        var form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", formId + ".json"));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", formId, "submissions", "valid.json")));
        var submission = document.RootElement;
        var font = FontRegistry.Default.Get(FontRegistry.IpaexMincho);
        var check = new PrintCheck(font);
        var layout = FormRenderer.Layout(form, submission);
        var sheetCodePoints = new HashSet<int>();
        ProcedureForms.Rendering.Pdf.PdfDocumentWriter.CollectCodePoints(FormRenderer.Layout(form, null), sheetCodePoints);
        var extra = new HashSet<int>();
        foreach (var t in layout.Pages.SelectMany(p => p.Items).OfType<ProcedureForms.Rendering.Layout.TextItem>())
            if (t.Text.EnumerateRunes().Any(r => !sheetCodePoints.Contains(r.Value)))
                foreach (var r in t.Text.EnumerateRunes()) extra.Add(r.Value);
        Time("validate (print check)", () => form.Validate(submission, new ValidationOptions { PrintCheck = check, SkipLayoutCheck = true }).Errors.Count);
        Time("layout", () => FormRenderer.Layout(form, submission).Pages.Count);
        Time($"extra subset ({extra.Count} characters)", () => { using var s = FontSubsetter.Subset(font, extra); return s.Data.Length; });
        var sheet = FormSheet.For(form, font, ProcedureForms.Rendering.Layout.LayoutOptions.Default);
        var all = new HashSet<int>();
        ProcedureForms.Rendering.Pdf.PdfDocumentWriter.CollectCodePoints(layout, all);
        var info = new ProcedureForms.Rendering.Pdf.PdfInfo(form.Title, "x", DateTime.UnixEpoch, false);
        Time("collect extra", () =>
        {
            var (cp, gl, cl) = (new HashSet<int>(), new HashSet<uint>(), new Dictionary<uint, string>());
            ProcedureForms.Rendering.Pdf.PdfDocumentWriter.CollectExtra(layout, sheet, font, cp, gl, cl);
            return cp.Count;
        });
        var (ecp, egl, ecl) = (new HashSet<int>(), new HashSet<uint>(), new Dictionary<uint, string>());
        ProcedureForms.Rendering.Pdf.PdfDocumentWriter.CollectExtra(layout, sheet, font, ecp, egl, ecl);
        Time("write (extra font, content, deflate)", () =>
        {
            using var output = new MemoryStream();
            ProcedureForms.Rendering.Pdf.PdfDocumentWriter.Write([(layout, sheet)], all, ecp, egl, ecl, font, info, output);
            return (int)output.Length;
        });
        var content = new ProcedureForms.Rendering.Pdf.PageContent(font);
        using var extraSubset = FontSubsetter.Subset(font, ecp, egl);
        var extraFont = ProcedureForms.Rendering.Pdf.EmbeddedFont.Create(font, extraSubset, ecl, ecp, 3);
        Time("  embedded extra font", () => ProcedureForms.Rendering.Pdf.EmbeddedFont.Create(font, extraSubset, ecl, ecp, 3).BaseFont.Length);
        byte[] stream = [];
        Time("  page content", () => (stream = content.Build(layout.Pages[0].Items, layout.Height, t => t.Text.EnumerateRunes().Any(r => !sheet.CodePoints.Contains(r.Value)), sheet.Font, sheet.Runs, extraFont)).Length);
        Time($"  deflate page content ({stream.Length} B)", () => ProcedureForms.Rendering.Pdf.PdfObjectWriter.Deflate(stream).Length);
        Time("render (all)", () => FormRenderer.Render(form, submission).Length);
    }

    private static void Time(string name, Func<int> run)
    {
        for (var i = 0; i < 50; i++) run();
        var clock = Stopwatch.StartNew();
        const int n = 300;
        for (var i = 0; i < n; i++) run();
        Console.WriteLine($"  {name}: {clock.Elapsed.TotalMilliseconds / n:F3} ms");
    }
}
