using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Rendering.Tables;

/// <summary>Table columns are sized from the longest value their schema admits (fixtures beside this file).</summary>
public sealed class TableColumnTests
{
    private static readonly string Fixtures = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Rendering", "Tables");


    [Fact]
    public void Regression_a_household_table_refused_an_ordinary_filled_submission_for_a_narrow_furigana_column()
    {
        // Regression: the フリガナ column was shared out by weight and too narrow for 「イタバシ イチロウ」 at its
        // maxLength of 20, so a valid household of 4 was refused by the print check while lint only warned.
        var form = ProcedureForm.FromFile(Path.Combine(Fixtures, "household-long-kana.json"));
        Assert.False(FormLinter.HasErrors(FormLinter.Lint(form)));
        var json = File.ReadAllText(Path.Combine(Fixtures, "household-long-kana.submission.json"));
        var report = form.Validate(json, Forms.Printing);
        Assert.Empty(report.Errors);
        Assert.Empty(report.PrintProblems);
        using var document = JsonDocument.Parse(json);
        var text = GoldenRenderingTests.TextWithPositions(FormRenderer.Render(form, document.RootElement, new RenderOptions { Municipality = "板橋区" }));
        foreach (var kana in document.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("kana").GetString()!))
            foreach (var word in kana.Split(' ', '\u3000'))
                Assert.Contains(word, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_furigana_column_whose_declared_width_cannot_hold_its_longest_value_is_a_lint_error_with_the_fix()
    {
        var definition = File.ReadAllText(Path.Combine(Fixtures, "household-long-kana.json"))
            .Replace("\"format\": \"jp-katakana\", \"maxLength\": 20 },\n          \"birthDate\"", "\"format\": \"jp-katakana\", \"maxLength\": 20, \"width\": 20 },\n          \"birthDate\"", StringComparison.Ordinal);
        Assert.Contains("\"width\": 20", definition, StringComparison.Ordinal);
        var finding = Assert.Single(FormLinter.Lint(ProcedureForm.FromText(definition)), f => f.Code == "value-does-not-fit");
        Assert.Equal((LintSeverity.Error, "/properties/members/items/properties/kana"), (finding.Severity, finding.Pointer));
        Assert.Matches("幅が約 [0-9]+ mm 要ります。列の width をそれ以上にするか maxLength を短くしてください", finding.Message);
    }

    [Fact]
    public void KanaAboveName_prints_the_furigana_over_the_name_in_one_cell_so_a_boxed_my_number_still_fits()
    {
        // From the designer's pass: a 12-box 個人番号 column crowded the table and broke the フリガナ column; paper forms
        // stack フリガナ over 氏名 in one cell.
        var form = ProcedureForm.FromFile(Path.Combine(Fixtures, "household-kana-above-name.json"));
        Assert.False(FormLinter.HasErrors(FormLinter.Lint(form)));
        var json = File.ReadAllText(Path.Combine(Fixtures, "household-kana-above-name.submission.json"));
        Assert.True(form.Validate(json, Forms.Printing).IsPrintable);
        using var document = JsonDocument.Parse(json);
        var items = FormRenderer.Layout(form, document.RootElement, RenderOptions.Default).Pages[0].Items;
        var texts = items.OfType<ProcedureForms.Rendering.Layout.TextItem>().ToList();
        var kana = texts.Single(t => t.Source == "/members/2/kana");
        var name = texts.Single(t => t.Source == "/members/2/name");
        Assert.True(Math.Abs(kana.X - name.X) < 1 && kana.Baseline < name.Baseline && kana.Size < name.Size, "the furigana stands above its name, smaller, in the same cell");
        Assert.Contains(texts, t => t.Text == "フリガナ");
        Assert.Equal(12, items.OfType<ProcedureForms.Rendering.Layout.TextItem>().Count(t => t.Source == "/members/0/myNumber"));
    }
}
