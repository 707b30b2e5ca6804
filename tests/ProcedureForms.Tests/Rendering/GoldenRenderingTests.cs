using System.Globalization;
using System.Text;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using UglyToad.PdfPig;

namespace ProcedureForms.Tests.Rendering;

/// <summary>
/// The sample forms, blank and filled, against committed golden files: the page text with positions (PdfPig) and the
/// pages as PNG (pdftoppm) within tolerances.
/// </summary>
public sealed class GoldenRenderingTests
{
    private static readonly string GoldenFolder = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Rendering", "Golden");
    private static readonly RenderOptions Options = new() { Municipality = "板橋区" };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _, folder) in Forms.SampleForms().Where(f => File.Exists(Path.Combine(f.SubmissionsFolder, "valid.json"))))
        {
            data.Add(name, "blank");
            data.Add(name, "filled");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Page_text_with_positions_matches_the_golden_file(string sample, string mode)
    {
        var pdf = Render(sample, mode);
        Golden.AssertText(Path.Combine(GoldenFolder, $"{sample}-{mode}.txt"), TextWithPositions(pdf));
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Pages_as_png_match_the_golden_images(string sample, string mode)
    {
        var pages = Tools.Rasterize(Render(sample, mode), 50);
        for (var i = 0; i < pages.Count; i++)
            Golden.AssertPng(Path.Combine(GoldenFolder, $"{sample}-{mode}-{i + 1}.png"), pages[i]);
        Assert.False(File.Exists(Path.Combine(GoldenFolder, $"{sample}-{mode}-{pages.Count + 1}.png")), "fewer pages than the golden set");
    }

    internal static byte[] Render(string sample, string mode)
    {
        var (_, formPath, folder) = Forms.SampleForms().Single(f => f.Name == sample);
        var form = ProcedureForm.FromFile(formPath);
        var submission = mode == "filled" ? Forms.Json(File.ReadAllText(Path.Combine(folder, "valid.json"))) : (System.Text.Json.JsonElement?)null;
        return FormRenderer.Render(form, submission, Options);
    }

    /// <summary>Every word on every page with its position (points, rounded to a tenth) and size.</summary>
    internal static string TextWithPositions(byte[] pdf)
    {
        var sb = new StringBuilder();
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            sb.Append(CultureInfo.InvariantCulture, $"== page {page.Number} ({page.Width:F0}x{page.Height:F0})\n");
            foreach (var word in page.GetWords())
            {
                var box = word.BoundingBox;
                var size = word.Letters.Count > 0 ? word.Letters[0].PointSize : 0;
                sb.Append(CultureInfo.InvariantCulture, $"{box.Left:F1} {page.Height - box.Bottom:F1} {size:F1} {word.Text}\n");
            }
        }
        return sb.ToString();
    }
}
