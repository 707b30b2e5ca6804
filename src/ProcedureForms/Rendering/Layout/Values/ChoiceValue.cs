using System.Text.Json;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Rendering.Layout.Values;

/// <summary>
/// Every option printed, each with a tick box (☐ 厚生年金等) or as words to circle (男・女); the chosen one is ticked or
/// circled when filling (several ticked for a multi-select list). Options wrap onto more lines when the cell is narrow; circles are sized to their words with
/// padding, and lines are spaced so that no circle touches a rule or the next line.
/// </summary>
internal sealed class ChoiceValue(FormNode field, ITextMeasurer measurer, bool compact, IReadOnlyList<(JsonElement Value, string Label)> options, bool circled, bool multiple = false)
    : ValueElement(field, measurer, compact)
{
    public override string PrintField(Fill? fill, string pointer) => multiple ? "cb" : "rb";

    private readonly record struct Placed(double X, int Line, double Width, string Label, JsonElement Value);

    private double Separator => Measurer.Measure("・", Size);

    /// <summary>Room each side of a circled word: the circle must clear the word's corners, a little less in a table.</summary>
    private double CirclePad => Compact ? FormStyle.CompactCirclePadX : FormStyle.CirclePadX;

    private double LineHeight => circled
        ? Math.Max(FormStyle.Leading(Size), Size + 2 * FormStyle.CirclePadY + 1.5)
        : Math.Max(FormStyle.Leading(Size), FormStyle.TickBox + 2);

    private double ItemWidth(string label) => circled
        ? Measurer.Measure(label, Size) + 2 * CirclePad
        : FormStyle.TickBox + FormStyle.TickGap + Measurer.Measure(label, Size);

    private double Gap => circled ? Separator + 2 * SeparatorGap : FormStyle.OptionGap;

    private double SeparatorGap => Compact ? FormStyle.SeparatorGap * 0.7 : FormStyle.SeparatorGap;

    private List<Placed> Arrange(double width)
    {
        var placed = new List<Placed>();
        double x = 0;
        var line = 0;
        foreach (var (value, label) in options)
        {
            var w = ItemWidth(label);
            if (x > 0 && x + w > width)
            {
                x = 0;
                line++;
            }
            placed.Add(new Placed(x, line, w, label, value));
            x += w + Gap;
        }
        return placed;
    }

    /// <summary>
    /// An ellipse around a word that clears the word's corners (ink about 0.44 em above and below its middle), within the
    /// line's height.
    /// </summary>
    private (double Rx, double Ry) CircleAround(double textWidth)
    {
        var a = textWidth / 2;
        var rx = a + CirclePad - 0.8;
        var b = Size * 0.44 * 1.15;
        var needed = b / Math.Sqrt(Math.Max(0.05, 1 - (a / rx) * (a / rx)));
        var ry = Math.Min(Math.Max(Size / 2 + FormStyle.CirclePadY, needed), LineHeight / 2 - 0.3);
        return (rx, ry);
    }

    /// <summary>Extra inset each side of a circled list, so circles keep clear of the cell's rules.</summary>
    private double Inset => circled ? SeparatorGap : 0;

    public override double NeededHeight(double width) => (Arrange(width - 2 * Inset).Select(p => p.Line).DefaultIfEmpty(0).Max() + 1) * LineHeight;

    public override double NeededWidth => options.Count == 0 ? 0 : options.Max(o => ItemWidth(o.Label)) + 2 * Inset;

    /// <summary>The width all options need on one line.</summary>
    public double OneLineWidth => options.Sum(o => ItemWidth(o.Label)) + Math.Max(0, options.Count - 1) * Gap + 2 * Inset;

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        // A circle keeps clear of the cell's left rule as of the words beside it.
        var inner = cell.Inset(FormStyle.PadX + Inset, FormStyle.PadY);
        var placed = Arrange(inner.Width);
        var lines = placed.Select(p => p.Line).DefaultIfEmpty(0).Max() + 1;
        var top = inner.Y + (inner.Height - lines * LineHeight) / 2;
        var chosen = canvas.Fill?.Value(pointer);
        var first = canvas.Items.Count;
        var chosenLabels = new List<string>();
        for (var i = 0; i < placed.Count; i++)
        {
            var p = placed[i];
            var line = new Box(inner.X + p.X, top + p.Line * LineHeight, p.Width, LineHeight);
            var baseline = Canvas.Baseline(line, Size);
            var isChosen = chosen is { } v && (multiple
                ? v.ValueKind == JsonValueKind.Array && v.EnumerateArray().Any(e => JsonElement.DeepEquals(e, p.Value))
                : JsonElement.DeepEquals(v, p.Value));
            if (isChosen) chosenLabels.Add(p.Label);
            if (circled)
            {
                var textWidth = canvas.Measure(p.Label, Size);
                canvas.Text(line.X + CirclePad, baseline, Size, p.Label);
                if (isChosen)
                {
                    var (rx, ry) = CircleAround(textWidth);
                    canvas.Items.Add(new EllipseItem(Math.Round(line.X + p.Width / 2, 2), Math.Round(line.Y + line.Height / 2, 2), Math.Round(rx, 2), Math.Round(ry, 2), FormStyle.CircleRule, pointer));
                }
                if (i + 1 < placed.Count && placed[i + 1].Line == p.Line)
                    canvas.Text(line.Right + SeparatorGap, baseline, Size, "・");
            }
            else
            {
                var boxTop = line.Y + (line.Height - FormStyle.TickBox) / 2;
                canvas.Items.Add(new CheckBoxItem(Math.Round(line.X, 2), Math.Round(boxTop, 2), FormStyle.TickBox, isChosen, isChosen ? pointer : null));
                canvas.Text(line.X + FormStyle.TickBox + FormStyle.TickGap, baseline, Size, p.Label);
            }
        }
        // Filled, the list reads as what was chosen (「長男」, 「有」), not as every option; blank, it reads as the options.
        if (chosenLabels.Count > 0) canvas.ReadAs(first, string.Join("・", chosenLabels), pointer);
    }
}

