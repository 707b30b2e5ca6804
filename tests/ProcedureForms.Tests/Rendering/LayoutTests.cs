using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Tests.Rendering;

/// <summary>The layout model on its own: no Skia, no font, a fixed-pitch measurer.</summary>
public sealed class LayoutTests
{
    /// <summary>Full-width characters one em, ASCII half an em.</summary>
    internal sealed class FixedPitch : ITextMeasurer
    {
        public double Measure(string text, double size) => text.EnumerateRunes().Sum(r => r.Value < 0x80 ? 0.5 : r.Value is >= 0xE0100 and <= 0xE01EF ? 0 : 1.0) * size;
    }

    private static readonly FormLayoutEngine Engine = new(new FixedPitch());
    private static readonly ProcedureForm Sample = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "jido-teate-nintei.json"));

    private static IEnumerable<string> Texts(LayoutDocument layout) => layout.Pages.SelectMany(p => p.Items.OfType<TextItem>()).Select(t => t.Text);

    [Fact]
    public void Blank_form_prints_the_era_date_line_and_every_condition()
    {
        var layout = Engine.Layout(Sample, null, new LayoutOptions { Municipality = "板橋区" });
        var texts = Texts(layout).ToList();
        Assert.True(Printed.HasDateLine(layout, "令和"));
        Assert.Contains("（宛先）板橋区長", texts);
        Assert.Contains("（配偶者がいる場合のみ記入）", texts);
        Assert.Contains("（公金受取口座を利用しない場合に記入）", texts);
        Assert.Contains("※職員記入欄", texts);
        Assert.Contains("受付印", texts);
    }

    [Fact]
    public void Conditions_without_a_label_are_worded_from_the_if()
    {
        var form = Forms.Inline("""
            {"type":"object","properties":{"hasAgent":{"title":"代理人の有無","type":"boolean"},"agent":{"title":"代理人","type":"object","properties":{"name":{"title":"氏名"}}}},
             "if":{"properties":{"hasAgent":{"const":true}},"required":["hasAgent"]},"then":{"required":["agent"]}}
            """);
        Assert.Contains("（代理人の有無が「はい」の場合のみ記入）", Texts(Engine.Layout(form, null)));
    }

    [Fact]
    public void Filled_dates_write_into_the_era_date_line()
    {
        var layout = Engine.Layout(Sample, Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"))));
        Assert.Equal(["8", "11", "26"], Printed.Texts(layout, "/applicationDate"));
        Assert.Equal(["元", "5", "1"], Printed.Texts(layout, "/children/1/birthDate"));
        Assert.True(Printed.Marked(layout, "/children/1/birthDate")); // 令 circled
        Assert.True(Printed.HasDateLine(layout, "令和"));
    }

    [Fact]
    public void Rows_beyond_the_declared_ones_go_to_continuation_sheets_with_the_table_header()
    {
        var children = string.Join(",", Enumerable.Range(1, 60).Select(i => $$"""{"name":"児童 {{i}}","kana":"ジドウ","birthDate":"2015-01-01","relationship":"子","livingTogether":"together","custody":true}"""));
        var submission = Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"))
            .Replace("\"children\": [", $"\"children\": [{children},", StringComparison.Ordinal));
        var blank = Engine.Layout(Sample, null);
        var layout = Engine.Layout(Sample, submission);
        Assert.Equal(blank.Pages.Count, layout.SheetPages); // the sheet itself does not grow
        Assert.True(layout.Pages.Count >= layout.SheetPages + 2);
        Assert.Contains("※記入しきれない分は別紙", Texts(layout));
        var sheets = layout.Pages.Count - layout.SheetPages;
        foreach (var page in layout.Pages)
        {
            var texts = page.Items.OfType<TextItem>().Select(t => t.Text).ToList();
            var continuation = page.Number > layout.SheetPages;
            Assert.Contains(continuation ? $"別紙 {page.Number - layout.SheetPages} / {sheets}" : $"{page.Number} / {layout.SheetPages}", texts);
            // Nothing crosses the bottom margin: rows are never split.
            Assert.All(page.Items.OfType<RectItem>(), r => Assert.True(r.Y + r.Height <= layout.Height - 10 * 72 / 25.4 + 0.01, $"a box ends at {r.Y + r.Height} on page {page.Number}"));
            if (continuation)
            {
                Assert.Contains("児童（続き）", texts);
                Assert.Contains("フリガナ", texts); // the column header again
            }
        }
        // Every child is printed once: rows 1-4 on the sheet, 5-62 on the continuation sheets.
        var names = layout.Pages.SelectMany(p => p.Items.OfType<TextItem>()).Where(t => t.Source is { } s && s.StartsWith("/children/", StringComparison.Ordinal) && s.EndsWith("/name", StringComparison.Ordinal)).ToList();
        Assert.Equal(62, names.Count);
        Assert.Equal(62, names.Select(n => n.Source).Distinct().Count());
        Assert.All(names.Where(n => int.Parse(n.Source!.Split('/')[2]) >= 4), n => Assert.True(layout.Pages.First(p => p.Items.Contains(n)).Number > layout.SheetPages));
    }

    [Fact]
    public void Blank_tables_print_the_rows_the_form_asks_for()
    {
        var layout = Engine.Layout(Sample, null);
        var numbers = Texts(layout).Where(t => t is "1" or "2" or "3" or "4" or "5").ToList();
        Assert.Equal(["1", "2", "3", "4"], numbers.Take(4)); // rows: 4
        Assert.DoesNotContain("5", numbers);
    }

    [Theory]
    [InlineData("A3", "portrait", 842, 1191)]
    [InlineData("A4", "landscape", 842, 595)]
    [InlineData("B5", "portrait", 516, 729)]
    public void Paper_comes_from_the_form(string size, string orientation, double width, double height)
    {
        var form = Forms.Inline("""{"$schema":"https://procedureforms.dev/schema/2026-11/form","paper":{"size":"SIZE","orientation":"ORIENTATION"},"properties":{"a":{"title":"A"}}}"""
            .Replace("SIZE", size).Replace("ORIENTATION", orientation));
        var layout = Engine.Layout(form, null);
        Assert.Equal((width, height), (layout.Width, layout.Height));
    }

    [Theory]
    [InlineData("seal-required", "請求者氏名（記名押印）", true)]
    [InlineData("signature-required", "請求者署名（自署）", false)]
    [InlineData("signature-or-seal", "請求者署名または記名押印", true)]
    public void The_signature_line_follows_the_seal_policy(string policy, string label, bool sealMark)
    {
        var form = Forms.Inline("""{"$schema":"https://procedureforms.dev/schema/2026-11/form","sealPolicy":"POLICY","properties":{"claimant":{"title":"請求者","type":"object","properties":{"name":{"title":"氏名"}}}}}""".Replace("POLICY", policy));
        var layout = Engine.Layout(form, null);
        Assert.Contains(label, Texts(layout));
        Assert.Equal(sealMark, Texts(layout).Contains("印"));
    }

    [Fact]
    public void Printed_name_forms_have_no_signature_line() =>
        Assert.DoesNotContain(Texts(Engine.Layout(Sample, null)), t => t.Contains("署名") || t.Contains("押印"));

    [Fact]
    public void Plain_schema_prints_titles_as_labels()
    {
        var form = Forms.Inline("""{"title":"届出","type":"object","properties":{"a":{"title":"氏名"},"b":{"type":"string"}}}""");
        var texts = Texts(Engine.Layout(form, Forms.Json("""{"a":"板橋 花子","b":"x"}"""))).ToList();
        Assert.Contains("届出", texts);
        Assert.Contains("氏名", texts);
        Assert.Contains("b", texts); // untitled: the property name
        Assert.Contains("板橋 花子", texts);
    }

    [Fact]
    public void Choices_print_every_option_and_tick_the_chosen_one()
    {
        var layout = Engine.Layout(Sample, Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"))));
        var items = layout.Pages[0].Items;
        var boxes = items.OfType<CheckBoxItem>().ToList();
        Assert.Contains(boxes, b => b.Checked);
        Assert.Contains(boxes, b => !b.Checked);
        Assert.Contains(items.OfType<EllipseItem>(), e => e.RadiusX > 0); // 女 is circled
        Assert.Contains("国民年金・未加入", Texts(layout));
    }

    [Fact]
    public void A_list_of_choices_prints_one_row_of_tick_boxes_and_ticks_each_chosen_one()
    {
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"請求書","type":"object","properties":{
              "items":{"title":"記載事項","type":"array","uniqueItems":true,"items":{"enum":["head","domicile","myNumber"]},
                       "enumLabels":{"head":"世帯主・続柄","domicile":"本籍・筆頭者","myNumber":"個人番号"}}}}
            """);
        var blank = Engine.Layout(form, null);
        var filled = Engine.Layout(form, Forms.Json("""{"items":["head","myNumber"]}"""));
        var boxes = blank.Pages[0].Items.OfType<CheckBoxItem>().ToList();
        Assert.Equal(3, boxes.Count);
        Assert.Single(boxes.Select(b => b.Y).Distinct()); // one row
        Assert.Contains("本籍・筆頭者", Texts(blank));
        var ticked = filled.Pages[0].Items.OfType<CheckBoxItem>().Where(b => b.Checked).ToList();
        Assert.Equal(2, ticked.Count);
        Assert.All(ticked, b => Assert.Equal("/items", b.Source));
    }

    [Fact]
    public void An_optional_block_prints_its_own_condition_label()
    {
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"届出書","type":"object","properties":{
              "agent":{"title":"代理人","type":"object","conditionLabel":"代理人が届け出る場合のみ記入","properties":{"name":{"title":"氏名","type":"string","maxLength":20}}}}}
            """);
        Assert.Contains("（代理人が届け出る場合のみ記入）", Texts(Engine.Layout(form, null)));
    }

    [Fact]
    public void The_signature_label_can_be_worded_by_the_form()
    {
        var form = Forms.Inline("""{"$schema":"https://procedureforms.dev/schema/2026-11/form","sealPolicy":"signature-required","signatureLabel":"申請者署名（代理人のときは代理人）","properties":{"a":{"title":"A","type":"object","properties":{"b":{"title":"B","type":"string","maxLength":5}}}}}""");
        Assert.Contains("申請者署名（代理人のときは代理人）", Texts(Engine.Layout(form, null)));
    }
}

