using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Templates;
using SkiaSharp;
using UglyToad.PdfPig;

namespace ProcedureForms.Tests.Templates;

/// <summary>A form printed on a LibreOffice template (Fixtures/libreoffice-form.*): loading, its checks, and what it prints.</summary>
public sealed class TemplateFormTests
{
    private static readonly string Fixtures = TemplatePdfTests.Fixtures;
    private static readonly string DefinitionPath = Path.Combine(Fixtures, "libreoffice-form.json");
    private static readonly Lazy<ProcedureForm> Form = new(() => ProcedureForm.FromFile(DefinitionPath));
    private static JsonElement Valid => Forms.Json(File.ReadAllText(Path.Combine(Fixtures, "libreoffice-form.valid.json")));

    /// <summary>The fixture definition changed by <paramref name="edit"/>, written beside the template and loaded.</summary>
    private static ProcedureForm LoadEdited(Func<string, string> edit)
    {
        var path = Path.Combine(Fixtures, $"edited-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, edit(File.ReadAllText(DefinitionPath)));
        try
        {
            return ProcedureForm.FromFile(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_template_other_than_the_pinned_one_is_refused_with_both_hashes()
    {
        var e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace("libreoffice-form.pdf", "rotated.pdf", StringComparison.Ordinal)));
        var error = Assert.Single(e.Errors);
        Assert.Equal("/template/sha256", error.Pointer);
        Assert.Contains("b982bee0ca989444922a8f0866aed7178757ebadded63bc9671598eeb359a1fb", error.Message, StringComparison.Ordinal);
        Assert.Contains("219e79e7152478256bcffbefdc46e480cd6525f2b0e292b1b9cf9187b1d61ca3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_AcroForm_name_is_refused_with_the_nearest_name()
    {
        var e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace("\"field\": \"idChecked\"", "\"field\": \"idCheked\"", StringComparison.Ordinal)));
        var error = Assert.Single(e.Errors);
        Assert.Equal("/template/placements/~1idChecked", error.Pointer);
        Assert.Contains("did you mean \"idChecked\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_without_a_place_is_refused_unless_listed_as_not_printed()
    {
        var e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace("\"/kind\": {\"field\": \"kind\"}", "\"/kind-unused\": {\"field\": \"kind\"}", StringComparison.Ordinal)));
        Assert.Contains(e.Errors, x => x.Message.Contains("/kind (区分) has no place", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Message.Contains("no field /kind-unused", StringComparison.Ordinal));
        var loaded = LoadEdited(t => t.Replace("\"/kind\": {\"field\": \"kind\"}", "\"/kind-x\": {\"page\": 2, \"rect\": [150, 200, 20, 8]}", StringComparison.Ordinal)
            .Replace("\"file\": \"libreoffice-form.pdf\",", "\"file\": \"libreoffice-form.pdf\", \"notPrinted\": [\"/kind\"],", StringComparison.Ordinal)
            .Replace("\"/kind-x\"", "\"/name2\"", StringComparison.Ordinal).Replace("\"idChecked\": {", "\"name2\": {\"type\": \"string\", \"maxLength\": 5}, \"idChecked\": {", StringComparison.Ordinal));
        Assert.NotNull(loaded);
    }

    [Fact]
    public void Two_placements_on_one_spot_and_a_rectangle_off_the_page_are_refused()
    {
        var e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace("\"/kind\": {\"field\": \"kind\"}", "\"/kind\": {\"field\": \"氏名\"}", StringComparison.Ordinal)));
        Assert.Contains(e.Errors, x => x.Message.Contains("placed over /name", StringComparison.Ordinal));
        e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace("\"/kind\": {\"field\": \"kind\"}", "\"/kind\": {\"page\": 2, \"rect\": [200, 10, 20, 8]}", StringComparison.Ordinal)));
        Assert.Contains(e.Errors, x => x.Pointer == "/template/placements/~1kind/rect" && x.Message.Contains("off page 2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_placement_kind_that_cannot_show_the_fields_values_is_refused()
    {
        var e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace("\"/kind\": {\"field\": \"kind\"}", "\"/kind\": {\"kind\": \"tick\", \"field\": \"kind\"}", StringComparison.Ordinal)));
        Assert.Contains(e.Errors, x => x.Message.Contains("a tick without options is for a yes/no", StringComparison.Ordinal));
        e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace("\"/name\": {\"field\": \"氏名\", \"minSize\": 7}", "\"/name\": {\"kind\": \"date\", \"field\": \"氏名\"}", StringComparison.Ordinal)));
        Assert.Contains(e.Errors, x => x.Message.Contains("a date placement is for a date field", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_documents_cannot_share_one_kept_fillable_AcroForm()
    {
        var form = Form.Value;
        var e = Assert.Throws<ArgumentException>(() => FormRenderer.RenderMany([(form, Valid), (form, Valid)], Stream.Null, new RenderOptions { KeepFillable = true }));
        Assert.Contains("RenderEach", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_of_a_circled_choice_needs_a_place()
    {
        var e = Assert.Throws<FormDefinitionException>(() => LoadEdited(t => t.Replace(", \"female\": {\"field\": \"sex\", \"option\": \"female\"}", "", StringComparison.Ordinal)));
        Assert.Contains(e.Errors, x => x.Message.Contains("option female of /sex has no place", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_value_prints_inside_its_rectangle()
    {
        var pdf = FormRenderer.Render(Form.Value, Valid);
        var template = Form.Value.Template!;
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(2);
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var text = string.Concat(letters.Select(l => l.Value));
        Assert.Contains("板橋花子", text, StringComparison.Ordinal);
        Assert.Contains("昭和60年4月12日", text, StringComparison.Ordinal);
        Assert.Contains("再登録", text, StringComparison.Ordinal);
        var ours = letters.Where(l => l.FontName != null && l.FontName.Contains("IPAexMincho", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        foreach (var letter in ours)
        {
            // Letter boxes from PdfPig (bottom-left origin) against the placements (top-left, points).
            var (x, top) = (letter.Location.X, page.Height - letter.Location.Y);
            Assert.Contains(template.Placements.SelectMany(p => p.Rects), r => r.Page == 2 && x >= r.X - 0.5 && x <= r.Right + 0.5 && top >= r.Y - 0.5 && top <= r.Bottom + 0.5);
        }
    }

    [SkippableFact]
    public void Every_template_pixel_outside_the_value_rectangles_is_unchanged_at_150_dpi()
    {
        var filled = Tools.Rasterize(FormRenderer.Render(Form.Value, Valid), 150);
        var original = Tools.Rasterize(File.ReadAllBytes(Path.Combine(Fixtures, "libreoffice-form.pdf")), 150);
        Assert.Equal(original.Count, filled.Count);
        var rects = Form.Value.Template!.Placements.SelectMany(p => p.Rects).ToList();
        for (var i = 0; i < original.Count; i++)
        {
            using var a = SKBitmap.Decode(original[i]);
            using var b = SKBitmap.Decode(filled[i]);
            Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
            var scale = 150 / 72.0;
            long changed = 0, outside = 0;
            for (var y = 0; y < a.Height; y++)
                for (var x = 0; x < a.Width; x++)
                {
                    var (p, q) = (a.GetPixel(x, y), b.GetPixel(x, y));
                    if (Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue) <= 24) continue;
                    changed++;
                    // A circle is drawn 1.5 pt around its option, with its stroke: 3 pt of margin.
                    if (!rects.Any(r => r.Page == i + 1 && x / scale >= r.X - 3 && x / scale <= r.Right + 3 && y / scale >= r.Y - 3 && y / scale <= r.Bottom + 3)) outside++;
                }
            Assert.Equal(0, outside);
            if (i == 1) Assert.True(changed > 500, $"page 2 should carry the values ({changed} pixels changed)");
        }
    }

    [Fact]
    public void A_value_too_long_for_its_box_at_the_minimum_size_is_a_print_problem_naming_the_field()
    {
        var form = LoadEdited(t => t.Replace("\"maxLength\": 20", "\"maxLength\": 80", StringComparison.Ordinal));
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Fixtures, "libreoffice-form.valid.json")).Replace("板橋 花子", new string('板', 60), StringComparison.Ordinal));
        var e = Assert.Throws<PrintCheckException>(() => FormRenderer.Render(form, submission));
        Assert.Equal("/name", Assert.Single(e.Errors).Pointer);
        Assert.DoesNotContain("板板", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_blank_form_is_the_template_itself()
    {
        using var document = PdfDocument.Open(FormRenderer.Render(Form.Value, null));
        Assert.Equal(2, document.NumberOfPages);
        Assert.DoesNotContain(document.GetPages().SelectMany(p => p.Letters), l => l.FontName != null && l.FontName.Contains("IPAexMincho", StringComparison.Ordinal));
    }

    [Fact]
    public void The_CLI_says_in_one_line_why_a_template_cannot_be_used_and_exits_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ProcedureForms.Cli.CliApp.Run(["template", "inspect", Path.Combine(Fixtures, "user-password.pdf")], stdout, stderr);
        Assert.Equal(2, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.Contains("needs a password", stderr.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The kept-fillable output: the AcroForm stays, each field carries its value and its own appearance.</summary>
public sealed class KeepFillableTests
{
    private static readonly string Fixtures = TemplatePdfTests.Fixtures;

    private static byte[] Render() => FormRenderer.Render(ProcedureForm.FromFile(Path.Combine(Fixtures, "libreoffice-form.json")),
        Forms.Json(File.ReadAllText(Path.Combine(Fixtures, "libreoffice-form.valid.json"))), new RenderOptions { KeepFillable = true });

    [Fact]
    public void Every_field_stays_with_its_value_and_no_viewer_has_to_make_appearances()
    {
        var pdf = Render();
        Assert.DoesNotContain("NeedAppearances", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetForm(out var form));
        var values = form.Fields.ToDictionary(f => f.Information.PartialName ?? "", f => f);
        Assert.Equal(["birthDate", "idChecked", "kind", "sex", "フリガナ", "氏名"], values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("板橋 花子", Assert.IsType<UglyToad.PdfPig.AcroForms.Fields.AcroTextField>(values["氏名"]).Value);
        Assert.Equal("昭和60年4月12日", Assert.IsType<UglyToad.PdfPig.AcroForms.Fields.AcroTextField>(values["birthDate"]).Value);
        Assert.True(Assert.IsType<UglyToad.PdfPig.AcroForms.Fields.AcroCheckboxField>(values["idChecked"]).IsChecked);
        // The template's own widgets are not copied: each field appears once.
        Assert.Equal(7, document.GetPage(2).GetAnnotations().Count());
    }

    /// <summary>Issue 18: a screen reader names each kept field as the paper form labels it (the field's /TU).</summary>
    [Fact]
    public void Every_kept_field_has_the_label_of_the_field_placed_in_it_as_its_accessible_name()
    {
        using var document = PdfDocument.Open(Render());
        Assert.True(document.TryGetForm(out var form));
        var names = form.Fields.ToDictionary(f => f.Information.PartialName ?? "", f => f.Information.AlternateName);
        Assert.Equal("氏名", names["氏名"]);
        Assert.Equal("フリガナ", names["フリガナ"]);
        Assert.Equal("生年月日", names["birthDate"]);
        Assert.Equal("性別", names["sex"]); // the radio group, named once for its options
        Assert.Equal("本人確認", names["idChecked"]);
        Assert.Equal("区分", names["kind"]);
    }

    [SkippableFact]
    public void Poppler_shows_the_Japanese_values_from_the_appearances()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, Render());
        try
        {
            var (code, text) = Tools.Run("pdftotext", "-f", "2", "-l", "2", path, "-");
            Assert.Equal(0, code);
            Assert.Contains("板橋 花子", text, StringComparison.Ordinal);
            Assert.Contains("イタバシ ハナコ", text, StringComparison.Ordinal);
            Assert.Contains("再登録", text, StringComparison.Ordinal);
            var (check, log) = Tools.Run("qpdf", "--check", path);
            Assert.True(check == 0, log);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>The placement kinds on the ReportLab template (Fixtures/reportlab-form.*): boxes, ticks, era dates, table rows.</summary>
public sealed class PlacementKindTests
{
    private static readonly string Fixtures = TemplatePdfTests.Fixtures;
    private static readonly Lazy<ProcedureForm> Form = new(() => ProcedureForm.FromFile(Path.Combine(Fixtures, "reportlab-form.json")));
    private const double Mm = 72 / 25.4;

    private static string Valid => File.ReadAllText(Path.Combine(Fixtures, "reportlab-form.valid.json"));

    private static List<ProcedureForms.Rendering.Layout.LayoutItem> Items(string submission, int page) =>
        [.. FormRenderer.Layout(Form.Value, Forms.Json(submission)).Pages[page - 1].Items];

    [Fact]
    public void Table_rows_step_down_by_their_pitch()
    {
        var texts = Items(Valid, 2).OfType<ProcedureForms.Rendering.Layout.TextItem>().ToList();
        var first = texts.Single(t => t.Text == "板橋 一郎");
        var second = texts.Single(t => t.Text == "板橋 二葉");
        Assert.Equal(8 * Mm, second.Baseline - first.Baseline, 1);
        Assert.Equal("/children/1/name", second.Source);
        Assert.Contains(texts, t => t.Text == "令和元年5月1日" && t.Source == "/children/1/birthDate");
    }

    [Fact]
    public void More_rows_than_the_sheet_holds_is_a_print_problem_on_the_table()
    {
        var four = Valid.Replace("{\"name\":\"板橋 二葉\",\"birthDate\":\"2019-05-01\"}",
            "{\"name\":\"板橋 二葉\",\"birthDate\":\"2019-05-01\"},{\"name\":\"板橋 三子\"},{\"name\":\"板橋 四郎\"}", StringComparison.Ordinal);
        var e = Assert.Throws<PrintCheckException>(() => FormRenderer.Render(Form.Value, Forms.Json(four), new RenderOptions { Unvalidated = true }));
        Assert.Contains(e.Errors, x => x.Pointer == "/children");
    }

    [Fact]
    public void Rows_past_the_sheet_go_on_a_continuation_sheet_when_the_table_asks_for_one()
    {
        var path = Path.Combine(Fixtures, $"edited-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Fixtures, "reportlab-form.json"))
            .Replace("\"limit\": 3}", "\"limit\": 3, \"overflow\": \"continuation\"}", StringComparison.Ordinal)
            .Replace("\"maxItems\": 3", "\"maxItems\": 40", StringComparison.Ordinal));
        ProcedureForm form;
        try
        {
            form = ProcedureForm.FromFile(path);
        }
        finally
        {
            File.Delete(path);
        }
        var children = string.Join(",", Enumerable.Range(1, 36).Select(i => $"{{\"name\":\"子{i}\",\"birthDate\":\"2015-04-{i % 28 + 1:00}\"}}"));
        var submission = Forms.Json(System.Text.RegularExpressions.Regex.Replace(Valid, "\"children\":\\[.*\\]", $"\"children\":[{children}]"));
        var layout = FormRenderer.Layout(form, submission);
        Assert.Empty(layout.Problems);
        Assert.Equal(2, layout.SheetPages);
        Assert.Equal(4, layout.Pages.Count); // 3 rows on the template, 33 on two 別紙 pages (30 rows a page)
        var continuation = layout.Pages[2].Items.OfType<ProcedureForms.Rendering.Layout.TextItem>().ToList();
        Assert.Contains(continuation, t => t.Text == "別紙（続き）　テンプレート試験（ReportLab）" && t.Source is null);
        Assert.Contains(continuation, t => t.Text == "子（4行目から）");
        Assert.Equal("子4", continuation.First(t => t.Source == "/children/3/name").Text);
        Assert.Contains(continuation, t => t.Source == "/children/3/birthDate" && t.Text == "平成27年4月5日");
        Assert.Contains(layout.Pages[3].Items.OfType<ProcedureForms.Rendering.Layout.TextItem>(), t => t.Source == "/children/35/name" && t.Text == "子36");
        Assert.DoesNotContain(layout.Pages[1].Items.OfType<ProcedureForms.Rendering.Layout.TextItem>(), t => t.Source == "/children/3/name");
        using var document = PdfDocument.Open(FormRenderer.Render(form, submission));
        Assert.Equal(4, document.NumberOfPages);
    }

    [Fact]
    public void A_later_row_or_fixed_text_placed_over_another_value_is_refused()
    {
        static FormDefinitionException Refused(Func<string, string> edit)
        {
            var path = Path.Combine(Fixtures, $"edited-{Guid.NewGuid():N}.json");
            File.WriteAllText(path, edit(File.ReadAllText(Path.Combine(Fixtures, "reportlab-form.json"))));
            try
            {
                return Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromFile(path));
            }
            finally
            {
                File.Delete(path);
            }
        }
        // The third child's birth date (row 3, 16 mm below the first) would print over 転入日.
        var e = Refused(t => t.Replace("\"rect\": [120, 100, 60, 7]", "\"rect\": [120, 127, 30, 7]", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Message.Contains("placed over /children/-/birthDate", StringComparison.Ordinal) || x.Message.Contains("/children/-/birthDate is placed over", StringComparison.Ordinal));
        e = Refused(t => t.Replace("\"rect\": [130, 12, 60, 8]", "\"rect\": [52, 31, 60, 8]", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Message.Contains("the fixed text", StringComparison.Ordinal));
    }

    [Fact]
    public void Character_boxes_take_one_digit_each_from_the_left()
    {
        var digits = Items(Valid, 1).OfType<ProcedureForms.Rendering.Layout.TextItem>().Where(t => t.Source == "/phone").ToList();
        Assert.Equal("0339641111", string.Concat(digits.Select(d => d.Text)));
        var pitch = 66 * Mm / 11;
        for (var i = 0; i < digits.Count; i++)
            Assert.InRange(digits[i].X + digits[i].Width / 2, 52 * Mm + i * pitch, 52 * Mm + (i + 1) * pitch);
    }

    [Fact]
    public void An_era_date_circles_its_era_and_writes_its_parts()
    {
        var items = Items(Valid, 2);
        var circle = Assert.Single(items.OfType<ProcedureForms.Rendering.Layout.EllipseItem>(), e => e.Source == "/birthDate");
        Assert.Equal((25 * Mm, 93 * Mm), (Math.Round(circle.CenterX, 3), Math.Round(circle.CenterY, 3)), new ToleranceComparer(0.01));
        Assert.Equal(["53", "6", "30"], items.OfType<ProcedureForms.Rendering.Layout.TextItem>().Where(t => t.Source == "/birthDate").Select(t => t.Text));
    }

    [Fact]
    public void Fixed_text_names_the_municipality_on_every_copy_and_is_left_blank_without_one()
    {
        var withMunicipality = FormRenderer.Layout(Form.Value, null, new RenderOptions { Municipality = "板橋区" }).Pages[0].Items.OfType<ProcedureForms.Rendering.Layout.TextItem>().ToList();
        var line = Assert.Single(withMunicipality, t => t.Text == "（宛先）板橋区長");
        Assert.Null(line.Source);
        Assert.InRange(line.X + line.Width, 185 * Mm, 190 * Mm); // right-aligned in its box
        Assert.DoesNotContain(FormRenderer.Layout(Form.Value, null).Pages[0].Items.OfType<ProcedureForms.Rendering.Layout.TextItem>(), t => t.Text.Contains("宛先", StringComparison.Ordinal));
    }

    [Fact]
    public void A_multiple_choice_ticks_each_chosen_value_and_an_era_date_as_written_prints()
    {
        var items = Items(Valid, 2);
        var tick = Assert.Single(items.OfType<ProcedureForms.Rendering.Layout.TickItem>(), t => t.Source == "/documents");
        Assert.Equal(130 * Mm, tick.X, 0);
        Assert.Contains(items.OfType<ProcedureForms.Rendering.Layout.TextItem>(), t => t.Source == "/moveDate" && t.Text == "令和8年10月1日");
    }

    [Fact]
    public void Flattening_draws_the_fields_blank_appearances_and_keeping_them_fillable_does_not()
    {
        var flat = System.Text.Encoding.Latin1.GetString(FormRenderer.Render(Form.Value, Forms.Json(Valid)));
        Assert.Contains("cm /W1 Do Q", flat, StringComparison.Ordinal);
        var fillable = System.Text.Encoding.Latin1.GetString(FormRenderer.Render(Form.Value, Forms.Json(Valid), new RenderOptions { KeepFillable = true }));
        Assert.DoesNotContain("cm /W1 Do Q", fillable, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) <= tolerance && Math.Abs(a.Item2 - b.Item2) <= tolerance;
        public int GetHashCode((double, double) obj) => 0;
    }
}

/// <summary>Template forms in merged documents and across processes.</summary>
public sealed class TemplateDocumentTests
{
    private static readonly string Fixtures = TemplatePdfTests.Fixtures;

    [SkippableFact]
    public void A_merged_document_writes_the_template_once_and_reads_back_page_for_page()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Fixtures, "libreoffice-form.json"));
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Fixtures, "libreoffice-form.valid.json")));
        using var merged = new MemoryStream();
        FormRenderer.RenderMany(Enumerable.Range(0, 20).Select(i => (form, i % 4 == 0 ? (JsonElement?)null : submission)), merged);
        var one = FormRenderer.Render(form, submission);
        // The template's objects (its fonts above all) are written once: twenty documents cost far less than twenty files.
        Assert.True(merged.Length < 4 * one.Length, $"{merged.Length} bytes merged, {one.Length} for one document");
        using var document = PdfDocument.Open(merged.ToArray());
        Assert.Equal(40, document.NumberOfPages);
        Assert.Equal(15, document.GetPages().Count(p => p.Letters.Any(l => l.Value == "再")));
        Tools.AssertQpdfClean(merged.ToArray());
    }

    [SkippableFact]
    public void Each_value_lies_inside_its_rectangle_as_pdftotext_bbox_reads_it()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Fixtures, "libreoffice-form.json"));
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, FormRenderer.Render(form, Forms.Json(File.ReadAllText(Path.Combine(Fixtures, "libreoffice-form.valid.json")))));
        try
        {
            var (code, html) = Tools.Run("pdftotext", "-bbox", "-f", "2", "-l", "2", path, "-");
            Assert.Equal(0, code);
            var words = System.Text.RegularExpressions.Regex.Matches(html, "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>")
                .Select(m => (X1: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Y1: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                    X2: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), Y2: double.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture), Text: m.Groups[5].Value))
                .ToList();
            var placements = form.Template!.Placements;
            foreach (var (value, pointer) in new[] { ("板橋", "/name"), ("花子", "/name"), ("イタバシ", "/kana"), ("昭和60年4月12日", "/birthDate"), ("再登録", "/kind") })
            {
                var word = Assert.Single(words, w => w.Text == value);
                var rect = placements.Single(p => p.Spec.Target == pointer).Rect!;
                Assert.True(word.X1 >= rect.X - 0.5 && word.X2 <= rect.Right + 0.5 && word.Y1 >= rect.Y - 0.5 && word.Y2 <= rect.Bottom + 0.5,
                    $"{value} at ({word.X1:0.0},{word.Y1:0.0})–({word.X2:0.0},{word.Y2:0.0}) outside {rect}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Two_processes_print_a_template_form_to_the_same_bytes()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "procforms.dll");
        var hashes = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            var output = Path.Combine(Path.GetTempPath(), $"procforms-template-determinism-{Guid.NewGuid():N}.pdf");
            var (code, log) = Tools.Run("dotnet", [cli, "render", Path.Combine(Fixtures, "libreoffice-form.json"), Path.Combine(Fixtures, "libreoffice-form.valid.json"), "-o", output]);
            Assert.True(code == 0, log);
            hashes.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(output))));
            File.Delete(output);
        }
        Assert.Equal(hashes[0], hashes[1]);
    }
}