/// <summary>Yes/no: はい・いいえ with tick boxes (default), circled (<c>choiceStyle: circle</c>, 有・無 in tables), or one tick box (<c>tick</c>).</summary>
internal static class BooleanValue
{
    public static ValueElement Create(FormNode field, ITextMeasurer measurer, bool compact)
    {
        var style = field.String("choiceStyle");
        if (style == "tick") return new TickValue(field, measurer, compact);
        var (yes, no) = Labels(field, compact);
        return new ChoiceValue(field, measurer, compact, [(True, yes), (False, no)], compact || style == "circle");
    }

    /// <summary>A tick box's PrintField role: with its state (PDF 1.7's lower-case <c>checked</c>) when filled.</summary>
    public static string Checked(Fill? fill, string pointer) =>
        fill is null ? "cb" : fill.Value(pointer) is { ValueKind: JsonValueKind.True } ? "cb/checked/on" : "cb/checked/off";

    /// <summary>The words for true and false: <c>booleanLabels</c>, else 有・無 in a table, はい・いいえ elsewhere.</summary>
    public static (string Yes, string No) Labels(FormNode field, bool compact) =>
        field.BooleanLabels ?? (compact ? ("有", "無") : ("はい", "いいえ"));

    private static readonly JsonElement True = JsonDocument.Parse("true").RootElement.Clone();
    private static readonly JsonElement False = JsonDocument.Parse("false").RootElement.Clone();

    /// <summary>One tick box, ticked when true.</summary>
    private sealed class TickValue(FormNode field, ITextMeasurer measurer, bool compact) : ValueElement(field, measurer, compact)
    {
        public override double NeededHeight(double width) => FormStyle.TickBox + 2;

        public override string PrintField(Fill? fill, string pointer) => Checked(fill, pointer);

        public override double NeededWidth => FormStyle.TickBox;

        public override void Draw(Canvas canvas, Box cell, string pointer)
        {
            var inner = cell.Inset(FormStyle.PadX, FormStyle.PadY);
            var ticked = canvas.Fill?.Value(pointer) is { ValueKind: JsonValueKind.True };
            var first = canvas.Items.Count;
            canvas.Items.Add(new CheckBoxItem(Math.Round(inner.X, 2), Math.Round(inner.Y + (inner.Height - FormStyle.TickBox) / 2, 2), FormStyle.TickBox, ticked, ticked ? pointer : null));
            if (canvas.Fill is not null) canvas.ReadAs(first, ticked ? "☑" : "☐", pointer);
        }
    }
}

/// <summary>
/// A consent: a yes/no the schema requires to be yes (<c>"const": true</c>) prints as its statement with one tick box,
/// as paper forms print it: 「☑ 金融機関等への調査に同意します」, never 「はい・いいえ」.
/// </summary>
internal sealed class StatementValue(FormNode field, ITextMeasurer measurer, bool compact) : ValueElement(field, measurer, compact)
{
    public override string PrintField(Fill? fill, string pointer) => BooleanValue.Checked(fill, pointer);

    /// <summary>Whether <paramref name="field"/> is a consent: a boolean that must be true.</summary>
    public static bool Applies(FormNode field) =>
        field.Kind == FieldKind.Boolean && field.Keyword("const") is { ValueKind: JsonValueKind.True };

