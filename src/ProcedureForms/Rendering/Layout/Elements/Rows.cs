using System.Globalization;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Rendering.Layout.Values;

namespace ProcedureForms.Rendering.Layout.Elements;

/// <summary>
/// The text of a label cell: short labels spread evenly over a fixed width (均等割付: 「氏　　名」), longer ones centred
/// and wrapped; a field's <c>description</c> printed small beneath as guidance.
/// </summary>
internal sealed class LabelText
{
    private const int SpreadEms = 4;
    private readonly List<string> _lines;
    private readonly List<string> _guidance;
    private readonly double _size;
    private readonly double _guidanceSize = FormStyle.Small;

    public LabelText(string label, string? description, double width, ITextMeasurer measurer, double size = FormStyle.Label)
    {
        var inner = Math.Max(1, width - 2 * FormStyle.PadX);
        // A label a little too wide for its column is set smaller rather than broken (「金融機関コード」).
        _size = size;
        while (_size > FormStyle.Small + 0.01 && !label.Contains('\n') && measurer.Measure(label, _size) > inner && measurer.Measure(label, _size - 0.5) <= inner * 1.15)
            _size -= 0.5;
        _lines = [.. LineBreaker.Wrap(label, inner, _size, measurer)];
        // A label on two or more lines breaks evenly (「公金受取口座を／利用する」 rather than 「…利／用する」).
        for (var narrower = inner - _size; _lines.Count > 1 && narrower > _size; narrower -= _size / 2)
        {
            var candidate = LineBreaker.Wrap(label, narrower, _size, measurer);
            if (candidate.Count != _lines.Count) break;
            _lines = [.. candidate];
        }
        _guidance = description is null ? [] : [.. LineBreaker.Wrap(description, inner, _guidanceSize, measurer, balance: true)];
    }

    public double Height => _lines.Count * FormStyle.Leading(_size) + _guidance.Count * FormStyle.Leading(_guidanceSize) + 2 * FormStyle.PadY;

    public void Draw(Canvas canvas, Box cell)
    {
        var inner = cell.Inset(FormStyle.PadX, FormStyle.PadY);
        var block = _lines.Count * FormStyle.Leading(_size) + _guidance.Count * FormStyle.Leading(_guidanceSize);
        var top = inner.Y + (inner.Height - block) / 2;
        foreach (var line in _lines)
        {
            var box = new Box(inner.X, top, inner.Width, FormStyle.Leading(_size));
            var natural = canvas.Measure(line, _size);
            var count = StringInfo.ParseCombiningCharacters(line).Length;
            var target = Math.Min(inner.Width, SpreadEms * _size);
            if (_lines.Count == 1 && count >= 2 && natural < target - 0.5 && !line.Any(c => c < 0x80))
            {
                var spacing = (target - natural) / (count - 1);
                canvas.Text(box.X + (box.Width - target) / 2, Canvas.Baseline(box, _size), _size, line, spacing: spacing);
            }
            else
            {
                canvas.TextIn(box, _size, line, align: TextAlign.Center);
            }
            top += FormStyle.Leading(_size);
        }
        foreach (var line in _guidance)
        {
            canvas.TextIn(new Box(inner.X, top, inner.Width, FormStyle.Leading(_guidanceSize)), _guidanceSize, line, align: TextAlign.Center);
            top += FormStyle.Leading(_guidanceSize);
        }
    }
}

/// <summary>One field's label cell and value cell, side by side.</summary>
internal sealed class FieldCell
{
    private readonly LabelText _label;
    private readonly ValueElement _value;
    private readonly double _x0;
    private readonly double _labelWidth;
    private readonly double _x1;
    private readonly double _rowHeight;
    private readonly double _labelFill;

