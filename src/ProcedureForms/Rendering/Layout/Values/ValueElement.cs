using System.Text.Json;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Rendering.Layout.Values;

/// <summary>
/// What a value cell prints: the form's own scaffold (boxes, options, 「令和　　年　　月　　日」, a unit), always, and the
/// submitted value written into it when filling. Its size depends on the definition alone.
/// </summary>
internal abstract class ValueElement(FormNode field, ITextMeasurer measurer, bool compact)
{
    public FormNode Field { get; } = field;

    protected ITextMeasurer Measurer { get; } = measurer;

    /// <summary>In a table cell: smaller type, abbreviated scaffolds.</summary>
    protected bool Compact { get; } = compact;

    protected double Size => Compact ? FormStyle.Label : FormStyle.Value;

    /// <summary>The content height the scaffold needs in a cell of inner width <paramref name="width"/>.</summary>
    public abstract double NeededHeight(double width);

    /// <summary>The least inner width the scaffold needs (table columns are at least this wide).</summary>
    public virtual double NeededWidth => 0;

    /// <summary>Draws into <paramref name="cell"/> (the whole cell; padding is the element's).</summary>
    public abstract void Draw(Canvas canvas, Box cell, string pointer);

    /// <summary>
    /// What kind of printed form field this is, as a tagged PDF's PrintField attribute names it (PDF/UA asks it of a
    /// form on paper): <c>tv</c> a value written in, <c>rb</c> one choice among several, <c>cb</c> tick boxes, with
    /// their state when one box is filled.
    /// </summary>
    public virtual string PrintField(Fill? fill, string pointer) => "tv";

    /// <summary>The element that prints <paramref name="field"/>.</summary>
    public static ValueElement For(FormNode field, ITextMeasurer measurer, bool compact) => field.Kind switch
    {
        FieldKind.Boxes => new BoxesValue(field, measurer, compact),
        FieldKind.Choice => new ChoiceValue(field, measurer, compact, [.. field.Options.Select(o => (o.Value, o.Label))], field.Circled || compact),
        FieldKind.MultiChoice => new ChoiceValue(field, measurer, compact, [.. field.Options.Select(o => (o.Value, o.Label))], circled: false, multiple: true),
        FieldKind.Boolean => BooleanValue.Create(field, measurer, compact),
        FieldKind.Date => new DateValue(field, measurer, compact),
        FieldKind.Group when TickListValue.Applies(field) => new TickListValue(field, measurer, compact),
        FieldKind.Group => new GroupValue(field, measurer, compact),
        _ => new TextValue(field, measurer, compact),
    };

    /// <summary>
    /// Whether <see cref="FitText"/> can write <paramref name="text"/> into an area of this size: what the layout uses to
    /// size cells and columns for the longest value the schema admits, so what validates prints.
    /// </summary>
    /// <remarks>
    /// With <paramref name="slackEm"/>, wrapped lines are measured that many characters short: 禁則 (no 「ー」 or 「、」 at a
    /// line's start) can push up to two characters to the next line, so a cell sized for one value holds any other of its
    /// length.
    /// </remarks>
    public static bool Fits(ITextMeasurer measurer, string text, double width, double height, double size, bool allowWrap, double slackEm = 0)
    {
        var lineCount = allowWrap ? Math.Max(1, Math.Floor((height + 0.01) / FormStyle.Leading(FormStyle.MinValue))) : 1;
        if (measurer.Measure(text, FormStyle.MinValue) > lineCount * width * 1.1 + 1) return false;
        for (var s = size; s >= FormStyle.MinValue - 0.01; s -= 0.5)
        {
            if (measurer.Measure(text, s) <= width && s <= height + 0.01) return true;
            var lines = allowWrap ? LineBreaker.WrapAtSpaces(text, Math.Max(s, width - slackEm * s), s, measurer) : [text];
            if (lines.Count * FormStyle.Leading(s) <= height + 0.01 && lines.All(l => measurer.Measure(l, s) <= width + 0.01)) return true;
        }
        return allowWrap && LastResort(measurer, text, width, height) is not null;
    }

    /// <summary>The value broken anywhere at the smallest size, when only 禁則 kept it from fitting; null when even that does not fit.</summary>
    private static IReadOnlyList<string>? LastResort(ITextMeasurer measurer, string text, double width, double height)
    {
        var lines = LineBreaker.WrapAnywhere(text, width, FormStyle.MinValue, measurer);
        return lines.Count * FormStyle.Leading(FormStyle.MinValue) <= height + 0.01 && lines.All(l => measurer.Measure(l, FormStyle.MinValue) <= width + 0.01) ? lines : null;
    }

