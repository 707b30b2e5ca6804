using System.Text;
using System.Text.Json;
using ProcedureForms.Templates;
using UglyToad.PdfPig;

namespace ProcedureForms.Tests.Templates;

/// <summary>
/// Reading templates from two producers (LibreOffice 7.4 and ReportLab 3.6, their sources beside them in Fixtures/), their
/// turned and cropped variants (made with qpdf), and the files a template must be refused for, each with its own words.
/// </summary>
public sealed class TemplatePdfTests
{
    internal static readonly string Fixtures = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Templates", "Fixtures");

    private static TemplatePdf Read(string name) => TemplatePdf.FromFile(Path.Combine(Fixtures, name));

    [Theory]
    [InlineData("libreoffice-form.pdf")]
    [InlineData("reportlab-form.pdf")]
    public void Field_rectangles_match_the_widgets_as_another_reader_sees_them(string file)
    {
        var template = Read(file);
        using var document = PdfDocument.Open(Path.Combine(Fixtures, file));
        var widgets = document.GetPages()
            .SelectMany(p => p.GetAnnotations().Where(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Widget)
                .Select(a => (Page: p.Number, Height: p.Height, a.Rectangle)))
            .ToList();
        Assert.Equal(widgets.Count, template.Fields.Count);
        foreach (var field in template.Fields)
        {
            // PdfPig's rectangle is in the page's own space (origin bottom-left); ours in mm from the top-left.
            var match = widgets.Where(w => w.Page == field.Page).MinBy(w =>
                Math.Abs(w.Rectangle.Left / 72 * 25.4 - field.XMm) + Math.Abs((w.Height - w.Rectangle.Top) / 72 * 25.4 - field.YMm));
            Assert.InRange(Math.Abs(match.Rectangle.Left / 72 * 25.4 - field.XMm), 0, 0.5);
            Assert.InRange(Math.Abs((match.Height - match.Rectangle.Top) / 72 * 25.4 - field.YMm), 0, 0.5);
            Assert.InRange(Math.Abs(match.Rectangle.Width / 72 * 25.4 - field.WidthMm), 0, 0.5);
            Assert.InRange(Math.Abs(match.Rectangle.Height / 72 * 25.4 - field.HeightMm), 0, 0.5);
        }
    }

    [Fact]
    public void LibreOffice_fields_read_with_their_Japanese_names_kinds_lengths_and_options()
    {
        var template = Read("libreoffice-form.pdf");
        Assert.Equal([(1, 210.0, 297.0), (2, 210.0, 297.0)], template.Pages.Select(p => (p.Number, Math.Round(p.WidthMm), Math.Round(p.HeightMm))));
        Assert.Equal(["氏名:text", "フリガナ:text", "birthDate:text", "sex:radio", "sex:radio", "idChecked:checkbox", "kind:choice"],
            template.Fields.Select(f => $"{f.Name}:{f.Kind}"));
        Assert.Equal([20, 25], template.Fields.Take(2).Select(f => f.MaxLength ?? 0));
        Assert.Equal(["male", "female"], template.Fields.Where(f => f.Kind == "radio").Select(f => f.Option!));
        Assert.Equal(["新規", "再登録"], template.Fields.Single(f => f.Kind == "choice").Options);
    }

    [Fact]
    public void ReportLab_fields_sit_where_its_script_put_them_on_both_pages()
    {
        var template = Read("reportlab-form.pdf");
        var name = template.Fields.Single(f => f.Name == "name");
        Assert.Equal((1, 52.0, 31.0, 80.0, 8.0), (name.Page, Math.Round(name.XMm, 1), Math.Round(name.YMm, 1), Math.Round(name.WidthMm, 1), Math.Round(name.HeightMm, 1)));
        Assert.Equal(("comb", 11), (template.Fields.Single(f => f.Name == "phone").Kind, template.Fields.Single(f => f.Name == "phone").MaxLength ?? 0));
        var address = template.Fields.Single(f => f.Name == "previousAddress");
        Assert.Equal((2, true), (address.Page, address.Multiline));
    }

    [Fact]
    public void A_turned_page_gives_rectangles_as_the_page_prints()
    {
        var plain = Read("libreoffice-form.pdf").Fields.Single(f => f.Name == "氏名");
        var turned = Read("rotated.pdf");
        Assert.Equal((297.0, 210.0), (Math.Round(turned.Pages[1].WidthMm), Math.Round(turned.Pages[1].HeightMm)));
        var name = turned.Fields.Single(f => f.Name == "氏名");
        // Turned clockwise: the distance from the top becomes the distance from the right, the left becomes the top.
        Assert.Equal(Math.Round(297 - plain.YMm - plain.HeightMm, 1), Math.Round(name.XMm, 1), 1);
        Assert.Equal(Math.Round(plain.XMm, 1), Math.Round(name.YMm, 1), 1);
        Assert.Equal((Math.Round(plain.HeightMm, 1), Math.Round(plain.WidthMm, 1)), (Math.Round(name.WidthMm, 1), Math.Round(name.HeightMm, 1)));
    }

