using System.Globalization;
using System.Text.Json;

namespace ProcedureForms.Rendering.Layout.Elements;

/// <summary>What the form's <c>staffArea</c> declares.</summary>
/// <param name="Title">The heading (職員記入欄).</param>
/// <param name="Fields">Rows staff write in.</param>
/// <param name="Checks">Tick-box lists (本人確認書類: マイナンバーカード・運転免許証・…).</param>
/// <param name="Stamp">Whether it has the 受付印 box.</param>
/// <param name="Position"><c>top-right</c> or <c>bottom</c> of the front page.</param>
internal sealed record StaffAreaSpec(string Title, IReadOnlyList<string> Fields, IReadOnlyList<(string Label, IReadOnlyList<string> Options)> Checks, bool Stamp, string Position)
{
    public static StaffAreaSpec? Read(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("staffArea", out var staff) || staff.ValueKind != JsonValueKind.Object) return null;
        var title = staff.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "職員記入欄";
        var fields = Strings(staff, "fields");
        var checks = new List<(string, IReadOnlyList<string>)>();
        if (staff.TryGetProperty("checks", out var c) && c.ValueKind == JsonValueKind.Array)
            foreach (var check in c.EnumerateArray())
                if (check.ValueKind == JsonValueKind.Object && check.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String)
                    checks.Add((label.GetString()!, Strings(check, "options")));
        var stamp = !staff.TryGetProperty("receiptStamp", out var s) || s.ValueKind != JsonValueKind.False;
        var position = staff.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "bottom";
        return new StaffAreaSpec(title, fields, checks, stamp, position);
    }

    private static List<string> Strings(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}

/// <summary>
/// The staff-only area: shaded, marked ※, with its rows, its tick-box lists and the 受付印 box. Staff write here by
/// hand; nothing of the submission is printed in it.
/// </summary>
internal sealed class StaffArea : Element
{
    private readonly StaffAreaSpec _spec;
    private readonly double _left;
    private readonly double _right;
    private readonly List<(string Label, IReadOnlyList<IReadOnlyList<string>> Lines)> _checks = [];
    private readonly double _labelWidth;
    private readonly ITextMeasurer _measurer;
    private readonly List<double> _rowHeights;
    private const double TitleHeight = 5.5 * FormStyle.Mm;
    private static double RowHeight => FormStyle.StaffRowHeightMm * FormStyle.Mm;
    private static double Stamp => FormStyle.StampSizeMm * FormStyle.Mm;
    private static double CheckLine => Math.Max(FormStyle.Leading(FormStyle.Label), FormStyle.TickBox + 2);

    public StaffArea(StaffAreaSpec spec, double left, double right, ITextMeasurer measurer)
    {
        _spec = spec;
        _left = left;
        _right = right;
        _measurer = measurer;
        var rowsRight = spec.Stamp ? right - Stamp : right;
        // Wide enough for the longest label on one line, within reason.
        var longest = spec.Fields.Concat(spec.Checks.Select(c => c.Label)).Select(l => measurer.Measure(l, FormStyle.Label) + 2 * FormStyle.PadX).DefaultIfEmpty(0).Max();
        // …but never so wide that a tick-box option no longer fits beside it.
        var widestOption = spec.Checks.SelectMany(c => c.Options).Select(o => FormStyle.TickBox + FormStyle.TickGap + measurer.Measure(o, FormStyle.Label)).DefaultIfEmpty(0).Max();
        _labelWidth = Math.Min(Math.Clamp(longest, 18 * FormStyle.Mm, (rowsRight - left) * 0.45), rowsRight - left - widestOption - 2 * FormStyle.PadX);
        var optionsWidth = rowsRight - left - _labelWidth - 2 * FormStyle.PadX;
        foreach (var (label, options) in spec.Checks)
        {
            // Options fill lines left to right, as many as fit.
            var lines = new List<IReadOnlyList<string>>();
            var line = new List<string>();
            double x = 0;
            foreach (var option in options)
            {
                var w = FormStyle.TickBox + FormStyle.TickGap + measurer.Measure(option, FormStyle.Label);
                if (line.Count > 0 && x + w > optionsWidth)
                {
                    lines.Add(line);
                    line = [];
                    x = 0;
                }
                line.Add(option);
                x += w + FormStyle.OptionGap / 2;
            }
            if (line.Count > 0) lines.Add(line);
            _checks.Add((label, lines));
        }
        _rowHeights = [.. spec.Fields.Select(f => Math.Max(RowHeight, new LabelText(f, null, _labelWidth, measurer).Height)),
            .. _checks.Select(c => Math.Max(Math.Max(RowHeight, c.Lines.Count * CheckLine + 2 * FormStyle.PadY), new LabelText(c.Label, null, _labelWidth, measurer).Height))];
        var body = _rowHeights.Sum();
        Height = TitleHeight + Math.Max(body, spec.Stamp ? Stamp : 0);
    }