/// <summary>A scanned template (Fixtures/scanned-form.*: one image, no text, no fields) with the 妊娠届出書 placements measured on it.</summary>
public sealed class ScannedTemplateTests
{
    private static readonly string Fixtures = TemplatePdfTests.Fixtures;

    [SkippableFact]
    public void Values_print_over_a_scan_and_leave_the_rest_of_it_unchanged()
    {
        var definition = File.ReadAllText(Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede-yoshiki.json"))
            .Replace("\"$id\": \"https://procedureforms.dev/forms/ninshin-todokede-yoshiki/2026.12\",", "", StringComparison.Ordinal)
            .Replace("../templates/ninshin-todokede-yoshiki.pdf", "scanned-form.pdf", StringComparison.Ordinal)
            .Replace("f40cc5675ac01f7bab26bc1d531184646f872014e3021b8a351469a2ca90c149", "2bfeded58196f2bfd1e25b2f05fd6dca821f0e991d8faed828ee8ea120dcb763", StringComparison.Ordinal);
        var path = Path.Combine(Fixtures, $"scanned-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, definition);
        ProcedureForm form;
        try
        {
            form = ProcedureForm.FromFile(path);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Empty(TemplatePdf.FromFile(Path.Combine(Fixtures, "scanned-form.pdf")).Fields);
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "ninshin-todokede-yoshiki", "submissions", "valid.json")));
        var pdf = FormRenderer.Render(form, submission, new RenderOptions { Municipality = "板橋区", MaskMyNumber = true });
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Concat(document.GetPage(1).Letters.Select(l => l.Value));
            Assert.Contains("板橋", text, StringComparison.Ordinal);
            Assert.Contains("＊＊＊＊", text, StringComparison.Ordinal); // 個人番号 masked in its boxes, as on generated forms
            Assert.DoesNotContain("1234", text, StringComparison.Ordinal);
        }
        var filled = Tools.Rasterize(pdf, 100);
        var scan = Tools.Rasterize(File.ReadAllBytes(Path.Combine(Fixtures, "scanned-form.pdf")), 100);
        using var a = SKBitmap.Decode(scan[0]);
        using var b = SKBitmap.Decode(filled[0]);
        var rects = form.Template!.Placements.SelectMany(p => p.Rects).ToList();
        var rows = form.Template.Placements.Where(p => p.Spec.Kind == "rows").Select(p => (p.Spec.RowPitchMm ?? 0) * 72 / 25.4 * ((p.Spec.RowLimit ?? 1) - 1)).DefaultIfEmpty(0).Max();
        long outside = 0;
        for (var y = 0; y < a.Height; y++)
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a.GetPixel(x, y), b.GetPixel(x, y));
                if (Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue) <= 24) continue;
                var (px, py) = (x * 72 / 100.0, y * 72 / 100.0);
                // Rows repeat their first row's rectangles downwards.
                if (!rects.Any(r => px >= r.X - 3 && px <= r.Right + 3 && py >= r.Y - 3 && py <= r.Bottom + 3 + rows)) outside++;
            }
        Assert.Equal(0, outside);
    }
}
