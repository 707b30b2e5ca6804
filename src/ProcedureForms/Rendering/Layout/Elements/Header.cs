using ProcedureForms.Rendering.Layout.Values;

namespace ProcedureForms.Rendering.Layout.Elements;

/// <summary>The form number top left, the writer's instructions top right (「※太枠内を記入してください。」), the title centred.</summary>
internal sealed class TitleLine : Element
{
    private readonly string? _formNumber;
    private readonly string _title;
    private readonly IReadOnlyList<string> _instructions;
    private readonly double _left;
    private readonly double _width;
    private readonly double _titleTop;
    private readonly double _titleSpacing;
    private readonly double _titleWidth;

    public TitleLine(string? formNumber, string title, IReadOnlyList<string> instructions, double left, double right, ITextMeasurer measurer)
    {
        _formNumber = formNumber;
        _title = title;
        _left = left;
        _width = right - left;
        _instructions = [.. instructions.SelectMany(i => LineBreaker.Wrap(i, _width * 0.45, FormStyle.Small, measurer))];
        // A long title would run into the instructions: it then goes below them.
        var instructionsWidth = _instructions.Select(l => measurer.Measure(l, FormStyle.Small)).DefaultIfEmpty(0).Max();
        var instructionsBottom = _instructions.Count * FormStyle.Leading(FormStyle.Small);
        // A short title is letter-spaced as on paper: 「転　出　届」.
        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(title).Length;
        _titleSpacing = elements is >= 2 and <= FormStyle.SpacedTitleMaxLength && !title.Contains(' ', StringComparison.Ordinal) && !title.Contains('\u3000', StringComparison.Ordinal)
            ? FormStyle.Title : 0;
        _titleWidth = measurer.Measure(title, FormStyle.Title) + _titleSpacing * (elements - 1);
        var titleRight = left + (_width + _titleWidth) / 2;
        _titleTop = Math.Max(FormStyle.TitleLineHeight - FormStyle.TitleBoxHeight,
            titleRight > right - instructionsWidth - FormStyle.ColumnGap && instructionsBottom > 0 ? instructionsBottom + 0.5 * FormStyle.Mm : 0);
    }

    public override double Height => _titleTop + FormStyle.TitleBoxHeight;

    public override void Draw(Canvas canvas, double y)
    {
        if (_formNumber is not null) canvas.Text(_left, y + FormStyle.Ascent(FormStyle.Label), FormStyle.Label, _formNumber);
        canvas.Begin("P");
        for (var i = 0; i < _instructions.Count; i++)
            canvas.TextIn(new Box(_left, y + i * FormStyle.Leading(FormStyle.Small), _width, FormStyle.Leading(FormStyle.Small)), FormStyle.Small, _instructions[i], align: TextAlign.Right);
        canvas.End();
        var titleBox = new Box(_left, y + _titleTop, _width, FormStyle.TitleBoxHeight);
        canvas.Text(_left + (_width - _titleWidth) / 2, Canvas.Baseline(titleBox, FormStyle.Title), FormStyle.Title, _title, spacing: _titleSpacing, role: "H1");
    }
}

/// <summary>The application date at the right: 「令和　　年　　月　　日」, the value written into it when filling.</summary>
internal sealed class DateLine(DateValue? date, string pointer, double left, double right) : Element
{
    public override double Height => FormStyle.HeaderLineHeight;

    public override void Draw(Canvas canvas, double y)
    {
        var line = new Box(left, y, right - left, Height);
        var baseline = Canvas.Baseline(line, FormStyle.Header);
        // The application date is a field (a Form element whose content is its value).
        canvas.Begin("Form", printField: "tv");
        if (date is not null)
        {
            date.DrawLine(canvas, right - date.OneLineWidth, baseline, pointer, withEras: true, withDate: true);
        }
        else
        {
            var blank = Japanese.JapaneseDate.Blank();
            canvas.Text(right - canvas.Measure(blank, FormStyle.Header), baseline, FormStyle.Header, blank);
        }
        canvas.End();
    }
}

/// <summary>
/// One line of the header's text: the addressee (「（宛先）板橋区長」). With <paramref name="blank"/>, a line to write the
/// municipality's head in by hand stands between the two texts: 「（宛先）＿＿＿＿＿＿＿＿」.
/// </summary>
internal sealed class HeaderText(string text, double left, double right, bool blank = false, string after = "") : Element
{
    public override double Height => FormStyle.HeaderLineHeight;