    /// <summary>
    /// Writes <paramref name="text"/> into <paramref name="area"/>: at full size if it fits, else shrunk on one line, else
    /// wrapped; a value that fits none of these is reported and not drawn (never over a rule).
    /// </summary>
    protected static bool FitText(Canvas canvas, Box area, string text, string pointer, double size, bool allowWrap, bool topAligned)
    {
        // Width grows with size faster than the lines a cell holds: if the text is wider than every line of the cell
        // together at the smallest size, no size fits. One measurement instead of wrapping a 5,000-character value at
        // every size (100 of them took 1.8 s to check). The margin keeps kerning lost at line breaks on the safe side.
        var lineCount = allowWrap ? Math.Max(1, Math.Floor((area.Height + 0.01) / FormStyle.Leading(FormStyle.MinValue))) : 1;
        if (canvas.Measure(text, FormStyle.MinValue) > lineCount * area.Width * 1.1 + 1)
        {
            canvas.Fill?.Problem(pointer, $"は欄に収まりません（{FormStyle.MinValue}ポイントまで縮小しても入りきりません）。",
                $" does not fit its cell on the printed form, even at {FormStyle.MinValue} pt.");
            return false;
        }
        // A field with several lines for writing wraps at full size before anything shrinks.
        for (var s = size; !topAligned && s >= FormStyle.ShrinkLimit - 0.01; s -= 0.5)
            if (canvas.Measure(text, s) <= area.Width && s <= area.Height + 0.01)
            {
                var line = topAligned ? area with { Height = FormStyle.Leading(s) } : area;
                canvas.Text(area.X, Canvas.Baseline(line, s), s, text, pointer);
                return true;
            }
        for (var s = size; s >= FormStyle.MinValue - 0.01; s -= 0.5)
        {
            var lines = allowWrap ? LineBreaker.WrapAtSpaces(text, area.Width, s, canvas.Measurer) : [text];
            var height = lines.Count * FormStyle.Leading(s);
            if (height > area.Height + 0.01 || lines.Any(l => canvas.Measure(l, s) > area.Width + 0.01)) continue;
            var top = topAligned ? area.Y : area.Y + (area.Height - height) / 2;
            for (var i = 0; i < lines.Count; i++)
                canvas.Text(area.X, top + i * FormStyle.Leading(s) + (FormStyle.Leading(s) - s) / 2 + FormStyle.Ascent(s), s, lines[i], pointer);
            return true;
        }
        if (allowWrap && LastResort(canvas.Measurer, text, area.Width, area.Height) is { } anywhere)
        {
            var s = FormStyle.MinValue;
            var top = topAligned ? area.Y : area.Y + (area.Height - anywhere.Count * FormStyle.Leading(s)) / 2;
            for (var i = 0; i < anywhere.Count; i++)
                canvas.Text(area.X, top + i * FormStyle.Leading(s) + (FormStyle.Leading(s) - s) / 2 + FormStyle.Ascent(s), s, anywhere[i], pointer);
            return true;
        }
        canvas.Fill?.Problem(pointer, $"は欄に収まりません（{FormStyle.MinValue}ポイントまで縮小しても入りきりません）。",
            $" does not fit its cell on the printed form, even at {FormStyle.MinValue} pt.");
        return false;
    }
}

/// <summary>Free text, with its unit (歳, 週) at the right of the cell.</summary>
internal sealed class TextValue(FormNode field, ITextMeasurer measurer, bool compact) : ValueElement(field, measurer, compact)
{
    /// <summary>The most handwriting lines a cell grows to for its longest value; beyond, lint asks for <c>lines</c> or a shorter <c>maxLength</c>.</summary>
    private const int MaxAutoLines = 12;

    /// <summary>Characters a wrapped line may lose to 禁則 when a cell is sized for its longest value.</summary>
    private const double KinsokuSlack = 1;

    /// <summary>Lines the definition gives for handwriting (<c>lines</c>), or 0 when it says nothing.</summary>
    private int DeclaredLines => Field.Keyword("lines") is { ValueKind: JsonValueKind.Number } l && l.TryGetInt32(out var n) && n > 0 ? n : 0;

    /// <summary>The height of the row the cell stands in (its <c>rowHeight</c>), when the layout knows it: a taller row holds more lines before it grows.</summary>
    public double? RowHeight { get; set; }