    public override double Height { get; }

    public override void Draw(Canvas canvas, double y)
    {
        // Staff-only: in a tagged PDF it reads after the resident's parts, wherever the sheet prints it.
        canvas.Begin("Div", last: true);
        DrawArea(canvas, y);
        canvas.End();
    }

    private void DrawArea(Canvas canvas, double y)
    {
        var title = new Box(_left, y, _right - _left, TitleHeight);
        canvas.Rect(title, FormStyle.Rule, FormStyle.BarFill);
        var inner = title.Inset(FormStyle.PadX, 0);
        canvas.Begin("P");
        canvas.TextIn(inner, FormStyle.Label, $"※{_spec.Title}");
        canvas.TextIn(inner, FormStyle.Small, "（※欄は記入しないでください）", align: TextAlign.Right);
        canvas.End();
        var top = y + TitleHeight;
        var bodyHeight = Height - TitleHeight;
        var rowsRight = _spec.Stamp ? _right - Stamp : _right;
        var rows = _spec.Fields.Select(f => (Label: f, Check: (IReadOnlyList<IReadOnlyList<string>>?)null))
            .Concat(_checks.Select(c => (c.Label, Check: (IReadOnlyList<IReadOnlyList<string>>?)c.Lines)))
            .Select((r, i) => (r.Label, Height: _rowHeights[i], r.Check))
            .ToList();
        var extra = rows.Count == 0 ? 0 : (bodyHeight - rows.Sum(r => r.Height)) / rows.Count;
        if (rows.Count == 0) canvas.Rect(new Box(_left, top, rowsRight - _left, bodyHeight), FormStyle.Rule, FormStyle.StaffFill);
        foreach (var (label, height, check) in rows)
        {
            var h = height + extra;
            canvas.Begin("P");
            var labelBox = new Box(_left, top, _labelWidth, h);
            canvas.Rect(labelBox, FormStyle.Rule, FormStyle.LabelFill);
            new LabelText(label, null, _labelWidth, _measurer).Draw(canvas, labelBox);
            var valueBox = new Box(_left + _labelWidth, top, rowsRight - _left - _labelWidth, h);
            canvas.Rect(valueBox, FormStyle.Rule, FormStyle.StaffFill);
            if (check is not null)
            {
                var lineTop = valueBox.Y + (h - check.Count * CheckLine) / 2;
                foreach (var options in check)
                {
                    var x = valueBox.X + FormStyle.PadX;
                    var line = new Box(x, lineTop, valueBox.Width, CheckLine);
                    foreach (var option in options)
                    {
                        canvas.Items.Add(new CheckBoxItem(Math.Round(x, 2), Math.Round(lineTop + (CheckLine - FormStyle.TickBox) / 2, 2), FormStyle.TickBox, false));
                        x += FormStyle.TickBox + FormStyle.TickGap;
                        canvas.Text(x, Canvas.Baseline(line, FormStyle.Label), FormStyle.Label, option);
                        x += canvas.Measure(option, FormStyle.Label) + FormStyle.OptionGap / 2;
                    }
                    lineTop += CheckLine;
                }
            }
            canvas.End();
            top += h;
        }
        if (_spec.Stamp)
        {
            var stamp = new Box(_right - Stamp, y + TitleHeight, Stamp, bodyHeight);
            canvas.Rect(stamp, FormStyle.Rule);
            canvas.TextIn(new Box(stamp.X, stamp.Y + 1, stamp.Width, FormStyle.Leading(FormStyle.Small)), FormStyle.Small, "受付印", align: TextAlign.Center);
        }
    }
}