    public FieldCell(FormNode field, double x0, double labelWidth, double x1, double rowHeight, ITextMeasurer measurer, double labelFill = FormStyle.LabelFill, string? when = null)
    {
        Field = field;
        _x0 = x0;
        _labelWidth = labelWidth;
        _x1 = x1;
        _labelFill = labelFill;
        _rowHeight = field.Keyword("rowHeight") is { ValueKind: System.Text.Json.JsonValueKind.Number } h && h.TryGetDouble(out var mm) && mm > 0 ? mm * FormStyle.Mm : rowHeight;
        _label = new LabelText(field.Label, when is null ? field.String("description") : field.String("description") is { } d ? $"{when}{d}" : when, labelWidth, measurer);
        _value = ValueElement.For(field, measurer, compact: false);
        if (_value is Values.TextValue text) text.RowHeight = _rowHeight;
    }

    public FormNode Field { get; }

    /// <summary>Whether the cell reads after the cell drawn next (a フリガナ printed above its name).</summary>
    public bool ReadsAfterNext { get; init; }

    public double Right => _x1;

    public double Height => Math.Max(_rowHeight, Math.Max(_label.Height, _value.NeededHeight(ValueWidth - 2 * FormStyle.PadX) + 2 * FormStyle.PadY));

    private double ValueWidth => _x1 - _x0 - _labelWidth;

    public void Draw(Canvas canvas, double y, double height, string pointer)
    {
        // Both cells' rules first, then one paragraph: the label, then the value. Text never reaches a neighbour's rule, so
        // the page looks the same, and a tagged PDF marks the label and a plain value as one sequence.
        var label = new Box(_x0, y, _labelWidth, height);
        canvas.Rect(label, FormStyle.Rule, _labelFill);
        var value = new Box(_x0 + _labelWidth, y, ValueWidth, height);
        canvas.Rect(value, FormStyle.Rule, writable: true);
        canvas.Begin("P", afterNext: ReadsAfterNext);
        _label.Draw(canvas, label);
        // The value is a printed form field: a Form element with its kind (PrintField), whose content is the value.
        canvas.Begin("Form", printField: _value.PrintField(canvas.Fill, pointer));
        _value.Draw(canvas, value, pointer);
        canvas.End();
        canvas.End();
    }
}

/// <summary>A row of one field, or of two short fields side by side (生年月日・性別).</summary>
internal sealed class FieldRow(string parentPointer, IReadOnlyList<FieldCell> cells) : Element
{
    public override double Height { get; } = cells.Max(c => c.Height);

    /// <summary>The right edge of the row.</summary>
    public double Right => cells[^1].Right;

    public override void Draw(Canvas canvas, double y)
    {
        foreach (var cell in cells) cell.Draw(canvas, y, Height, JsonPointers.Append(parentPointer, cell.Field.Name));
    }
}

/// <summary>A row that is one value cell across the block, without a label (a block's list of tick boxes).</summary>
internal sealed class ValueRow(ValueElement value, string pointer, double left, double right, double rowHeight) : Element
{
    public override double Height { get; } = Math.Max(rowHeight, value.NeededHeight(right - left - 2 * FormStyle.PadX) + 2 * FormStyle.PadY);

    public override void Draw(Canvas canvas, double y)
    {
        var cell = new Box(left, y, right - left, Height);
        canvas.Begin("Form", printField: value.PrintField(canvas.Fill, pointer));
        canvas.Rect(cell, FormStyle.Rule, writable: true);
        value.Draw(canvas, cell, pointer);
        canvas.End();
    }
}

/// <summary>
/// A nested object inside a block: its label spans its rows on the left; its fields are rows on the right, two short
/// ones sharing a row and a note before fields that apply under a condition, as in a block.
/// </summary>
internal sealed class SubBlockRow : Element
{
    private readonly string _pointer;
    private readonly LabelText _label;
    private readonly Box _labelBox;
    private readonly IReadOnlyList<Element> _rows;