    /// <summary>The widest value the schema admits, when it bounds one (computed once).</summary>
    private string? Widest => _widest ??= WidestSubmission.Text(Field) ?? (WidestSubmission.Number(Field) is { } n ? Printed(n) : "");

    /// <summary>A number as it prints: grouped by thousands unless the field is a year or a code (<c>numberStyle</c>).</summary>
    private string Printed(string number) => Field.IsNumber && Field.NumberStyle == "amount" ? Definitions.JsonNumbers.Grouped(number) : number;

    private string? _widest;

    /// <summary>
    /// Lines the cell gives: <c>lines</c>; else one, or as many 7 mm lines as the longest value the schema admits needs
    /// when one row cannot hold it (a 200-character 理由 gets room to write, and always fits when printed). Furigana
    /// never wraps, so it never grows.
    /// </summary>
    public int Lines(double width)
    {
        if (DeclaredLines > 0) return DeclaredLines;
        if (Widest is not { Length: > 0 } widest || Field.Format == "jp-katakana") return 1;
        var inner = InnerWidth(width);
        if (Fits(Measurer, widest, inner, (RowHeight ?? FormStyle.RowHeightMm * FormStyle.Mm) - 2 * FormStyle.PadY, Size, allowWrap: true, KinsokuSlack)) return 1;
        for (var n = 2; n < MaxAutoLines; n++)
            if (Fits(Measurer, widest, inner, n * FormStyle.LinePitchMm * FormStyle.Mm - 4 * FormStyle.PadY, Size, allowWrap: true, KinsokuSlack)) return n;
        return MaxAutoLines;
    }

    public override double NeededHeight(double width)
    {
        var lines = Lines(width);
        if (lines <= 1) return FormStyle.Leading(Size);
        if (!Compact || DeclaredLines > 0) return lines * FormStyle.LinePitchMm * FormStyle.Mm - 2 * FormStyle.PadY;
        // A table cell grows only as far as its longest value needs, in small type: rows stay compact.
        var inner = InnerWidth(width);
        for (var k = 2; k < 4 * MaxAutoLines; k++)
            if (Fits(Measurer, Widest!, inner, k * FormStyle.Leading(FormStyle.MinValue), Size, allowWrap: true, KinsokuSlack))
                return k * FormStyle.Leading(FormStyle.MinValue);
        return lines * FormStyle.LinePitchMm * FormStyle.Mm - 2 * FormStyle.PadY;
    }

    public override double NeededWidth => Field.Unit is { } unit ? Measurer.Measure(unit, Size) + 3 * Size : 3 * Size;

    /// <summary>
    /// The least cell width a フリガナ field's longest value needs: furigana never wraps, so it must fit one line at the
    /// smallest size (null when the schema does not bound it).
    /// </summary>
    public static double? FuriganaWidth(FormNode kana, ITextMeasurer measurer) =>
        WidestSubmission.Text(kana) is { } widest ? measurer.Measure(widest, FormStyle.MinValue) + 2 * FormStyle.PadX + FormStyle.ThickRule + 1 : null;

    /// <summary>The width a value is written in, as <see cref="Draw"/> leaves it: clear of the 太枠 and of the unit.</summary>
    private double InnerWidth(double width) => width - FormStyle.ThickRule - (Field.Unit is { } unit ? Measurer.Measure(unit, Size) + Size / 2 : 0);