public sealed class LineBreakerTests
{
    private static readonly LayoutTests.FixedPitch Measurer = new();

    [Fact]
    public void Lines_break_anywhere_between_japanese_characters() =>
        Assert.Equal(["あいう", "えお"], LineBreaker.Wrap("あいうえお", 30, 10, Measurer));

    [Fact]
    public void No_line_starts_with_a_closing_mark() =>
        // "あいう" fits, but then "。" would start the next line: "う" goes down with it.
        Assert.Equal(["あい", "う。え"], LineBreaker.Wrap("あいう。え", 30, 10, Measurer));

    [Fact]
    public void No_line_starts_with_a_small_kana_or_prolonged_mark() =>
        Assert.All(LineBreaker.Wrap("アイウッーエオカキクケコ", 30, 10, Measurer).Skip(1), line => Assert.DoesNotMatch("^[ッーァィゥェォャュョ]", line));

    [Fact]
    public void No_line_ends_with_an_opening_bracket() =>
        Assert.All(LineBreaker.Wrap("あい「うえお」かき", 30, 10, Measurer), line => Assert.False(line.EndsWith('「')));

    [Fact]
    public void Latin_words_stay_whole_and_too_long_words_are_split()
    {
        Assert.Equal(["ab cd", "efgh"], LineBreaker.Wrap("ab cd efgh", 30, 10, Measurer));
        Assert.All(LineBreaker.Wrap("abcdefghijklmnopqrstuvwxyz", 30, 10, Measurer), line => Assert.True(line.Length <= 6));
    }