    [Fact]
    public void A_page_cropped_away_from_the_origin_measures_from_its_crop()
    {
        var plain = Read("libreoffice-form.pdf").Fields.Single(f => f.Name == "氏名");
        var cropped = Read("cropbox-offset.pdf");
        var name = cropped.Fields.Single(f => f.Name == "氏名");
        // The fixture crops page 2 to [20 30 575.3 812]: 20 pt from the left, 29.89 pt from the top.
        Assert.Equal(plain.XMm - 20 / 72.0 * 25.4, name.XMm, 1);
        Assert.Equal(plain.YMm - (841.89 - 812) / 72 * 25.4, name.YMm, 1);
        Assert.Equal(Math.Round((575.3 - 20) / 72 * 25.4, 1), Math.Round(cropped.Pages[1].WidthMm, 1));
    }

    [Fact]
    public void An_owner_password_only_template_is_read_under_the_policy()
    {
        var template = Read("owner-password.pdf");
        Assert.True(template.OwnerRestricted);
        Assert.Equal(Read("libreoffice-form.pdf").Fields.Select(f => f.Name), template.Fields.Select(f => f.Name));
    }

    [Theory]
    [InlineData("user-password.pdf", "needs a password to open")]
    [InlineData("truncated.pdf", "damaged")]
    [InlineData("xfa.pdf", "XFA form")]
    public void Unusable_templates_are_refused_with_the_reason(string file, string reason)
    {
        var e = Assert.Throws<TemplateException>(() => Read(file));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(file, e.File);
    }

    [Fact]
    public void A_file_that_is_not_a_PDF_is_refused()
    {
        var e = Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes("{\"not\":\"a pdf\"}"u8.ToArray(), "form.json"));
        Assert.Contains("not a PDF", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_is_bounded_by_size_objects_and_nesting()
    {
        var pdf = File.ReadAllBytes(Path.Combine(Fixtures, "libreoffice-form.pdf"));
        Assert.Contains("MaxBytes", Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(pdf, "big.pdf", new TemplateLimits { MaxBytes = 1000 })).Message, StringComparison.Ordinal);
        Assert.Contains("MaxObjects", Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(pdf, "many.pdf", new TemplateLimits { MaxObjects = 10 })).Message, StringComparison.Ordinal);
        // A dictionary nested 100,000 deep: a recursive parser would overflow its stack and end the process.
        var bomb = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n" + string.Concat(Enumerable.Repeat("[", 100_000)) + "\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n");
        Assert.Contains("MaxNesting", Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(bomb, "bomb.pdf")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_JSON_has_the_documented_shape()
    {
        using var json = JsonDocument.Parse(Read("libreoffice-form.pdf").ToJson());
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("pages").GetArrayLength());
        Assert.Equal(210, root.GetProperty("pages")[0].GetProperty("widthMm").GetDouble(), 0);
        var radio = root.GetProperty("fields").EnumerateArray().First(f => f.GetProperty("kind").GetString() == "radio");
        Assert.Equal("male", radio.GetProperty("option").GetString());
        foreach (var property in new[] { "name", "kind", "page", "xMm", "yMm", "widthMm", "heightMm" })
            Assert.True(radio.TryGetProperty(property, out _), property);
    }
}

public sealed class TemplateBombTests
{
    [Fact]
    public void A_content_stream_that_inflates_past_the_budget_is_refused_before_parsing()
    {
        // 40 MB of zeros deflate to about 40 KB: a page that would take 40 MB (or, scaled up, all memory) to read.
        using var deflated = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(deflated, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            zlib.Write(new byte[40 * 1024 * 1024]);
        var head = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n1 0 obj\n<</Length {deflated.Length}/Filter/FlateDecode>>\nstream\n");
        var tail = "\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
        var pdf = head.Concat(deflated.ToArray()).Concat(tail).ToArray();
        var e = Assert.Throws<TemplateException>(() => TemplatePdf.FromBytes(pdf, "bomb.pdf", new TemplateLimits { MaxExpandedBytes = 10 * 1024 * 1024 }));
        Assert.Contains("MaxExpandedBytes", e.Message, StringComparison.Ordinal);
    }
}