    /// <param name="group">The nested object.</param>
    /// <param name="pointer">Its submission pointer.</param>
    /// <param name="left">The block's left edge.</param>
    /// <param name="labelWidth">The width of the sub-block's own label column.</param>
    /// <param name="rows">Its rows, laid out from <c>left + labelWidth</c> to the block's right edge.</param>
    /// <param name="measurer">Measures text.</param>
    public SubBlockRow(FormNode group, string pointer, double left, double labelWidth, IReadOnlyList<Element> rows, ITextMeasurer measurer)
    {
        _pointer = pointer;
        _label = new LabelText(group.Label, group.String("description"), labelWidth, measurer);
        _rows = rows;
        Height = Math.Max(_label.Height, _rows.Sum(r => r.Height));
        _labelBox = new Box(left, 0, labelWidth, Height);
    }

    public override double Height { get; }

    public override void Draw(Canvas canvas, double y)
    {
        var label = _labelBox with { Y = y };
        canvas.Rect(label, FormStyle.Rule, FormStyle.LabelFill);
        canvas.Begin("P");
        _label.Draw(canvas, label);
        canvas.End();
        var rowY = y;
        foreach (var row in _rows)
        {
            row.Draw(canvas, rowY);
            rowY += row.Height;
        }
        var extra = Height - _rows.Sum(r => r.Height);
        if (extra > 0.01 && _rows.Count > 0) // the label is taller than the rows: a ruled filler keeps the grid closed
            canvas.Rect(new Box(label.Right, rowY, _rows[^1] is FieldRow f ? f.Right - label.Right : 0, extra), FormStyle.Rule);
    }
}

/// <summary>A block's shaded title bar, with its condition (「（配偶者がいる場合のみ記入）」) and room at the right for 「別紙あり」.</summary>
internal sealed class TitleBar(string title, string? condition, double left, double right, string? continuationPointer = null, Func<Fill, bool>? overflows = null) : Element
{
    public override double Height => FormStyle.TitleBarHeight;

    public override void Draw(Canvas canvas, double y)
    {
        var bar = new Box(left, y, right - left, Height);
        canvas.Rect(bar, FormStyle.Rule, FormStyle.BarFill);
        var inner = bar.Inset(FormStyle.PadX, 0);
        canvas.TextIn(inner, FormStyle.Header, title, role: "H2");
        if (condition is not null)
            canvas.TextIn(inner with { X = inner.X + canvas.Measure(title, FormStyle.Header) + FormStyle.PadX, Width = inner.Width - canvas.Measure(title, FormStyle.Header) - FormStyle.PadX },
                FormStyle.Label, $"（{condition}）");
        if (continuationPointer is not null && canvas.Fill is { } fill && overflows?.Invoke(fill) == true)
            canvas.TextIn(inner, FormStyle.Label, "※記入しきれない分は別紙", continuationPointer, TextAlign.Right);
    }
}

/// <summary>A ruled note row announcing fields that apply under a condition.</summary>
internal sealed class NoteRow : Element
{
    private readonly IReadOnlyList<string> _lines;
    private readonly double _left;
    private readonly double _right;
    private readonly double _size;

    /// <param name="note">The text.</param>
    /// <param name="left">Left edge.</param>
    /// <param name="right">Right edge.</param>
    /// <param name="measurer">Measures text.</param>
    /// <param name="size">Type size: guidance is small; a statement the form makes (a 委任状's wording) is full size.</param>
    public NoteRow(string note, double left, double right, ITextMeasurer measurer, double size = FormStyle.Note)
    {
        _left = left;
        _right = right;
        _size = size;
        _lines = LineBreaker.Wrap(note, right - left - 4 * FormStyle.PadX, size, measurer, balance: true);
        Height = Math.Max(FormStyle.NoteRowHeight, _lines.Count * FormStyle.Leading(size) + 2 * FormStyle.PadY);
    }

    public override double Height { get; }

    public override void Draw(Canvas canvas, double y)
    {
        var box = new Box(_left, y, _right - _left, Height);
        canvas.Rect(box, FormStyle.Rule);
        var inner = box.Inset(2 * FormStyle.PadX, FormStyle.PadY);
        var top = inner.Y + (inner.Height - _lines.Count * FormStyle.Leading(_size)) / 2;
        canvas.Begin("P");
        foreach (var line in _lines)
        {
            canvas.TextIn(new Box(inner.X, top, inner.Width, FormStyle.Leading(_size)), _size, line);
            top += FormStyle.Leading(_size);
        }
        canvas.End();
    }
}