    /// <summary>The inner width the longest value the schema admits needs on one line, shrunk as far as a value shrinks on one line; 0 when unbounded.</summary>
    public double OneLineWidth => Widest is { Length: > 0 } widest
        ? Measurer.Measure(widest, Field.Format == "jp-katakana" ? FormStyle.MinValue : FormStyle.ShrinkLimit) + FormStyle.ThickRule + 1
        : 0;

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        // Lines for handwriting (declared, or grown in a row of its own) are written from the top, as on paper.
        var lines = DeclaredLines > 1 || !Compact ? Lines(cell.Width - 2 * FormStyle.PadX) : 1;
        var inner = cell.Inset(FormStyle.PadX, lines > 1 ? 2 * FormStyle.PadY : FormStyle.PadY);
        // Keep clear of a thick rule on the right (the 太枠 runs along the last column).
        inner = inner with { Width = Math.Max(0, inner.Width - FormStyle.ThickRule) };
        var unitBox = inner;
        if (Field.Unit is { } unit) inner = inner with { Width = Math.Max(0, inner.Width - canvas.Measure(unit, Size) - Size / 2) };
        DrawValue(canvas, inner, pointer, lines);
        // The unit after the value, so that the text reads 「62歳」.
        if (Field.Unit is { } after) canvas.Text(unitBox.Right - canvas.Measure(after, Size), Canvas.Baseline(unitBox, Size), Size, after);
    }

    private void DrawValue(Canvas canvas, Box inner, string pointer, int lines)
    {
        if (canvas.Fill?.Text(Field, pointer) is not { Length: > 0 } text) return;
        if (Field.IsNumber) text = Printed(text);
        if (Field.Unit is not null || (Field.IsNumber && Field.NumberStyle != "code"))
        {
            // A number sits at the right, against its unit when it has one, as amounts are written on paper: 「4,800,000 円」.
            var width = canvas.Measure(text, Size);
            if (width <= inner.Width)
            {
                canvas.Text(inner.Right - width, Canvas.Baseline(inner, Size), Size, text, pointer);
                return;
            }
        }
        // Furigana is never broken across lines: it shrinks instead.
        FitText(canvas, inner, text, pointer, Size, allowWrap: Field.Format != "jp-katakana", topAligned: lines > 1);
    }
}

/// <summary>A group printed inside one cell (a table column that is an object): 「名称：…　電話：…」.</summary>
internal sealed class GroupValue(FormNode field, ITextMeasurer measurer, bool compact) : ValueElement(field, measurer, compact)
{
    public override double NeededHeight(double width) => FormStyle.Leading(Size);

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        if (canvas.Fill is not { } fill) return;
        var parts = Field.Children
            .Where(f => f.Kind is not (FieldKind.Group or FieldKind.Table))
            .Select(f => (Field: f, Text: fill.Text(f, Definitions.JsonPointers.Append(pointer, f.Name))))
            .Where(p => p.Text is not null)
            .Select(p => $"{p.Field.Label}：{p.Text}");
        var text = string.Join("　", parts);
        if (text.Length > 0) FitText(canvas, cell.Inset(FormStyle.PadX, FormStyle.PadY), text, pointer, Size, allowWrap: true, topAligned: false);
    }
}

/// <summary>
/// A table cell holding a name with its フリガナ above it, as paper forms print them in one cell (<c>kanaAboveName</c>
/// on the table): the furigana small on the top line (shrunk, never wrapped), the name below it as free text.
/// </summary>
internal sealed class StackedKanaValue(FormNode name, FormNode kana, ITextMeasurer measurer) : ValueElement(name, measurer, compact: true)
{
    private readonly TextValue _name = new(name, measurer, compact: true);

    /// <summary>The フリガナ field printed above the name.</summary>
    public FormNode Kana { get; } = kana;

    private static double KanaSize => FormStyle.Small;

    private static double KanaLine => FormStyle.Leading(KanaSize);

    public override double NeededHeight(double width) => KanaLine + FormStyle.PadY + _name.NeededHeight(width);

    public override double NeededWidth => _name.NeededWidth;

    /// <summary>The least width the furigana's longest value needs on its line, at the smallest size.</summary>
    public double? LeastWidth => TextValue.FuriganaWidth(Kana, Measurer);

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        var kanaPointer = pointer[..(pointer.LastIndexOf('/') + 1)] + Definitions.JsonPointers.Escape(Kana.Name);
        var top = new Box(cell.X, cell.Y + FormStyle.PadY / 2, cell.Width, KanaLine);
        // A dotted rule between them on paper; here a thin one, so each has its own line to write on.
        canvas.Line(cell.X, cell.Y + KanaLine + FormStyle.PadY, cell.Right, cell.Y + KanaLine + FormStyle.PadY, FormStyle.ThinRule);
        // The name is drawn first: a tagged PDF reads the cell in drawing order, and furigana reads after its name.
        _name.Draw(canvas, new Box(cell.X, cell.Y + KanaLine + FormStyle.PadY, cell.Width, Math.Max(0, cell.Height - KanaLine - FormStyle.PadY)), pointer);
        canvas.Break();
        if (canvas.Fill?.Text(Kana, kanaPointer) is { Length: > 0 } kana)
            FitText(canvas, top.Inset(FormStyle.PadX, 0) with { Width = Math.Max(0, top.Width - 2 * FormStyle.PadX - FormStyle.ThickRule) },
                kana, kanaPointer, KanaSize, allowWrap: false, topAligned: false);
    }
}
