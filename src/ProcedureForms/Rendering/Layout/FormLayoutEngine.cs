using System.Globalization;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Japanese;
using ProcedureForms.Rendering;

namespace ProcedureForms.Rendering.Layout;

/// <summary>What the layout needs besides the form and the submission.</summary>
public sealed record LayoutOptions
{
    /// <summary>Defaults: no municipality, 個人番号 printed as submitted.</summary>
    public static LayoutOptions Default { get; } = new();

    /// <summary>The municipality the addressee line names (<c>addressee</c>'s {municipality} and {head}).</summary>
    public MunicipalityProfile? Municipality { get; init; }

    /// <summary>Print every 個人番号 (format jp-my-number) as ＊ in its boxes, for copies.</summary>
    public bool MaskMyNumber { get; init; }
}

/// <summary>
/// Lays a form out on pages: header (様式番号, title, addressee, date, declaration, signature line), one ruled block per
/// group with a shaded label column, tables for repeating rows with their header repeated on each page, notes and the
/// staff-only area; page numbers last. Rows never split across pages. Pure: it needs only a text measurer.
/// </summary>
public sealed class FormLayoutEngine(ITextMeasurer measurer)
{
    private const double Body = 9.5;
    private const double LabelSize = 8.5;
    private const double Small = 7;
    private const double MinRow = 17;
    private const double Pad = 2;
    private const double LabelWidth = 100;
    private const double PairLabelWidth = 84;
    private const double SubLabelWidth = 80;
    private const double Rule = 0.6;
    private const double LabelFill = 0.9;
    private const double BarFill = 0.8;
    private const double BoxWidth = 14;
    private const double BoxHeight = 15;

    private static readonly IReadOnlyDictionary<string, (double Width, double Height)> PaperSizes = new Dictionary<string, (double, double)>
    {
        ["A4"] = (595, 842), ["A3"] = (842, 1191), ["B4"] = (729, 1032), ["B5"] = (516, 729),
    };

    private static double LineHeight(double size) => size * 1.4;

    /// <summary>Lays out <paramref name="form"/>, filled from <paramref name="submission"/> or blank for handwriting when it is null.</summary>
    public LayoutDocument Layout(ProcedureForm form, JsonElement? submission, LayoutOptions? options = null)
    {
        options ??= LayoutOptions.Default;
        var (width, height) = PaperOf(form);
        var page = new Frame(width, height, Left: 42, Top: 34, Right: width - 42, Bottom: height - 44);
        var context = new Context(form, submission, options, page);
        var dateField = DateFieldName(form);

        var bands = new List<Band>();
        bands.AddRange(Header(context, dateField));
        var loose = new List<FormField>();
        foreach (var field in FormStructure.Read(form, dateField))
        {
            if (field.Kind is not (FieldKind.Group or FieldKind.Table))
            {
                loose.Add(field); // top-level fields outside any block share rows like a block without a title
                continue;
            }
            if (loose.Count > 0) bands.Add(new Band(6, (_, _) => { }));
            bands.AddRange(Rows(context, loose, "", null, null));
            loose.Clear();
            bands.AddRange(field.Kind == FieldKind.Group
                ? Block(context, field, "/" + JsonPointers.Escape(field.Name))
                : Table(context, field, "/" + JsonPointers.Escape(field.Name)));
        }
        if (loose.Count > 0) bands.Add(new Band(6, (_, _) => { }));
        bands.AddRange(Rows(context, loose, "", null, null));
        bands.AddRange(NotesAndStaffArea(context));

        var pages = Paginate(bands, page);
        return new LayoutDocument(width, height, pages.Select((items, i) =>
        {
            var footer = $"{i + 1} / {pages.Count}";
            items.Add(Text(context.Page.Center - measurer.Measure(footer, Small) / 2, height - 24, Small, footer));
            return new LayoutPage(i + 1, items);
        }).ToList());
    }

    // ---- model of the run ----

    private sealed record Frame(double Width, double Height, double Left, double Top, double Right, double Bottom)
    {
        public double ContentWidth => Right - Left;
        public double Center => (Left + Right) / 2;
    }

    private sealed record Context(ProcedureForm Form, JsonElement? Submission, LayoutOptions Options, Frame Page)
    {
        public bool Blank => Submission is null;

