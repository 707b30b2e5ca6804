using ProcedureForms.Japanese;
using ProcedureForms.Rendering.Layout;

namespace ProcedureForms.Tests.Rendering;

/// <summary>Reads back what a layout writes for a submission pointer.</summary>
internal static class Printed
{
    /// <summary>The texts written for <paramref name="pointer"/>, in reading order (page, line, left to right).</summary>
    public static IReadOnlyList<string> Texts(LayoutDocument layout, string pointer) =>
        [.. layout.Pages.SelectMany(p => p.Items.OfType<TextItem>().Where(t => t.Source == pointer).Select(t => (p.Number, t)))
            .OrderBy(x => x.Number).ThenBy(x => Math.Round(x.t.Baseline)).ThenBy(x => x.t.X).Select(x => x.t.Text)];

    /// <summary>Whether the form prints 「{eras}　　年　　月　　日」: the eras, then 年, 月 and 日 on the same line, left to right.</summary>
    public static bool HasDateLine(LayoutDocument layout, string eras) =>
        layout.Pages.Any(page => page.Items.OfType<TextItem>().Where(t => t.Text == eras && t.Source is null).Any(era =>
        {
            var line = page.Items.OfType<TextItem>().Where(t => t.Source is null && Math.Abs(t.Baseline - era.Baseline) < 0.01 && t.X > era.X).OrderBy(t => t.X).Select(t => t.Text).ToList();
            return line.Take(3).SequenceEqual(["年", "月", "日"]);
        }));

    /// <summary>Whether a mark (circle or tick) was made for <paramref name="pointer"/>.</summary>
    public static bool Marked(LayoutDocument layout, string pointer) =>
        layout.Pages.SelectMany(p => p.Items).Any(i => i is EllipseItem { Source: { } s } && s == pointer || i is CheckBoxItem { Checked: true, Source: { } c } && c == pointer);

    /// <summary>The texts a date's value writes into 「　　年　　月　　日」: year (元 for the first), month, day.</summary>
    public static IReadOnlyList<string> DateParts(string value)
    {
        Assert.True(JapaneseDate.TryParseAny(value, out var date));
        var (_, year) = JapaneseDate.ToEraYear(date);
        return [JapaneseDate.YearText(year), date.Month.ToString(), date.Day.ToString()];
    }
}