/// <summary>
/// A signature line inside a section (同意欄の本人署名, 委任者の署名): the label, a line to sign on, optionally the
/// date (「令和　　年　　月　　日」) and the seal mark.
/// </summary>
internal sealed class SignatureRow(string label, bool date, bool seal, double left, double right, ITextMeasurer measurer) : Element
{
    public override double Height => FormStyle.SignatureRowHeight;

    public override void Draw(Canvas canvas, double y)
    {
        var box = new Box(left, y, right - left, Height);
        canvas.Rect(box, FormStyle.Rule);
        canvas.Begin("P");
        Sign(canvas, box);
        canvas.End();
    }

    private void Sign(Canvas canvas, Box box)
    {
        var inner = box.Inset(2 * FormStyle.PadX, FormStyle.PadY);
        var baseline = inner.Y + inner.Height * 0.62;
        var x = inner.X;
        if (date)
        {
            var blank = Japanese.JapaneseDate.Blank();
            canvas.Text(x, baseline, FormStyle.Value, blank);
            x += measurer.Measure(blank, FormStyle.Value) + 6 * FormStyle.Mm;
        }
        canvas.Text(x, baseline, FormStyle.Value, label);
        var lineStart = x + measurer.Measure(label, FormStyle.Value) + 2 * FormStyle.Mm;
        var lineEnd = seal ? inner.Right - 2 * FormStyle.SealMarkRadius - FormStyle.PadX : inner.Right;
        canvas.Line(lineStart, baseline + 2.5, lineEnd, baseline + 2.5, FormStyle.ThinRule);
        if (seal)
        {
            var cx = inner.Right - FormStyle.SealMarkRadius;
            var cy = inner.Y + inner.Height / 2;
            canvas.Items.Add(new EllipseItem(Math.Round(cx, 2), Math.Round(cy, 2), FormStyle.SealMarkRadius - 1, FormStyle.SealMarkRadius - 1, FormStyle.ThinRule));
            canvas.TextIn(new Box(cx - 5, cy - 5, 10, 10), FormStyle.Small, "印", align: TextAlign.Center);
        }
    }
}

/// <summary>The 印影 box of a seal registration: a square of the declared size with its label, for the seal itself.</summary>
internal sealed class SealBoxRow(string label, double sizeMm, double left, double labelWidth, double right, ITextMeasurer measurer) : Element
{
    private readonly LabelText _label = new(label, null, labelWidth, measurer);

    public override double Height => sizeMm * FormStyle.Mm + 2 * FormStyle.SealBoxMargin;

    public override void Draw(Canvas canvas, double y)
    {
        var labelBox = new Box(left, y, labelWidth, Height);
        canvas.Begin("P");
        canvas.Rect(labelBox, FormStyle.Rule, FormStyle.LabelFill);
        _label.Draw(canvas, labelBox);
        var valueBox = new Box(left + labelWidth, y, right - left - labelWidth, Height);
        canvas.Rect(valueBox, FormStyle.Rule);
        var side = sizeMm * FormStyle.Mm;
        var square = new Box(valueBox.X + 2 * FormStyle.SealBoxMargin, y + FormStyle.SealBoxMargin, side, side);
        canvas.Rect(square, FormStyle.Rule);
        var hintLeft = square.Right + FormStyle.ColumnGap;
        var hint = new Box(hintLeft, square.Y, Math.Max(0, valueBox.Right - FormStyle.PadX - hintLeft), FormStyle.Leading(FormStyle.Note));
        canvas.TextIn(hint, FormStyle.Note, "枠内に鮮明に押してください。");
        canvas.End();
    }
}

/// <summary>A table's header row: the row-number column and one shaded cell per column.</summary>
internal sealed class TableHeader : Element
{
    private readonly IReadOnlyList<(double X, double Width, IReadOnlyList<string> Lines)> _cells;
    private readonly double _left;

