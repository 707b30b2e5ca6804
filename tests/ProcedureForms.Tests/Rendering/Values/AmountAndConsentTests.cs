using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Tests.Rendering.Values;

/// <summary>
/// Money, counts, consent and the addressee as official forms print them, from what the schema says (never the label):
/// fixtures beside this file.
/// </summary>
public sealed class AmountAndConsentTests
{
    private static readonly string Fixtures = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Rendering", "Values");

    private static IReadOnlyList<LayoutItem> Items(string form, string submission)
    {
        var loaded = ProcedureForm.FromFile(Path.Combine(Fixtures, form));
        return FormRenderer.Layout(loaded, Forms.Json(submission), RenderOptions.Default).Pages[0].Items;
    }

    private static TextItem Text(IReadOnlyList<LayoutItem> items, string text) => Assert.Single(items.OfType<TextItem>(), t => t.Text == text);

    private static RectItem CellOf(IReadOnlyList<LayoutItem> items, TextItem text) =>
        items.OfType<RectItem>().Where(r => r.Writable && r.X <= text.X && r.X + r.Width >= text.X + text.Width && r.Y <= text.Baseline && r.Y + r.Height >= text.Baseline)
            .MinBy(r => r.Width * r.Height)!;

    [Fact]
    public void Regression_a_plain_form_printed_amounts_left_aligned_without_grouping()
    {
        // Regression: 「4800000」 at the left of its cell; official forms write 「4,800,000」 at the right.
        var items = Items("amounts-plain.json", File.ReadAllText(Path.Combine(Fixtures, "amounts-plain.submission.json")));
        var savings = Text(items, "4,800,000");
        var cell = CellOf(items, savings);
        Assert.True(cell.X + cell.Width - (savings.X + savings.Width) < 15, "right-aligned");
        Assert.True(savings.X - cell.X > cell.Width / 2, "not at the left");
        Assert.Contains(items.OfType<TextItem>(), t => t.Text == "800,000");
        Assert.DoesNotContain(items.OfType<TextItem>(), t => t.Text == "4800000");
    }

    [Fact]
    public void Regression_a_consent_boolean_printed_hai_instead_of_a_ticked_statement()
    {
        var items = Items("amounts-plain.json", File.ReadAllText(Path.Combine(Fixtures, "amounts-plain.submission.json")));
        var statement = Text(items, "金融機関等への調査に同意します");
        var box = Assert.Single(items.OfType<CheckBoxItem>(), b => b.Source == "/consent");
        Assert.True(box.Checked);
        Assert.True(box.X < statement.X && Math.Abs(box.Y + box.Size / 2 - (statement.Baseline - statement.Size * 0.35)) < 4, "the box stands before the statement, on its line");
        // No はい・いいえ on the consent's line.
        Assert.DoesNotContain(items.OfType<TextItem>(), t => t.Text is "はい" or "いいえ" && Math.Abs(t.Baseline - statement.Baseline) < 2);
    }

    [Fact]
    public void Regression_an_addressee_without_a_municipality_printed_a_stray_cho()
    {
        var items = Items("amounts-plain.json", File.ReadAllText(Path.Combine(Fixtures, "amounts-plain.submission.json")));
        var addressee = Text(items, "（宛先）");
        Assert.DoesNotContain(items.OfType<TextItem>(), t => t.Text.Contains('長', StringComparison.Ordinal) && Math.Abs(t.Baseline - addressee.Baseline) < 1);
        Assert.Contains(items.OfType<LineItem>(), l => l.Y1 == l.Y2 && l.X1 > addressee.X + addressee.Width && Math.Abs(l.Y1 - addressee.Baseline) < 4);
    }

    [Fact]
    public void A_unit_prints_once_beside_the_grouped_amount_and_years_and_codes_are_not_grouped()
    {
        var items = Items("amounts-vocabulary.json", """{"pension":4800000,"year":2026,"code":1234567,"boxed":4800000,"consent":true}""");
        var amount = Text(items, "4,800,000");
        var unit = items.OfType<TextItem>().Where(t => t.Text == "円" && Math.Abs(t.Baseline - amount.Baseline) < 1).ToList();
        Assert.Single(unit);
        Assert.True(unit[0].X > amount.X + amount.Width && unit[0].X - (amount.X + amount.Width) < 12, "円 right after the amount");
        var year = Text(items, "2026");
        Assert.True(year.X - CellOf(items, year).X > CellOf(items, year).Width / 2, "a year is right-aligned");
        var code = Text(items, "1234567");
        Assert.True(code.X - CellOf(items, code).X < 15, "a code is written from the left");
    }

    [Fact]
    public void An_amount_in_character_boxes_fills_them_from_the_right()
    {
        var items = Items("amounts-vocabulary.json", """{"pension":0,"year":2026,"code":1,"boxed":4800000}""");
        var digits = items.OfType<TextItem>().Where(t => t.Source == "/boxed").OrderBy(t => t.X).ToList();
        Assert.Equal("4800000", string.Concat(digits.Select(d => d.Text)));
        var boxes = items.OfType<RectItem>().Where(r => r.Writable && r.Width < 30 && Math.Abs(r.Y - (digits[0].Baseline - 15)) < 15).OrderBy(r => r.X).ToList();
        Assert.Equal(10, boxes.Count);
        // 7 digits in 10 boxes: the first three boxes stay empty.
        Assert.True(digits[0].X > boxes[2].X + boxes[2].Width - 0.5, "the first digit is in the fourth box");
        Assert.True(digits[^1].X < boxes[9].X + boxes[9].Width && digits[^1].X > boxes[9].X, "the last digit is in the last box");
    }
}