        public JsonElement? Value(string pointer) => Submission is { } s ? JsonPointers.Evaluate(s, pointer) : null;

        public string? Keyword(string name) =>
            Form.Definition.ValueKind == JsonValueKind.Object && Form.Definition.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>A horizontal slice of a page that is never split; <see cref="Continuation"/> is redrawn when a page breaks before it.</summary>
    private sealed class Band(double height, Action<double, List<LayoutItem>> draw)
    {
        public double Height { get; } = height;
        public Action<double, List<LayoutItem>> Draw { get; } = draw;
        public IReadOnlyList<Band> Continuation { get; init; } = [];
        public bool KeepWithNext { get; init; }
    }

    // ---- pagination ----

    private static List<List<LayoutItem>> Paginate(List<Band> bands, Frame page)
    {
        var pages = new List<List<LayoutItem>> { new() };
        var y = page.Top;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            // A title bar, a table header and a note row go with what follows them: the whole chain and one more band.
            var needed = band.Height;
            for (var k = i; k < bands.Count - 1 && bands[k].KeepWithNext; k++) needed += bands[k + 1].Height;
            if (y + needed > page.Bottom && y > page.Top)
            {
                pages.Add([]);
                y = page.Top;
                foreach (var repeat in band.Continuation)
                {
                    repeat.Draw(y, pages[^1]);
                    y += repeat.Height;
                }
            }
            band.Draw(y, pages[^1]);
            y += band.Height;
        }
        return pages;
    }

    // ---- header ----

    private IEnumerable<Band> Header(Context c, string? dateField)
    {
        var page = c.Page;
        var formNumber = c.Keyword("formNumber");
        var title = c.Form.Title;
        const double titleSize = 16;
        yield return new Band(31, (y, items) =>
        {
            if (formNumber is not null) items.Add(Text(page.Left, y + 9, LabelSize, formNumber));
            items.Add(Text(page.Center - measurer.Measure(title, titleSize) / 2, y + 27, titleSize, title));
        });

        var addressee = MunicipalityProfile.Fill(c.Keyword("addressee") ?? "（宛先）{head}", c.Options.Municipality);
        var (dateText, dateSource) = ApplicationDate(c, dateField);
        yield return new Band(22, (y, items) =>
        {
            items.Add(Text(page.Left, y + 15, 11, addressee));
            items.Add(Text(page.Right - measurer.Measure(dateText, 11), y + 15, 11, dateText, dateSource));
        });

        if (c.Keyword("declaration") is { } declaration)
        {
            var lines = LineBreaker.Wrap(declaration, page.ContentWidth - Body, Body, measurer);
            yield return new Band(lines.Count * LineHeight(Body) + 6, (y, items) =>
            {
                for (var i = 0; i < lines.Count; i++) items.Add(Text(page.Left + Body, y + Body + i * LineHeight(Body), Body, lines[i]));
            });
        }

        if (Signature(c) is { } signature) yield return signature;
        yield return new Band(6, (_, _) => { });
    }

    private (string Text, string? Source) ApplicationDate(Context c, string? dateField)
    {
        if (dateField is null) return (JapaneseDate.Blank(), null);
        var pointer = "/" + JsonPointers.Escape(dateField);
        var value = c.Value(pointer);
        return value is { ValueKind: JsonValueKind.String } v && FormatDate(v.GetString()!) is { } text
            ? (text, pointer)
            : (JapaneseDate.Blank(), null);
    }

    /// <summary>The signature or seal line the form's <c>sealPolicy</c> asks for; none for printed-name forms.</summary>
    private Band? Signature(Context c)
    {
        var policy = c.Keyword("sealPolicy");
        if (policy is null or "printed-name") return null;
        var who = FormStructure.Read(c.Form, null).FirstOrDefault(f => f.Kind == FieldKind.Group)?.Label ?? "申請者";
        var label = policy switch
        {
            "seal-required" => $"{who}氏名（記名押印）",
            "signature-required" => $"{who}署名（自署）",
            _ => $"{who}署名または記名押印",
        };
        var page = c.Page;
        return new Band(30, (y, items) =>
        {
            var lineStart = page.Right - 230;
            items.Add(Text(lineStart - measurer.Measure(label, Body) - 8, y + 20, Body, label));
            items.Add(new LineItem(lineStart, y + 23, page.Right, y + 23, Rule));
            if (policy is "seal-required" or "signature-or-seal")
            {
                items.Add(new EllipseItem(page.Right - 10, y + 14, 9, 9, Rule));
                items.Add(Text(page.Right - 10 - measurer.Measure("印", Small) / 2, y + 17, Small, "印"));
            }
        });
    }