    private IReadOnlyList<string> Lines(double width) =>
        LineBreaker.Wrap(Field.Label, Math.Max(Size, width - 2 * FormStyle.ThickRule - FormStyle.TickBox - FormStyle.TickGap), Size, Measurer);

    public override double NeededHeight(double width) => Math.Max(FormStyle.TickBox + 2, Lines(width).Count * FormStyle.Leading(Size));

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        var inner = cell.Inset(FormStyle.PadX + FormStyle.ThickRule, FormStyle.PadY);
        var lines = Lines(cell.Width - 2 * FormStyle.PadX);
        var top = inner.Y + (inner.Height - lines.Count * FormStyle.Leading(Size)) / 2;
        var ticked = canvas.Fill?.Value(pointer) is { ValueKind: JsonValueKind.True };
        var boxTop = top + (FormStyle.Leading(Size) - FormStyle.TickBox) / 2;
        var first = canvas.Items.Count;
        canvas.Items.Add(new CheckBoxItem(Math.Round(inner.X, 2), Math.Round(boxTop, 2), FormStyle.TickBox, ticked, ticked ? pointer : null));
        if (canvas.Fill is not null) canvas.ReadAs(first, ticked ? "☑" : "☐", pointer);
        var x = inner.X + FormStyle.TickBox + FormStyle.TickGap;
        for (var i = 0; i < lines.Count; i++)
            canvas.Text(x, top + i * FormStyle.Leading(Size) + (FormStyle.Leading(Size) - Size) / 2 + FormStyle.Ascent(Size), Size, lines[i]);
    }
}

/// <summary>
/// A group of yes/no tick fields printed as one row of tick boxes, each with its field's title (☐被保険者証
/// ☐負担割合証 ☐負担限度額認定証); filling ticks each field that is true.
/// </summary>
internal sealed class TickListValue(FormNode group, ITextMeasurer measurer, bool compact) : ValueElement(group, measurer, compact)
{
    public override string PrintField(Fill? fill, string pointer) => "cb";

    /// <summary>Whether <paramref name="group"/> is such a group: every field a tick box.</summary>
    public static bool Applies(FormNode group) =>
        group.Kind == FieldKind.Group && group.Children.Count > 0 &&
        group.Children.All(c => c.Kind == FieldKind.Boolean && c.String("choiceStyle") == "tick");

    private double LineHeight => Math.Max(FormStyle.Leading(Size), FormStyle.TickBox + 2);

    private List<(double X, int Line, FormNode Field)> Arrange(double width)
    {
        var placed = new List<(double, int, FormNode)>();
        double x = 0;
        var line = 0;
        foreach (var child in Field.Children)
        {
            var w = FormStyle.TickBox + FormStyle.TickGap + Measurer.Measure(child.Label, Size);
            if (x > 0 && x + w > width)
            {
                x = 0;
                line++;
            }
            placed.Add((x, line, child));
            x += w + FormStyle.OptionGap;
        }
        return placed;
    }

    public override double NeededHeight(double width) => (Arrange(width - 2 * FormStyle.ThickRule).Select(p => p.Line).DefaultIfEmpty(0).Max() + 1) * LineHeight;

    public override void Draw(Canvas canvas, Box cell, string pointer)
    {
        // A row of its own runs along the 太枠: keep the first box clear of it.
        var inner = cell.Inset(FormStyle.PadX + FormStyle.ThickRule, FormStyle.PadY);
        var placed = Arrange(inner.Width);
        var lines = placed.Select(p => p.Line).DefaultIfEmpty(0).Max() + 1;
        var top = inner.Y + (inner.Height - lines * LineHeight) / 2;
        foreach (var (x, line, field) in placed)
        {
            var box = new Box(inner.X + x, top + line * LineHeight, 0, LineHeight);
            var childPointer = Definitions.JsonPointers.Append(pointer, field.Name);
            var ticked = canvas.Fill?.Value(childPointer) is { ValueKind: JsonValueKind.True };
            var first = canvas.Items.Count;
            canvas.Items.Add(new CheckBoxItem(Math.Round(box.X, 2), Math.Round(box.Y + (LineHeight - FormStyle.TickBox) / 2, 2), FormStyle.TickBox, ticked, ticked ? childPointer : null));
            if (canvas.Fill is not null) canvas.ReadAs(first, ticked ? "☑" : "☐", childPointer);
            canvas.Text(box.X + FormStyle.TickBox + FormStyle.TickGap, Canvas.Baseline(box, Size), Size, field.Label);
        }
    }
}