    [Fact]
    public void A_variation_sequence_is_never_split()
    {
        var lines = LineBreaker.Wrap("葛\U000E0100城葛\U000E0100城", 20, 10, Measurer);
        Assert.Equal(["葛\U000E0100城", "葛\U000E0100城"], lines);
    }

    [Fact]
    public void Names_and_addresses_break_at_their_spaces_when_every_word_fits()
    {
        Assert.Equal(["板橋", "健一"], LineBreaker.WrapAtSpaces("板橋\u3000健一", 40, 10, Measurer));
        Assert.Equal(["あいう えお", "かきく"], LineBreaker.WrapAtSpaces("あいう えお かきく", 60, 10, Measurer));
        Assert.Equal(["あいうえ", "おか"], LineBreaker.WrapAtSpaces("あいうえおか", 40, 10, Measurer)); // no space: anywhere
    }

    [Fact]
    public void Newlines_start_new_lines() => Assert.Equal(["あ", "い"], LineBreaker.Wrap("あ\nい", 100, 10, Measurer));

    [Fact]
    public void Regression_consecutive_shared_rows_split_at_different_x_so_the_rule_between_them_jogged()
    {
        // Regression: 金融機関名｜金融機関コード and 預金種目｜口座番号 split about 0.7 mm apart (each row moved its own
        // split as far as its side needed), so the vertical rule had a step in it.
        var form = ProcedureForms.Definitions.ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var items = ProcedureForms.Rendering.FormRenderer.Layout(form, null, ProcedureForms.Rendering.RenderOptions.Default).Pages[0].Items;
        double CellLeft(string label)
        {
            var text = items.OfType<TextItem>().First(t => t.Text == label);
            return items.OfType<RectItem>().Where(r => r.Fill is not null && r.X <= text.X && r.X + r.Width >= text.X && r.Y <= text.Baseline && r.Y + r.Height >= text.Baseline)
                .MinBy(r => r.Width)!.X;
        }
        Assert.Equal(CellLeft("金融機関コード"), CellLeft("店舗コード"), 1);
        Assert.Equal(CellLeft("金融機関コード"), CellLeft("口座番号"), 1);
    }