    public override void Draw(Canvas canvas, double y)
    {
        var line = new Box(left, y, right - left, Height);
        canvas.Begin("P");
        canvas.TextIn(line, FormStyle.Header, text);
        if (blank) Blank(canvas, line);
        canvas.End();
    }

    private void Blank(Canvas canvas, Box line)
    {
        var x = left + canvas.Measure(text, FormStyle.Header) + FormStyle.Header / 2;
        var baseline = Canvas.Baseline(line, FormStyle.Header);
        canvas.Line(x, baseline + 2, x + FormStyle.AddresseeBlankMm * FormStyle.Mm, baseline + 2, FormStyle.Rule);
        if (after.Length > 0) canvas.Text(x + FormStyle.AddresseeBlankMm * FormStyle.Mm + FormStyle.Header / 4, baseline, FormStyle.Header, after);
    }
}

/// <summary>The declaration under the addressee, indented one character: 「次のとおり請求します。」.</summary>
internal sealed class Declaration : Element
{
    private readonly IReadOnlyList<string> _lines;
    private readonly double _left;

    public Declaration(string text, double left, double right, ITextMeasurer measurer)
    {
        _left = left + FormStyle.Value;
        _lines = LineBreaker.Wrap(text, right - _left, FormStyle.Value, measurer);
    }

    public override double Height => _lines.Count * FormStyle.Leading(FormStyle.Value) + 2;

    public override void Draw(Canvas canvas, double y)
    {
        canvas.Begin("P");
        for (var i = 0; i < _lines.Count; i++)
            canvas.Text(_left, y + FormStyle.Ascent(FormStyle.Value) + i * FormStyle.Leading(FormStyle.Value), FormStyle.Value, _lines[i]);
        canvas.End();
    }
}

/// <summary>The signature or seal line the form's <c>sealPolicy</c> asks for, right-aligned under the header.</summary>
internal sealed class SealPolicyLine(string label, bool seal, double frameRight) : Element
{
    // Clear of the 太枠 when the form is framed.
    private readonly double right = frameRight - 2 * FormStyle.PadX;

    public override double Height => FormStyle.SealLineHeight;

    public override void Draw(Canvas canvas, double y)
    {
        var baseline = y + FormStyle.SealLineHeight - 3 * FormStyle.Mm;
        var lineStart = right - FormStyle.SealLineWidth;
        canvas.Begin("P");
        canvas.Text(lineStart - canvas.Measure(label, FormStyle.Value) - FormStyle.PadX, baseline, FormStyle.Value, label);
        canvas.Line(lineStart, baseline + 2, right - (seal ? 2 * FormStyle.SealMarkRadius + 2 : 0), baseline + 2, FormStyle.ThinRule);
        if (seal)
        {
            var cx = right - FormStyle.SealMarkRadius;
            var cy = y + Height / 2;
            canvas.Items.Add(new EllipseItem(Math.Round(cx, 2), Math.Round(cy, 2), FormStyle.SealMarkRadius, FormStyle.SealMarkRadius, FormStyle.ThinRule));
            canvas.TextIn(new Box(cx - FormStyle.Small, cy - FormStyle.Small, 2 * FormStyle.Small, 2 * FormStyle.Small), FormStyle.Small, "印", align: TextAlign.Center);
        }
        canvas.End();
    }
}

/// <summary>The heading of the continuation sheets: 「別紙（児童手当 認定請求書）」.</summary>
internal sealed class ContinuationHeading(string title, double left, double right) : Element
{
    public override double Height => FormStyle.TitleLineHeight;

    public override void Draw(Canvas canvas, double y) =>
        canvas.TextIn(new Box(left, y, right - left, FormStyle.HeaderLineHeight), FormStyle.Header, $"別紙（{title}）");
}

/// <summary>「記入例」 (or 「下書き」) boxed, left of the title, on every page of an example or an unvalidated draft.</summary>
internal sealed class ExampleMark(double left, double top, string text) : Element
{
    public override double Height => FormStyle.ExampleMarkHeight;

    public override void Draw(Canvas canvas, double y)
    {
        var box = new Box(left, top, FormStyle.ExampleMarkWidth, FormStyle.ExampleMarkHeight);
        canvas.Rect(box, FormStyle.ThickRule);
        canvas.TextIn(box, 13, text, align: TextAlign.Center, role: "Watermark");
    }
}