    // ---- blocks ----

    private IEnumerable<Band> Block(Context c, FormField group, string pointer)
    {
        var title = TitleBar(c, group.Label, group.Condition, continued: false);
        var continued = TitleBar(c, group.Label, null, continued: true);
        yield return new Band(title.Height, title.Draw) { KeepWithNext = true };
        foreach (var band in Rows(c, group.Children, pointer, group.Condition, continued)) yield return band;
    }

    /// <summary>
    /// The rows of a block: one field a row, except that two short fields in a row share it (生年月日・性別), as on the
    /// paper forms, and a note row announces each run of fields that applies only under a condition.
    /// </summary>
    private IEnumerable<Band> Rows(Context c, IReadOnlyList<FormField> fields, string pointer, string? blockCondition, Band? continued)
    {
        string? lastCondition = blockCondition;
        IReadOnlyList<Band> continuation = continued is null ? [] : [continued];
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var fieldPointer = pointer + "/" + JsonPointers.Escape(field.Name);
            if (field.Condition is { } condition && condition != lastCondition && condition != blockCondition)
                yield return NoteRow(c, $"（{condition}）", continued);
            lastCondition = field.Condition ?? blockCondition;
            if (field.Kind == FieldKind.Table)
            {
                foreach (var band in Table(c, field, fieldPointer)) yield return band;
                continue;
            }
            if (field.Kind == FieldKind.Group)
            {
                var nested = NestedGroupRow(c, field, fieldPointer);
                yield return new Band(nested.Height, nested.Draw) { Continuation = continuation };
                continue;
            }
            if (i + 1 < fields.Count && IsShort(field) && IsShort(fields[i + 1]) && fields[i + 1].Condition == field.Condition)
            {
                var next = fields[++i];
                var middle = c.Page.Left + (c.Page.ContentWidth + LabelWidth - PairLabelWidth) / 2;
                var left = FieldCell(c, field, fieldPointer, LabelWidth, c.Page.Left, middle);
                var right = FieldCell(c, next, pointer + "/" + JsonPointers.Escape(next.Name), PairLabelWidth, middle, c.Page.Right);
                var height = Math.Max(left.Height, right.Height);
                yield return new Band(height, (y, items) =>
                {
                    left.Draw(y, height, items);
                    right.Draw(y, height, items);
                })
                { Continuation = continuation };
                continue;
            }
            var cell = FieldCell(c, field, fieldPointer, LabelWidth, c.Page.Left, c.Page.Right);
            yield return new Band(cell.Height, (y, items) => cell.Draw(y, cell.Height, items)) { Continuation = continuation };
        }
    }

    /// <summary>Whether a field fits half a row: yes/no, a few choices, a date, up to 7 boxes, a telephone number, or text of 30 characters at most.</summary>
    private bool IsShort(FormField field) => field.Kind switch
    {
        FieldKind.Boolean => true,
        FieldKind.Date => measurer.Measure(BlankDate(field), Body) < 150,
        FieldKind.Choice => measurer.Measure(string.Join("　　", field.Options.Select(o => o.Label)), Body) < 150,
        FieldKind.Boxes => field.BoxGroups.Sum() <= 7,
        FieldKind.Text => field.Format == "jp-phone" || field.Schema.TryGetProperty("maxLength", out var max) && max.TryGetInt32(out var n) && n <= 30,
        _ => false,
    };



    private Band TitleBar(Context c, string title, string? condition, bool continued)
    {
        var page = c.Page;
        var text = continued ? $"{title}（続き）" : title;
        return new Band(18, (y, items) =>
        {
            items.Add(new RectItem(page.Left, y, page.ContentWidth, 18, Rule, BarFill));
            items.Add(Text(page.Left + Pad, y + 13, Body, text));
            if (condition is not null)
                items.Add(Text(page.Left + Pad + measurer.Measure(text, Body) + 8, y + 12.5, LabelSize, $"（{condition}）"));
        });
    }

    private Band NoteRow(Context c, string note, Band? continuation)
    {
        var page = c.Page;
        return new Band(15, (y, items) =>
        {
            items.Add(new RectItem(page.Left, y, page.ContentWidth, 15, Rule));
            items.Add(Text(page.Left + Pad, y + 11, LabelSize, note));
        })
        { Continuation = continuation is null ? [] : [continuation], KeepWithNext = true };
    }

    /// <summary>A label cell and a value cell: the height they need, and how to draw them at a row's top and height.</summary>
    private sealed record Cell(double Height, Action<double, double, List<LayoutItem>> Draw);

    private Cell FieldCell(Context c, FormField field, string pointer, double labelWidth, double x0, double x1, double labelFill = LabelFill)
    {
        var labelLines = LineBreaker.Wrap(field.Label, labelWidth - 2 * Pad, LabelSize, measurer);
        var value = Value(c, field, pointer, x1 - x0 - labelWidth - 2 * Pad);
        var height = Math.Max(MinRow, Math.Max(labelLines.Count * LineHeight(LabelSize) + 2 * Pad, value.Height + 2 * Pad));
        return new Cell(height, (y, rowHeight, items) =>
        {
            items.Add(new RectItem(x0, y, labelWidth, rowHeight, Rule, labelFill));
            items.Add(new RectItem(x0 + labelWidth, y, x1 - x0 - labelWidth, rowHeight, Rule));
            var labelTop = y + (rowHeight - labelLines.Count * LineHeight(LabelSize)) / 2;
            for (var i = 0; i < labelLines.Count; i++)
                items.Add(Text(x0 + Pad, labelTop + LabelSize + i * LineHeight(LabelSize) - 1, LabelSize, labelLines[i]));
            value.Draw(x0 + labelWidth + Pad, y + (rowHeight - value.Height) / 2, items);
        });
    }

    private Band NestedGroupRow(Context c, FormField group, string pointer)
    {
        var x0 = c.Page.Left;
        var subLeft = x0 + LabelWidth;
        var rows = group.Children.Select(f => FieldCell(c, f, pointer + "/" + JsonPointers.Escape(f.Name), SubLabelWidth, subLeft, c.Page.Right, 0.95)).ToList();
        var height = rows.Sum(r => r.Height);
        var labelLines = LineBreaker.Wrap(group.Label, LabelWidth - 2 * Pad, LabelSize, measurer);
        return new Band(height, (y, items) =>
        {
            items.Add(new RectItem(x0, y, LabelWidth, height, Rule, LabelFill));
            var labelTop = y + (height - labelLines.Count * LineHeight(LabelSize)) / 2;
            for (var i = 0; i < labelLines.Count; i++)
                items.Add(Text(x0 + Pad, labelTop + LabelSize + i * LineHeight(LabelSize), LabelSize, labelLines[i]));
            var rowY = y;
            foreach (var row in rows)
            {
                row.Draw(rowY, row.Height, items);
                rowY += row.Height;
            }
        });
    }

    // ---- tables ----

    private IEnumerable<Band> Table(Context c, FormField table, string pointer)
    {
        var page = c.Page;
        var columns = table.Children;
        var widths = ColumnWidths(columns, page.ContentWidth - 24);
        var title = TitleBar(c, table.Label, table.Condition, continued: false);
        var headerHeight = columns.Select((col, i) => LineBreaker.Wrap(col.Label, widths[i] - 2 * Pad, LabelSize, measurer).Count).Max() * LineHeight(LabelSize) + 2 * Pad;
        var header = new Band(headerHeight, (y, items) =>
        {
            var x = page.Left;
            items.Add(new RectItem(x, y, 24, headerHeight, Rule, LabelFill));
            items.Add(Text(x + 12 - measurer.Measure("No.", Small) / 2, y + headerHeight / 2 + 3, Small, "No."));
            x += 24;
            for (var i = 0; i < columns.Count; i++)
            {
                items.Add(new RectItem(x, y, widths[i], headerHeight, Rule, LabelFill));
                var lines = LineBreaker.Wrap(columns[i].Label, widths[i] - 2 * Pad, LabelSize, measurer);
                var top = y + (headerHeight - lines.Count * LineHeight(LabelSize)) / 2;
                for (var l = 0; l < lines.Count; l++)
                    items.Add(Text(x + (widths[i] - measurer.Measure(lines[l], LabelSize)) / 2, top + LabelSize + l * LineHeight(LabelSize), LabelSize, lines[l]));
                x += widths[i];
            }
        });
        var continuation = new[] { TitleBar(c, table.Label, null, continued: true), header };
        yield return new Band(title.Height, title.Draw) { KeepWithNext = true };
        yield return new Band(header.Height, header.Draw) { KeepWithNext = true, Continuation = [continuation[0]] };

        var data = c.Value(pointer);
        var count = c.Blank ? table.BlankRows : Math.Max(1, data is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0);
        for (var row = 0; row < count; row++)
        {
            var rowPointer = $"{pointer}/{row.ToString(CultureInfo.InvariantCulture)}";
            var cells = columns.Select((col, i) => Value(c, col, col.Name.Length == 0 ? rowPointer : rowPointer + "/" + JsonPointers.Escape(col.Name), widths[i] - 2 * Pad, compact: true)).ToList();
            var height = Math.Max(MinRow, cells.Max(v => v.Height) + 2 * Pad);
            var number = (row + 1).ToString(CultureInfo.InvariantCulture);
            yield return new Band(height, (y, items) =>
            {
                var x = page.Left;
                items.Add(new RectItem(x, y, 24, height, Rule));
                items.Add(Text(x + 12 - measurer.Measure(number, Body) / 2, y + height / 2 + 1.5, Body, number));
                x += 24;
                for (var i = 0; i < cells.Count; i++)
                {
                    items.Add(new RectItem(x, y, widths[i], height, Rule));
                    cells[i].Draw(x + Pad, y + (height - cells[i].Height) / 2, items);
                    x += widths[i];
                }
            })
            { Continuation = continuation };
        }
    }

    /// <summary>
    /// Column widths: choices, yes/no, dates and boxes get what they need to stay on one line; text columns share the
    /// rest. When even that does not fit, everything shrinks in proportion.
    /// </summary>
    private double[] ColumnWidths(IReadOnlyList<FormField> columns, double total)
    {
        double Header(FormField col) => measurer.Measure(col.Label, LabelSize) + 2 * Pad + 2;
        var fixedWidths = columns.Select(col => col.Kind switch
        {
            FieldKind.Boolean => Math.Max(measurer.Measure("有・無", Body) + 2 * Pad + 7, Header(col)),
            FieldKind.Choice => Math.Max(measurer.Measure(string.Join("・", col.Options.Select(o => o.Label)), Body) + 2 * Pad + 7, Header(col)),
            FieldKind.Date => Math.Max(measurer.Measure("令和00年00月00日", Body) + 2 * Pad + 2, Header(col)),
            FieldKind.Boxes => Math.Max(col.BoxGroups.Sum() * 11 + 2 * Pad, Header(col)),
            _ => (double?)null,
        }).ToArray();
        var flexible = fixedWidths.Count(w => w is null);
        var rest = total - fixedWidths.Sum(w => w ?? 0);
        var textMinimum = columns.Where((_, i) => fixedWidths[i] is null).Select(col => Math.Max(60, Header(col))).ToArray();
        if (rest >= textMinimum.Sum())
        {
            var weights = columns.Select((col, i) => fixedWidths[i] is null ? Math.Max(60, 1.6 * measurer.Measure(col.Label, LabelSize) + 40) : 0).ToArray();
            var sum = weights.Sum();
            return columns.Select((_, i) => fixedWidths[i] ?? (flexible == 0 ? 0 : weights[i] * rest / sum)).ToArray();
        }
        var natural = columns.Select((col, i) => fixedWidths[i] ?? Math.Max(60, Header(col))).ToArray();
        var scale = total / natural.Sum();
        return natural.Select(w => w * scale).ToArray();
    }

    // ---- values ----

    /// <summary>A laid-out value: its height and how to draw it at a top-left corner.</summary>
    private sealed record ValueBox(double Height, Action<double, double, List<LayoutItem>> Draw);

    private ValueBox Value(Context c, FormField field, string pointer, double width, bool compact = false)
    {
        var value = c.Value(pointer);
        switch (field.Kind)
        {
            case FieldKind.Boxes when !compact:
                return Boxes(c, field, pointer, value);
            case FieldKind.Choice:
                return Choices(field.Options.Select(o => (o.Label, value is { } v && JsonElement.DeepEquals(v, o.Value))).ToList(), field.Circled || compact, width, pointer);
            case FieldKind.Boolean when field.Schema.TryGetProperty("choiceStyle", out var style) && style.ValueEquals("tick"):
                var ticked = value is { ValueKind: JsonValueKind.True };
                return new ValueBox(LineHeight(Body), (x, y, items) => items.Add(new CheckBoxItem(x + 1, y + 2.5, 8.5, ticked)));
            case FieldKind.Boolean when field.Circled:
                return Choices([("はい", value is { ValueKind: JsonValueKind.True }), ("いいえ", value is { ValueKind: JsonValueKind.False })], true, width, pointer);
            case FieldKind.Boolean:
                return compact
                    ? Choices([("有", value is { ValueKind: JsonValueKind.True }), ("無", value is { ValueKind: JsonValueKind.False })], true, width, pointer)
                    : Choices([("はい", value is { ValueKind: JsonValueKind.True }), ("いいえ", value is { ValueKind: JsonValueKind.False })], false, width, pointer);
            case FieldKind.Date:
                var date = value is { ValueKind: JsonValueKind.String } d ? FormatDate(d.GetString()!) : null;
                var text = date ?? (compact ? "　年　月　日" : BlankDate(field));
                return TextValue(text, width, date is null ? null : pointer);
            case FieldKind.Group:
                // A group inside a table cell or a sub-block: its simple fields in one line, masked like any other.
                var parts = field.Children
                    .Where(f => f.Kind is not (FieldKind.Group or FieldKind.Table))
                    .Select(f => (Field: f, Value: c.Value(pointer + "/" + JsonPointers.Escape(f.Name))))
                    .Where(p => p.Value is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) })
                    .Select(p => $"{p.Field.Label}：{Masked(c, p.Field, Scalar(p.Value!.Value))}");
                return TextValue(string.Join("　", parts), width, pointer);
            default:
                var s = value is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) } sv ? Masked(c, field, Scalar(sv)) : "";
                if (field.Schema.ValueKind == JsonValueKind.Object && field.Schema.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String)
                    s = s.Length == 0 ? $"　　　　{unit.GetString()}" : $"{s} {unit.GetString()}";
                return TextValue(s, width, value is null ? null : pointer);
        }
    }

    private string Masked(Context c, FormField field, string text) =>
        c.Options.MaskMyNumber && field.Format == "jp-my-number" ? new string('＊', text.Length) : text;

    private ValueBox TextValue(string text, double width, string? source)
    {
        if (text.Length == 0) return new ValueBox(0, (_, _, _) => { });
        var lines = LineBreaker.Wrap(text, width, Body, measurer);
        return new ValueBox(lines.Count * LineHeight(Body), (x, y, items) =>
        {
            for (var i = 0; i < lines.Count; i++)
                items.Add(Text(x, y + Body + i * LineHeight(Body) - 1.5, Body, lines[i], source));
        });
    }

    private ValueBox Boxes(Context c, FormField field, string pointer, JsonElement? value)
    {
        var characters = value is { ValueKind: JsonValueKind.String } v
            ? Masked(c, field, v.GetString()!.Replace("-", "", StringComparison.Ordinal))
            : "";
        var postal = field.Format == "jp-postal-code";
        return new ValueBox(BoxHeight, (x, y, items) =>
        {
            if (postal)
            {
                items.Add(Text(x, y + 11.5, Body, "〒"));
                x += 14;
            }
            var k = 0;
            for (var g = 0; g < field.BoxGroups.Count; g++)
            {
                if (g > 0)
                {
                    items.Add(new LineItem(x + 2, y + BoxHeight / 2, x + 8, y + BoxHeight / 2, Rule));
                    x += 10;
                }
                for (var b = 0; b < field.BoxGroups[g]; b++, k++)
                {
                    items.Add(new RectItem(x, y, BoxWidth, BoxHeight, b == 0 ? Rule : Rule * 0.6));
                    if (k < characters.Length)
                    {
                        var ch = characters[k].ToString();
                        items.Add(Text(x + (BoxWidth - measurer.Measure(ch, Body + 1)) / 2, y + 11.8, Body + 1, ch, pointer));
                    }
                    x += BoxWidth;
                }
            }
        });
    }

    private ValueBox Choices(IReadOnlyList<(string Label, bool Chosen)> options, bool circled, double width, string source)
    {
        // Lay the options out in lines that fit the cell.
        var placed = new List<(double X, int Line, string Label, bool Chosen)>();
        var start = circled ? 3.0 : 0; // room for the circle inside the cell's rule
        double x = start;
        var line = 0;
        const double box = 8.5;
        foreach (var (label, chosen) in options)
        {
            var w = circled ? measurer.Measure(label, Body) : box + 3 + measurer.Measure(label, Body);
            if (x > start && x + w > width)
            {
                x = start;
                line++;
            }
            placed.Add((x, line, label, chosen));
            x += w + (circled ? measurer.Measure("・", Body) : 12);
        }
        var lh = LineHeight(Body);
        return new ValueBox((line + 1) * lh, (left, top, items) =>
        {
            for (var i = 0; i < placed.Count; i++)
            {
                var (px, pl, label, chosen) = placed[i];
                var baseline = top + Body + pl * lh - 1.5;
                if (circled)
                {
                    var w = measurer.Measure(label, Body);
                    items.Add(Text(left + px, baseline, Body, label));
                    if (chosen) items.Add(new EllipseItem(left + px + w / 2, baseline - Body * 0.35, w / 2 + 2.5, Body * 0.72, 0.8));
                    if (i + 1 < placed.Count && placed[i + 1].Line == pl) items.Add(Text(left + px + w, baseline, Body, "・"));
                }
                else
                {
                    items.Add(new CheckBoxItem(left + px, baseline - box + 0.5, box, chosen));
                    items.Add(Text(left + px + box + 3, baseline, Body, label));
                }
            }
            _ = source;
        });
    }

    /// <summary>The blank date line: 「令和　　年　　月　　日」, or with the eras a birth date may need (<c>eras</c>).</summary>
    private static string BlankDate(FormField field)
    {
        if (field.Schema.ValueKind == JsonValueKind.Object && field.Schema.TryGetProperty("eras", out var eras) && eras.ValueKind == JsonValueKind.Array)
            return string.Join("・", eras.EnumerateArray().Select(e => e.GetString())) + "　　年　　月　　日";
        return field.Label.Contains("生年月日", StringComparison.Ordinal) ? "昭・平・令　　年　　月　　日" : JapaneseDate.Blank();
    }

    // ---- notes and staff area ----

    /// <summary>
    /// 注意事項 on the left and the staff-only area (職員記入欄 with its 受付印 box) on the right, side by side at the foot
    /// of the form as on the paper ones; either alone takes the full width.
    /// </summary>
    private IEnumerable<Band> NotesAndStaffArea(Context c)
    {
        var page = c.Page;
        var notes = c.Form.Definition.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.Array
            ? n.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        var staff = c.Form.Definition.TryGetProperty("staffArea", out var st) && st.ValueKind == JsonValueKind.Object ? st : (JsonElement?)null;
        if (notes.Count == 0 && staff is null) yield break;

        var staffWidth = staff is null ? 0 : notes.Count == 0 ? page.ContentWidth : Math.Round(page.ContentWidth * 0.42);
        var notesRight = staff is null ? page.Right : page.Right - staffWidth - 10;
        var notesLines = new List<(string Number, string Line)>();
        for (var i = 0; i < notes.Count; i++)
        {
            var number = $"{i + 1}　";
            var indent = measurer.Measure(number, LabelSize);
            var lines = LineBreaker.Wrap(notes[i], notesRight - page.Left - indent - 4, LabelSize, measurer);
            for (var l = 0; l < lines.Count; l++) notesLines.Add((l == 0 ? number : "", lines[l]));
        }
        var notesHeight = notes.Count == 0 ? 0 : 15 + notesLines.Count * LineHeight(LabelSize);
        var staffHeight = staff is { } area ? StaffHeight(area) : 0;
        var height = Math.Max(notesHeight, staffHeight);

        yield return new Band(6, (_, _) => { });
        yield return new Band(height, (y, items) =>
        {
            if (notes.Count > 0)
            {
                items.Add(Text(page.Left, y + 10, Body, "注意事項"));
                var numberWidth = measurer.Measure("0　", LabelSize);
                for (var i = 0; i < notesLines.Count; i++)
                {
                    var baseline = y + 15 + LabelSize + i * LineHeight(LabelSize);
                    if (notesLines[i].Number.Length > 0) items.Add(Text(page.Left + 4, baseline, LabelSize, notesLines[i].Number));
                    items.Add(Text(page.Left + 4 + numberWidth, baseline, LabelSize, notesLines[i].Line));
                }
            }
            if (staff is { } s) DrawStaffArea(s, page.Right - staffWidth, page.Right, y, items);
        });
    }

    private const double StampSize = 60;
    private const double StaffTitleHeight = 15;

    private static double StaffHeight(JsonElement staff) =>
        StaffTitleHeight + Math.Max(StaffFields(staff).Count * MinRow, Stamp(staff) ? StampSize : 0);

    private static List<string> StaffFields(JsonElement staff) =>
        staff.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    private static bool Stamp(JsonElement staff) => !staff.TryGetProperty("receiptStamp", out var s) || s.ValueKind != JsonValueKind.False;

    private void DrawStaffArea(JsonElement staff, double left, double right, double y, List<LayoutItem> items)
    {
        var title = staff.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "職員記入欄";
        var fields = StaffFields(staff);
        var stamp = Stamp(staff);
        var rowsHeight = StaffHeight(staff) - StaffTitleHeight;
        items.Add(new RectItem(left, y, right - left, StaffTitleHeight, Rule, BarFill));
        items.Add(Text(left + Pad, y + 11, LabelSize, $"※{title}"));
        const string hint = "（※欄は記入しないでください）";
        items.Add(Text(right - Pad - measurer.Measure(hint, Small), y + 10.5, Small, hint));
        var bodyTop = y + StaffTitleHeight;
        var fieldsRight = stamp ? right - StampSize : right;
        var labelWidth = Math.Min(LabelWidth, (fieldsRight - left) * 0.45);
        items.Add(new RectItem(left, bodyTop, right - left, rowsHeight, Rule, 0.93));
        var rowHeight = fields.Count == 0 ? 0 : rowsHeight / fields.Count;
        for (var i = 0; i < fields.Count; i++)
        {
            var rowY = bodyTop + i * rowHeight;
            items.Add(new RectItem(left, rowY, labelWidth, rowHeight, Rule, LabelFill));
            items.Add(new RectItem(left + labelWidth, rowY, fieldsRight - left - labelWidth, rowHeight, Rule, 1));
            items.Add(Text(left + Pad, rowY + rowHeight / 2 + 3, LabelSize, fields[i]));
        }
        if (stamp)
        {
            items.Add(new RectItem(right - StampSize, bodyTop, StampSize, rowsHeight, Rule, 1));
            items.Add(Text(right - StampSize / 2 - measurer.Measure("受付印", Small) / 2, bodyTop + 10, Small, "受付印"));
        }
    }

    // ---- helpers ----

    private static TextItem Text(double x, double baseline, double size, string text, string? source = null) =>
        new(Math.Round(x, 2), Math.Round(baseline, 2), size, text, source);

    /// <summary>ISO dates print in 和暦; era dates print as written; anything else is not a date we print.</summary>
    internal static string? FormatDate(string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && JapaneseEra.Of(date) is not null
            ? JapaneseDate.Format(date)
            : JapaneseDate.TryParse(value, out _) ? value : null;

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "はい",
        JsonValueKind.False => "いいえ",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    private static (double Width, double Height) PaperOf(ProcedureForm form)
    {
        var size = "A4";
        var landscape = false;
        if (form.Definition.ValueKind == JsonValueKind.Object && form.Definition.TryGetProperty("paper", out var paper) && paper.ValueKind == JsonValueKind.Object)
        {
            if (paper.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() is { } name && PaperSizes.ContainsKey(name)) size = name;
            landscape = paper.TryGetProperty("orientation", out var o) && o.ValueEquals("landscape");
        }
        var (w, h) = PaperSizes[size];
        return landscape ? (h, w) : (w, h);
    }

    /// <summary>The property printed as the date at the top right: <c>applicationDateField</c>, else one named applicationDate.</summary>
    private static string? DateFieldName(ProcedureForm form)
    {
        if (form.Definition.ValueKind != JsonValueKind.Object) return null;
        if (form.Definition.TryGetProperty("applicationDateField", out var named) && named.ValueKind == JsonValueKind.String) return named.GetString();
        return form.Definition.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("applicationDate", out _)
            ? "applicationDate"
            : null;
    }
}