    [Fact]
    public void A_block_description_can_be_the_forms_own_wording_at_full_size()
    {
        // From the designer's pass: the 委任状's 「私は、上記の代理人に…」 printed in the small guidance size.
        var form = ProcedureForms.Definitions.ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "tenshutsu-todoke.json"));
        var items = ProcedureForms.Rendering.FormRenderer.Layout(form, null, ProcedureForms.Rendering.RenderOptions.Default).Pages[0].Items;
        Assert.Equal(ProcedureForms.Rendering.Layout.FormStyle.Value, items.OfType<TextItem>().Single(t => t.Text.StartsWith("私は、上記の代理人に", StringComparison.Ordinal)).Size);
        var guidance = ProcedureForms.Definitions.ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "juminhyo-kofu-seikyu.json"));
        var note = ProcedureForms.Rendering.FormRenderer.Layout(guidance, null, ProcedureForms.Rendering.RenderOptions.Default).Pages[0].Items.OfType<TextItem>()
            .Single(t => t.Text.StartsWith("私は、下記の代理人に", StringComparison.Ordinal));
        Assert.Equal(ProcedureForms.Rendering.Layout.FormStyle.Note, note.Size);
    }

    [Fact]
    public void A_field_that_applies_on_the_answer_beside_it_shares_its_row_with_the_condition_under_its_label()
    {
        // From the designer's pass: 受給の有無 and 年金額 could not share a row because 「（受給が「有」の場合に記入）」 stood
        // between them; paper prints the amount beside 有・無.
        var form = ProcedureForms.Definitions.ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", "jido-fuyo-nintei.json"));
        var items = ProcedureForms.Rendering.FormRenderer.Layout(form, null, ProcedureForms.Rendering.RenderOptions.Default).Pages[0].Items.OfType<TextItem>().ToList();
        var answer = items.First(t => t.Text.Contains("受給の有無", StringComparison.Ordinal) || t.Text == "受給の有無");
        var amount = items.First(t => t.Text.StartsWith("年金額", StringComparison.Ordinal));
        Assert.True(amount.X > answer.X + 100 && Math.Abs(amount.Baseline - answer.Baseline) < 12, "one row");
        Assert.Contains(items, t => t.Text.Contains("場合に記入", StringComparison.Ordinal) && t.X >= amount.X - 5 && t.Baseline > amount.Baseline);
    }
}
