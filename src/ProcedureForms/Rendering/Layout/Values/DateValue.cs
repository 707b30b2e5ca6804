using System.Globalization;
using System.Text.Json;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Japanese;

namespace ProcedureForms.Rendering.Layout.Values;

/// <summary>
/// A date in 和暦 as paper forms print it: 「昭和・平成・令和　　年　　月　　日」, the same blank or filled. Filling circles
/// the era and writes the year (元 for the first), month and day into the gaps. Narrow cells put the eras on a line of
/// their own. A date in an era the form does not print is reported, not squeezed in.
/// </summary>
internal sealed class DateValue(FormNode field, ITextMeasurer measurer, bool compact, double? size = null) : ValueElement(field, measurer, compact)
{
    /// <summary>The room left for a number before 年, 月 and 日: two characters, a little less in a table cell.</summary>
    private double GapWidth => (Compact ? 1.5 : 2) * Size;

    private new double Size => size ?? base.Size;

    /// <summary>The eras printed: the form model's, from the field's <c>eras</c> or its bounds (never from its label).</summary>
    public IReadOnlyList<string> Eras { get; } = field.Dates is { } dates ? [.. dates.Eras.Select(e => e.Name)] : ["令和"];

    private bool Abbreviated => Compact && Eras.Count > 1;

    private string EraName(string era) => Abbreviated ? era[..1] : era;

    private double DateWidth => 3 * GapWidth + Measurer.Measure("年月日", Size);

    /// <summary>Room around each era for the circle drawn around the chosen one, so it touches neither 「・」 nor the year.</summary>
    private double CirclePad => Eras.Count > 1 ? Size * (Compact ? 0.35 : 0.45) : 0;

    private double SeparatorGap => Size * (Compact ? 0.3 : 0.45);

    /// <summary>Where each era starts, from the left of the scaffold, and the width of the eras with their room.</summary>
    private (List<double> Starts, double Width) EraPositions()
    {
        var starts = new List<double>();
        var x = CirclePad;
        for (var i = 0; i < Eras.Count; i++)
        {
            if (i > 0) x += SeparatorGap + Measurer.Measure("・", Size) + SeparatorGap;
            starts.Add(x);
            x += Measurer.Measure(EraName(Eras[i]), Size);
        }
        return (starts, x + CirclePad + (Eras.Count > 1 ? 1 : 0));
    }

    private double EraWidth => EraPositions().Width;

    public override double NeededWidth => Math.Max(DateWidth, EraWidth);

    /// <summary>The width of the scaffold on one line.</summary>
    public double OneLineWidth => EraWidth + DateWidth;

    private bool TwoLines(double width) => OneLineWidth > width;

    public override double NeededHeight(double width) => (TwoLines(width) ? 2 : 1) * FormStyle.Leading(Size);

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        var inner = cell.Inset(FormStyle.PadX, FormStyle.PadY);
        if (!TwoLines(inner.Width))
        {
            DrawLine(canvas, inner.X, Canvas.Baseline(inner, Size), pointer, withEras: true, withDate: true);
            return;
        }
        var lh = FormStyle.Leading(Size);
        var top = inner.Y + (inner.Height - 2 * lh) / 2;
        DrawLine(canvas, inner.X, Canvas.Baseline(new Box(inner.X, top, inner.Width, lh), Size), pointer, withEras: true, withDate: false);
        DrawLine(canvas, inner.X, Canvas.Baseline(new Box(inner.X, top + lh, inner.Width, lh), Size), pointer, withEras: false, withDate: true);
    }

    /// <summary>Draws the scaffold (eras and/or 「　　年　　月　　日」) from <paramref name="x"/> and writes the value into its gaps.</summary>
    public void DrawLine(Canvas canvas, double x, double baseline, string pointer, bool withEras, bool withDate)
    {
        var first = canvas.Items.Count;
        var (starts, eraWidth) = EraPositions();
        if (withEras)
            for (var i = 0; i < Eras.Count; i++)
            {
                if (i > 0) canvas.Text(x + starts[i] - SeparatorGap - canvas.Measure("・", Size), baseline, Size, "・");
                canvas.Text(x + starts[i], baseline, Size, EraName(Eras[i]));
            }
        var start = x + (withEras ? eraWidth : 0);
        var gap = GapWidth;
        var unit = canvas.Measure("年", Size);
        if (withDate)
            for (var i = 0; i < 3; i++)
                canvas.Text(start + gap + i * (gap + unit), baseline, Size, "年月日"[i].ToString());
        if (canvas.Fill?.Value(pointer) is not { ValueKind: JsonValueKind.String } value) return;
        if (!JapaneseDate.TryParseAny(value.GetString(), out var date) || JapaneseEra.Of(date) is null)
        {
            canvas.Fill.Problem(pointer, "は日付として印刷できません。", " cannot be printed as a date.");
            return;
        }
        var (era, year) = JapaneseDate.ToEraYear(date);
        var index = Eras.ToList().IndexOf(era.Name);
        if (index < 0)
        {
            canvas.Fill.Problem(pointer, $"の元号（{era.Name}）はこの様式の日付欄に印字されていません（eras に加えてください）。",
                $": the era {era.Romaji} is not printed on this form's date line.");
            return;
        }
        if (withEras && Eras.Count > 1)
        {
            var left = x + starts[index];
            var w = canvas.Measure(EraName(era.Name), Size);
            canvas.Items.Add(new EllipseItem(Math.Round(left + w / 2, 2), Math.Round(baseline - FormStyle.Ascent(Size) + Size / 2, 2),
                Math.Round(w / 2 + CirclePad, 2), Math.Round(Size * 0.7, 2), FormStyle.CircleRule, pointer));
        }
        string[] numbers = [JapaneseDate.YearText(year), date.Month.ToString(CultureInfo.InvariantCulture), date.Day.ToString(CultureInfo.InvariantCulture)];
        if (withDate)
            for (var i = 0; i < 3; i++)
            {
                var gapLeft = start + i * (gap + unit);
                canvas.Text(gapLeft + (gap - canvas.Measure(numbers[i], Size)) / 2, baseline, Size, numbers[i], pointer);
            }
        // The line reads as the date written, 「昭和16年3月15日」, not as the era list with numbers in its gaps.
        var written = $"{numbers[0]}年{numbers[1]}月{numbers[2]}日";
        canvas.ReadAs(first, withEras && withDate ? era.Name + written : withEras ? era.Name : written, pointer);
    }
}