/// <summary>注意事項: a heading and numbered notes, wrapped so that no note ends with a line of one or two characters.</summary>
internal sealed class NotesBlock : Element
{
    private readonly List<(string Number, string Line)> _lines = [];
    private readonly double _left;
    private readonly double _numberWidth;
    private readonly string _heading;
    private const double HeadingHeight = 6 * FormStyle.Mm;

    private readonly double _size;

    /// <param name="notes">The notes, in order.</param>
    /// <param name="heading">「注意事項」, or 「注意事項（裏面）」 on the back.</param>
    /// <param name="left">Left edge.</param>
    /// <param name="right">Right edge.</param>
    /// <param name="measurer">Measures text.</param>
    /// <param name="size">Type size: small beside the staff area, larger on a back page of their own.</param>
    public NotesBlock(IReadOnlyList<string> notes, string heading, double left, double right, ITextMeasurer measurer, double size = FormStyle.Note)
    {
        _left = left;
        _heading = heading;
        _size = size;
        _numberWidth = measurer.Measure("00　", size);
        for (var i = 0; i < notes.Count; i++)
        {
            var lines = LineBreaker.Wrap(notes[i], right - left - _numberWidth - FormStyle.PadX, size, measurer, balance: true);
            for (var l = 0; l < lines.Count; l++) _lines.Add((l == 0 ? (i + 1).ToString(CultureInfo.InvariantCulture) : "", lines[l]));
        }
        Height = HeadingHeight + _lines.Count * FormStyle.Leading(size) + FormStyle.PadY;
    }

    public override double Height { get; }

    public override void Draw(Canvas canvas, double y)
    {
        canvas.TextIn(new Box(_left, y, 100, HeadingHeight), FormStyle.Header, _heading, role: "H2");
        var top = y + HeadingHeight;
        for (var i = 0; i < _lines.Count; i++)
        {
            var (number, line) = _lines[i];
            var box = new Box(_left, top, 0, FormStyle.Leading(_size));
            // One paragraph a note: its number, then its lines.
            if (number.Length > 0)
            {
                canvas.Begin("P");
                canvas.Text(_left + FormStyle.PadX, Canvas.Baseline(box, _size), _size, number);
            }
            canvas.Text(_left + FormStyle.PadX + _numberWidth, Canvas.Baseline(box, _size), _size, line);
            if (i + 1 == _lines.Count || _lines[i + 1].Number.Length > 0) canvas.End();
            top += FormStyle.Leading(_size);
        }
    }
}

/// <summary>Two elements side by side (notes beside the staff area), as tall as the taller.</summary>
internal sealed class SideBySide(Element left, Element right) : Element
{
    public override double Height => Math.Max(left.Height, right.Height);

    public override void Draw(Canvas canvas, double y)
    {
        left.Draw(canvas, y);
        right.Draw(canvas, y);
    }
}

/// <summary>Elements stacked in one column, drawn as one (the header's left column beside a top-right staff area).</summary>
internal sealed class Stack(IReadOnlyList<Element> elements) : Element
{
    public override double Height => elements.Sum(e => e.Height);

    public override void Draw(Canvas canvas, double y)
    {
        foreach (var element in elements)
        {
            element.Draw(canvas, y);
            y += element.Height;
        }
    }
}