    public TableHeader(IReadOnlyList<FormNode> columns, IReadOnlyList<double> widths, double left, ITextMeasurer measurer, IReadOnlyList<string>? labels = null)
    {
        _left = left;
        var x = left + FormStyle.NumberColumn;
        var cells = new List<(double, double, IReadOnlyList<string>)>();
        for (var i = 0; i < columns.Count; i++)
        {
            // A column that applies under a condition says so under its title: 「（就労の場合）」.
            var lines = LineBreaker.Wrap(labels?[i] ?? columns[i].Label, widths[i] - 2 * FormStyle.PadX, FormStyle.Label, measurer).ToList();
            if (columns[i].Condition is { } condition)
                lines.AddRange(LineBreaker.Wrap($"（{condition}）", widths[i] - 2 * FormStyle.PadX, FormStyle.Label, measurer));
            cells.Add((x, widths[i], lines));
            x += widths[i];
        }
        _cells = cells;
        Height = Math.Max(FormStyle.TableHeaderMinHeight, _cells.Max(c => c.Lines.Count) * FormStyle.Leading(FormStyle.Label) + 2 * FormStyle.PadY);
    }

    public override double Height { get; }

    public override void Draw(Canvas canvas, double y)
    {
        var number = new Box(_left, y, FormStyle.NumberColumn, Height);
        // The row's rules first, then its cells' text (as a field's: the same page, fewer marked sequences).
        canvas.Rect(number, FormStyle.Rule, FormStyle.LabelFill);
        foreach (var (x, width, _) in _cells) canvas.Rect(new Box(x, y, width, Height), FormStyle.Rule, FormStyle.LabelFill);
        canvas.Begin("TR");
        canvas.Begin("TH");
        canvas.TextIn(number, FormStyle.Small, "No.", align: TextAlign.Center);
        canvas.End();
        foreach (var (x, width, lines) in _cells)
        {
            canvas.Begin("TH");
            var top = y + (Height - lines.Count * FormStyle.Leading(FormStyle.Label)) / 2;
            foreach (var line in lines)
            {
                canvas.TextIn(new Box(x + FormStyle.PadX, top, width - 2 * FormStyle.PadX, FormStyle.Leading(FormStyle.Label)), FormStyle.Label, line, align: TextAlign.Center);
                top += FormStyle.Leading(FormStyle.Label);
            }
            canvas.End();
        }
        canvas.End();
    }
}

/// <summary>One row of a table: its number and one value cell per column.</summary>
internal sealed class TableRow(string tablePointer, int index, IReadOnlyList<FormNode> columns, IReadOnlyList<ValueElement> values, IReadOnlyList<double> widths, double left, double height) : Element
{
    public override double Height => height;

    public override void Draw(Canvas canvas, double y)
    {
        var rowPointer = $"{tablePointer}/{index.ToString(CultureInfo.InvariantCulture)}";
        var number = new Box(left, y, FormStyle.NumberColumn, Height);
        // The row's rules first, then its cells (as a field's: the same page, fewer marked sequences).
        canvas.Rect(number, FormStyle.Rule);
        var x = left + FormStyle.NumberColumn;
        for (var i = 0; i < columns.Count; i++)
        {
            canvas.Rect(new Box(x, y, widths[i], Height), FormStyle.Rule, writable: true);
            x += widths[i];
        }
        canvas.Begin("TR");
        canvas.Begin("TH");
        canvas.TextIn(number, FormStyle.Value, (index + 1).ToString(CultureInfo.InvariantCulture), align: TextAlign.Center);
        canvas.End();
        x = left + FormStyle.NumberColumn;
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = new Box(x, y, widths[i], Height);
            var cellPointer = columns[i].Name.Length == 0 ? rowPointer : JsonPointers.Append(rowPointer, columns[i].Name);
            canvas.Begin("TD");
            canvas.Begin("Form", printField: values[i].PrintField(canvas.Fill, cellPointer));
            values[i].Draw(canvas, cell, cellPointer);
            canvas.End();
            canvas.End();
            x += widths[i];
        }
        canvas.End();
    }
}
