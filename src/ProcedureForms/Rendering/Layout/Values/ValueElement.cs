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
        canvas.Fill?.Problem(pointer, $"は欄に収まりません（{FormStyle.MinValue}ポイントまで縮小しても入りきりません）。",
            $" does not fit its cell on the printed form, even at {FormStyle.MinValue} pt.");
        return false;
    }
}

/// <summary>Free text, with its unit (歳, 週) at the right of the cell.</summary>
internal sealed class TextValue(FormNode field, ITextMeasurer measurer, bool compact) : ValueElement(field, measurer, compact)
{
    /// <summary>Lines a free-text field gives for handwriting (<c>lines</c>).</summary>
    public int Lines => Field.Keyword("lines") is { ValueKind: JsonValueKind.Number } l && l.TryGetInt32(out var n) && n > 1 ? n : 1;

    public override double NeededHeight(double width) =>
        Lines > 1 ? Lines * FormStyle.LinePitchMm * FormStyle.Mm - 2 * FormStyle.PadY : FormStyle.Leading(Size);

    public override double NeededWidth => Field.Unit is { } unit ? Measurer.Measure(unit, Size) + 3 * Size : 3 * Size;

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        var inner = cell.Inset(FormStyle.PadX, Lines > 1 ? 2 * FormStyle.PadY : FormStyle.PadY);
        // Keep clear of a thick rule on the right (the 太枠 runs along the last column).
        inner = inner with { Width = Math.Max(0, inner.Width - FormStyle.ThickRule) };
        if (Field.Unit is { } unit)
        {
            var unitWidth = canvas.Measure(unit, Size);
            canvas.Text(inner.Right - unitWidth, Canvas.Baseline(inner, Size), Size, unit);
            inner = inner with { Width = Math.Max(0, inner.Width - unitWidth - Size / 2) };
        }
        if (canvas.Fill?.Text(Field, pointer) is not { Length: > 0 } text) return;
        if (Field.Unit is not null)
        {
            // A number with a unit sits against its unit, as written on paper: 「　　12 週」.
            var width = canvas.Measure(text, Size);
            if (width <= inner.Width)
            {
                canvas.Text(inner.Right - width, Canvas.Baseline(inner, Size), Size, text, pointer);
                return;
            }
        }
        // Furigana is never broken across lines: it shrinks instead.
        FitText(canvas, inner, text, pointer, Size, allowWrap: Field.Format != "jp-katakana", topAligned: Lines > 1);
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
