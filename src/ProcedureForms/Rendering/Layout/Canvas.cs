using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Rendering.Layout;

/// <summary>A rectangle on the page, in points from the top-left corner.</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    /// <summary>This box less padding on each side.</summary>
    public Box Inset(double x, double y) => new(X + x, Y + y, Math.Max(0, Width - 2 * x), Math.Max(0, Height - 2 * y));
}

/// <summary>
/// What a submission writes into the sheet: its values, and the values that could not be placed. Absent for a blank
/// form. Elements read values only through this, so the sheet's geometry cannot depend on them.
/// </summary>
internal sealed class Fill(JsonElement submission, LayoutOptions options)
{
    public LayoutOptions Options { get; } = options;

    public List<LayoutProblem> Problems { get; } = [];

    public JsonElement? Value(string pointer) => JsonPointers.Evaluate(submission, pointer);

    /// <summary>A scalar value as printed text (個人番号 masked on request), or null when absent or not a scalar.</summary>
    public string? Text(FormNode field, string pointer)
    {
        if (Value(pointer) is not { } value) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            // The canonical text of the validated value: 1.0 prints as 1, -0 as 0, 1e2 as 100; never an exponent.
            JsonValueKind.Number => JsonNumbers.Canonical(value),
            JsonValueKind.True => "はい",
            JsonValueKind.False => "いいえ",
            _ => null,
        };
        if (text is null) return null;
        return Options.MaskMyNumber && field.Format == "jp-my-number" ? new string('＊', text.Length) : text;
    }

    public void Problem(string pointer, string reason, string reasonEn)
    {
        if (!Problems.Any(p => p.Pointer == pointer)) Problems.Add(new LayoutProblem(pointer, reason, reasonEn));
    }
}

/// <summary>The items of the page being drawn, the text measurer, and the values when filling.</summary>
internal sealed class Canvas(ITextMeasurer measurer, Fill? fill)
{
    public List<LayoutItem> Items { get; set; } = [];

    public ITextMeasurer Measurer { get; } = measurer;

    /// <summary>The submission's values, or null for a blank form.</summary>
    public Fill? Fill { get; } = fill;

    public double Measure(string text, double size) => Measurer.Measure(text, size);

    public void Text(double x, double baseline, double size, string text, string? source = null, double spacing = 0, string? role = null)
    {
        if (text.Length == 0) return;
        var elements = spacing == 0 ? 0 : System.Globalization.StringInfo.ParseCombiningCharacters(text).Length;
        Items.Add(new TextItem(Math.Round(x, 2), Math.Round(baseline, 2), size, text, source)
        {
            Spacing = spacing,
            Width = Math.Round(Measure(text, size) + spacing * Math.Max(0, elements - 1), 2),
            Role = role,
        });
    }

    /// <summary>Opens a structure element (see <see cref="StructStart"/>).</summary>
    public void Begin(string role, bool last = false, bool afterNext = false, string? printField = null) =>
        Items.Add(new StructStart(role) { Last = last, AfterNext = afterNext, PrintField = printField });

    /// <summary>Closes the structure element opened last.</summary>
    public void End() => Items.Add(new StructEnd());

    /// <summary>Ends the text read so far within the open element, so the next text reads as a word of its own (a label, then its value).</summary>
    public void Break() => Items.Add(new StructBreak());

    /// <summary>Text vertically centred on a line box.</summary>
    public void TextIn(Box line, double size, string text, string? source = null, TextAlign align = TextAlign.Left, string? role = null)
    {
        var width = Measure(text, size);
        var x = align switch
        {
            TextAlign.Center => line.X + (line.Width - width) / 2,
            TextAlign.Right => line.Right - width,
            _ => line.X,
        };
        Text(x, Baseline(line, size), size, text, source, role: role);
    }

    /// <summary>The baseline that centres a line of <paramref name="size"/> in <paramref name="line"/>.</summary>
    public static double Baseline(Box line, double size) => line.Y + (line.Height - size) / 2 + FormStyle.Ascent(size);

    public void Rect(Box box, double stroke, double? fill = null, bool writable = false) =>
        Items.Add(new RectItem(Math.Round(box.X, 2), Math.Round(box.Y, 2), Math.Round(box.Width, 2), Math.Round(box.Height, 2), stroke, fill) { Writable = writable });

    /// <summary>Makes everything drawn since item <paramref name="start"/> read as <paramref name="actualText"/>.</summary>
    public void ReadAs(int start, string actualText, string? source)
    {
        if (start >= Items.Count) return;
        Items.Insert(start, new MarkedStart(actualText, source));
        Items.Add(new MarkedEnd());
    }

    public void Line(double x1, double y1, double x2, double y2, double width) =>
        Items.Add(new LineItem(Math.Round(x1, 2), Math.Round(y1, 2), Math.Round(x2, 2), Math.Round(y2, 2), width));
}

/// <summary>
/// The start of drawing that reads as <paramref name="ActualText"/> (the chosen value of a circled list, a date with its
/// era circled, a tick): extractors and screen readers get the value, not the printed options. Ends at the matching
/// <see cref="MarkedEnd"/>.
/// </summary>
internal sealed record MarkedStart(string ActualText, string? Source) : LayoutItem;

/// <summary>The end of the drawing a <see cref="MarkedStart"/> opened.</summary>
internal sealed record MarkedEnd : LayoutItem;

/// <summary>Opens a structure element of a tagged PDF (TR, TH, TD…): what is drawn until its <see cref="StructEnd"/> belongs to it.</summary>
internal sealed record StructStart(string Role) : LayoutItem
{
    /// <summary>Whether the element reads after everything else on the form (the staff-only area, wherever it is drawn).</summary>
    public bool Last { get; init; }

    /// <summary>Whether the element reads after the element that follows it (furigana, printed above its name, reads after it).</summary>
    public bool AfterNext { get; init; }

    /// <summary>The printed form field the element is, as PDF's PrintField attribute says it (<c>tv</c>, <c>rb</c>, <c>cb/checked/on</c>), or null.</summary>
    public string? PrintField { get; init; }
}

/// <summary>Closes the structure element the last open <see cref="StructStart"/> began.</summary>
internal sealed record StructEnd : LayoutItem;

/// <summary>Within one structure element, separates what is read before it from what is read after (a label from its value).</summary>
internal sealed record StructBreak : LayoutItem;

/// <summary>Horizontal alignment of a line of text.</summary>
internal enum TextAlign
{
    Left,
    Center,
    Right,
}
