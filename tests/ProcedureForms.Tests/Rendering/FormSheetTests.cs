using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;
using ProcedureForms.Rendering.Pdf;
using UglyToad.PdfPig;

namespace ProcedureForms.Tests.Rendering;

/// <summary>
/// What documents of one form share (the form's own text measured, wrapped and subset once) changes nothing printed:
/// a form that has printed before gives the same bytes as a fresh one, and values the form's text lacks come from a
/// second subset that reads back exactly.
/// </summary>
public sealed class FormSheetTests
{
    private static readonly FormFont Font = FontRegistry.Default.Get(FontRegistry.IpaexMincho);

    public static TheoryData<string> CatalogForms() => SheetTests.CatalogForms();

    private static (string Path, JsonElement Valid) Sample(string name)
    {
        var (_, path, submissions) = Forms.SampleForms().Single(f => f.Name == name);
        return (path, Forms.Json(File.ReadAllText(Path.Combine(submissions, "valid.json"))));
    }

    [Theory]
    [MemberData(nameof(CatalogForms))]
    public void A_form_that_has_printed_before_gives_the_same_bytes_as_a_fresh_one(string name)
    {
        var (path, valid) = Sample(name);
        var options = new RenderOptions { Municipality = "板橋区" };
        var fresh = FormRenderer.Render(ProcedureForm.FromFile(path), valid, options);

        var used = ProcedureForm.FromFile(path);
        FormRenderer.Render(used, null, options);
        FormRenderer.Render(used, null, options with { Example = true });
        FormRenderer.Render(used, valid, options with { MaskMyNumber = true });
        Assert.NotEmpty(used.Sheets);
        Assert.Equal(fresh, FormRenderer.Render(used, valid, options));
    }

    [Theory]
    [MemberData(nameof(SheetTests.GeneratedForms), MemberType = typeof(SheetTests))]
    public void Layout_with_the_form_text_known_equals_layout_measured_afresh(string name)
    {
        var (path, valid) = Sample(name);
        var form = ProcedureForm.FromFile(path);
        var options = new RenderOptions { Municipality = "板橋区" };
        foreach (var submission in new JsonElement?[] { null, valid })
        {
            var cached = FormRenderer.Layout(form, submission, options);
            var afresh = new FormLayoutEngine(new FontMeasurer(Font)).Layout(form, submission, new LayoutOptions { Municipality = options.Municipality });
            Assert.Equal(afresh.Pages.Count, cached.Pages.Count);
            for (var p = 0; p < afresh.Pages.Count; p++)
                Assert.Equal(afresh.Pages[p].Items, cached.Pages[p].Items);
        }
    }

    [Fact]
    public void A_document_subset_numbers_its_glyphs_from_zero_and_holds_no_full_font_tables()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var layout = FormRenderer.Layout(form, Sample("jido-teate-nintei").Valid);
        var codePoints = new HashSet<int>();
        PdfDocumentWriter.CollectCodePoints(layout, codePoints);
        using var subset = FontSubsetter.Subset(Font, codePoints);
        // Keeping the full font's glyph ids made tables sized for all 12,000+ glyphs: 184 KB for these 238 characters.
        Assert.InRange(subset.Data.Length, 1, 100_000);
        var text = string.Concat(layout.Pages.SelectMany(p => p.Items.OfType<TextItem>()).Select(t => t.Text));
        var glyphs = Font.Shape(System.Text.Encoding.UTF8.GetBytes(text));
        var mapped = glyphs.Select(g => (int)subset.Map(g.Glyph)).ToHashSet();
        Assert.InRange(mapped.Max(), 1, codePoints.Count + 50);
        Assert.False(subset.TryMap(Font.GlyphIds("鬱")[0], out _)); // a glyph the document does not use is not there
    }

    [Fact]
    public void A_value_the_form_text_lacks_prints_from_a_second_subset_and_reads_back_exactly()
    {
        // The form's own text has 葛 (in its title); the value has 葛 with a variation selector, and 鬱, which it lacks.
        var form = Forms.Inline("""{"title":"葛飾の届","type":"object","properties":{"name":{"title":"氏名","type":"string"}}}""");
        const string name = "葛\U000E0100西 鬱子";
        var pdf = FormRenderer.Render(form, Forms.Json(JsonSerializer.Serialize(new { name })));
        using var document = PdfDocument.Open(pdf);
        var letters = document.GetPages().SelectMany(p => p.Letters).ToList();
        Assert.Contains(name, string.Concat(letters.Select(l => l.Value)), StringComparison.Ordinal);
        Assert.Equal(2, letters.Select(l => l.FontName).Distinct().Count());
        // A blank form draws only its own text: one subset.
        using var blank = PdfDocument.Open(FormRenderer.Render(form, null));
        Assert.Single(blank.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct());
    }

    [Fact]
    public void A_form_whose_own_text_has_a_glyph_only_shaping_composes_prints()
    {
        // カ followed by the combining voiced mark (U+3099): HarfBuzz composes ガ, a glyph no character of the text maps to.
        var form = Forms.Inline("""{"title":"カ\u3099イド","type":"object","properties":{"name":{"title":"氏名","type":"string"}}}""");
        using var document = PdfDocument.Open(FormRenderer.Render(form, null));
        Assert.NotEmpty(document.GetPage(1).Letters);
    }

    [Fact]
    public void The_sheets_a_form_keeps_stay_bounded_however_many_option_sets_it_prints_with()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        for (var i = 0; i < 20; i++)
        {
            FormRenderer.Layout(form, null, new RenderOptions { Municipality = $"第{i}区" });
            Assert.InRange(form.Sheets.Count, 1, 8);
        }
    }
}
