using System.Globalization;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Model;
using ProcedureForms.Japanese;
using ProcedureForms.Rendering.Layout.Elements;
using ProcedureForms.Rendering.Layout.Values;

namespace ProcedureForms.Rendering.Layout;

/// <summary>What the layout needs besides the form and the submission.</summary>
internal sealed record LayoutOptions
{
    /// <summary>Defaults: no municipality, 個人番号 printed as submitted.</summary>
    public static LayoutOptions Default { get; } = new();

    /// <summary>The municipality the addressee line names (<c>addressee</c>'s {municipality} and {head}).</summary>
    public MunicipalityProfile? Municipality { get; init; }

    /// <summary>Print every 個人番号 (format jp-my-number) as ＊ in its boxes, for copies.</summary>
    public bool MaskMyNumber { get; init; }

    /// <summary>Mark every page 「記入例」 (a form filled from an example submission, for the counter and the website).</summary>
    public bool Example { get; init; }

    /// <summary>Mark every page 「下書き」: printed from a submission that was not validated (ignored with <see cref="Example"/>).</summary>
    public bool Draft { get; init; }

    /// <summary>No structure tree (<see cref="RenderOptions.Untagged"/>).</summary>
    public bool Untagged { get; init; }

    /// <summary>A template form keeps its AcroForm: values placed by field name go into the fields, with appearances.</summary>
    public bool KeepFillable { get; init; }
}

/// <summary>
/// Lays a form out as its official 様式: one fixed sheet that is a function of the definition alone — same pages, rows,
/// rules and labels blank or filled — into which a submission's values are written. Tables print the rows the form
/// declares; more rows go to continuation sheets (別紙) after the form. A value that does not fit its cell is shrunk,
/// then wrapped inside the cell, and otherwise reported in <see cref="LayoutDocument.Problems"/>, never drawn over a
/// rule. Pure: it needs only a text measurer.
/// </summary>
internal sealed class FormLayoutEngine(ITextMeasurer measurer)
{
    private static readonly IReadOnlyDictionary<string, (double Width, double Height)> PaperSizes = new Dictionary<string, (double, double)>
    {
        ["A4"] = (595, 842), ["A3"] = (842, 1191), ["B4"] = (729, 1032), ["B5"] = (516, 729),
    };

    /// <summary>Lays out <paramref name="form"/>, filled from <paramref name="submission"/> or blank for handwriting when it is null.</summary>
    public LayoutDocument Layout(ProcedureForm form, JsonElement? submission, LayoutOptions? options = null)
    {
        options ??= LayoutOptions.Default;
        var sheet = Compose(form, options);
        var fill = submission is { } s ? new Fill(s, options) : null;
        var pages = new List<LayoutPage>();
        for (var i = 0; i < sheet.Pages.Count; i++)
            pages.Add(DrawPage(sheet, sheet.Pages[i], fill, $"{i + 1} / {sheet.Pages.Count}", pages.Count + 1, options));
        if (fill is not null)
        {
            var extra = ContinuationElements(form, sheet, fill);
            var continuation = extra.Count == 0 ? [] : Paginate(extra, sheet.Frame, sheet.Frame.Bottom);
            for (var i = 0; i < continuation.Count; i++)
                pages.Add(DrawPage(sheet, continuation[i], fill, $"別紙 {i + 1} / {continuation.Count}", pages.Count + 1, options));
        }
        return new LayoutDocument(sheet.Width, sheet.Height, pages) { Problems = fill?.Problems ?? [], SheetPages = sheet.Pages.Count, Tagged = !options.Untagged };
    }

    /// <summary>How many pages the form's own sheets take, and by how many points the content overflows the declared <c>pages</c>.</summary>
    internal (int Pages, double Overflow, IReadOnlyList<(string Pointer, string Message)> Advice) Measure(ProcedureForm form)
    {
        var sheet = Compose(form, LayoutOptions.Default);
        return (sheet.Pages.Count - sheet.BackPages, sheet.Overflow, sheet.Advice);
    }

    // ---- the sheet: composed from the definition alone ----

    private sealed record Frame(double Left, double Top, double Right, double Bottom)
    {
        public double Width => Right - Left;
        public double Center => (Left + Right) / 2;
    }

    private sealed record Placed(Element Element, double Y);

    private sealed record Sheet(double Width, double Height, Frame Frame, IReadOnlyList<IReadOnlyList<Placed>> Pages, IReadOnlyList<TableSpec> Tables, double Overflow)
    {
        /// <summary>Design advice for lint.</summary>
        public IReadOnlyList<(string Pointer, string Message)> Advice { get; init; } = [];

        /// <summary>Pages of the back (注意事項 on the back), after the front pages.</summary>
        public int BackPages { get; init; }
    }

    /// <summary>A table on the sheet, for its continuation rows.</summary>
    private sealed record TableSpec(FormNode Node, string Pointer, int Rows, Func<int, Element> Row, Element Title, Element Header);

    private sealed class Composer(ProcedureForm form, ITextMeasurer measurer, Frame frame)
    {
        public List<TableSpec> Tables { get; } = [];

        /// <summary>Design advice found while composing: table columns too narrow for their scaffold on one line.</summary>
        public List<(string Pointer, string Message)> Advice { get; } = [];

        public double RowHeight { get; } = Millimetres(form.Model.Root, "rowHeight") ?? FormStyle.RowHeightMm * FormStyle.Mm;

        public double LabelWidth(FormNode? block) =>
            (block is null ? null : Millimetres(block, "labelWidth")) ?? Millimetres(form.Model.Root, "labelWidth") ?? FormStyle.LabelWidthMm * FormStyle.Mm;

        public bool FrameAll => form.Model.Root.Keyword("thickFrame") is { ValueKind: JsonValueKind.True };

        public IEnumerable<Element> Body()
        {
            var loose = new List<FormNode>();
            var first = true;
            var lastFramed = false;
            foreach (var field in form.Model.Root.Children.Where(f => f.Name != form.Model.ApplicationDateField))
            {
                if (field.Kind is not (FieldKind.Group or FieldKind.Table))
                {
                    loose.Add(field);
                    continue;
                }
                foreach (var e in Loose(loose, ref first, ref lastFramed)) yield return e;
                var pointer = JsonPointers.Append("", field.Name);
                var framed = FrameAll || field.Keyword("thickFrame") is { ValueKind: JsonValueKind.True };
                // Inside the 太枠 blocks follow each other without a gap: a gap would show as a sliver between the rules.
                if (!first) yield return new Spacer(lastFramed && framed ? 0 : FormStyle.BlockGap);
                first = false;
                lastFramed = framed;
                var breakBefore = field.Keyword("pageBreakBefore") is { ValueKind: JsonValueKind.True };
                var elements = field.Kind == FieldKind.Group ? Block(field, pointer).ToList() : Table(field, pointer).ToList();
                for (var i = 0; i < elements.Count; i++)
                    yield return With(elements[i], framed, i == 0 && breakBefore);
            }
            foreach (var e in Loose(loose, ref first, ref lastFramed)) yield return e;
        }

        private IEnumerable<Element> Loose(List<FormNode> loose, ref bool first, ref bool lastFramed)
        {
            if (loose.Count == 0) return [];
            var elements = new List<Element>();
            if (!first) elements.Add(new Spacer(lastFramed && FrameAll ? 0 : FormStyle.BlockGap));
            first = false;
            lastFramed = FrameAll;
            elements.AddRange(Rows(null, loose, "", null, []).Select(e => With(e, FrameAll, false)));
            loose.Clear();
            return elements;
        }

        // Framing and page breaks are the sheet's business, not the element's: set by wrapping.
        private static Element With(Element e, bool framed, bool pageBreak) =>
            !framed && !pageBreak ? e : new Wrapped(e) { Framed = framed, PageBreakBefore = pageBreak, KeepWithNext = e.KeepWithNext, Repeat = e.Repeat };

        /// <summary>A block's <c>description</c>: guidance in small type, or with <c>descriptionStyle: statement</c> the form's own wording at full size.</summary>
        private static double DescriptionSize(FormNode block) => block.String("descriptionStyle") == "statement" ? FormStyle.Value : FormStyle.Note;

        private IEnumerable<Element> Block(FormNode group, string pointer)
        {
            var title = new TitleBar(group.Label, group.Condition, frame.Left, frame.Right) { KeepWithNext = true };
            var continued = new TitleBar($"{group.Label}（続き）", null, frame.Left, frame.Right);
            yield return title;
            if (group.String("description") is { } description)
                yield return new NoteRow(description, frame.Left, frame.Right, measurer, DescriptionSize(group)) { KeepWithNext = true, Repeat = [continued] };
            if (TickListValue.Applies(group))
                yield return new ValueRow(new TickListValue(group, measurer, compact: false), pointer, frame.Left, frame.Right, RowHeight) { Repeat = [continued] };
            else
                foreach (var e in Rows(group, group.Children, pointer, group.Condition, [continued])) yield return e;
            if (group.Keyword("sealBox") is { ValueKind: JsonValueKind.Object } seal)
            {
                var label = seal.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "印影";
                var size = seal.TryGetProperty("size", out var s) && s.TryGetDouble(out var mm) ? mm : 30;
                yield return new SealBoxRow(label, size, frame.Left, LabelWidth(group), frame.Right, measurer) { Repeat = [continued] };
            }
            if (group.Keyword("signature") is { ValueKind: JsonValueKind.Object } signature)
            {
                var label = signature.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "署名";
                var date = signature.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.True;
                var seal2 = signature.TryGetProperty("seal", out var se) && se.ValueKind == JsonValueKind.True;
                yield return new SignatureRow(label, date, seal2, frame.Left, frame.Right, measurer) { Repeat = [continued] };
            }
        }

        /// <summary>Whether the field at <paramref name="i"/> shares its row with the next, and how much each needs.</summary>
        private bool Pairs(FormNode block, IReadOnlyList<FormNode> ordered, int i, double available, double pairLabel, out double needLeft, out double needRight)
        {
            (needLeft, needRight) = (0, 0);
            var field = ordered[i];
            if (field.Kind is FieldKind.Table or FieldKind.Group || StatementValue.Applies(field) || i + 1 >= ordered.Count) return false;
            var next = ordered[i + 1];
            if (next.Kind is FieldKind.Group or FieldKind.Table || StatementValue.Applies(next)) return false;
            // Its condition goes under its label when it is the only field under it: one row instead of a note row and two.
            if (next.Condition != field.Condition &&
                (!AppliesOnAnswerOf(block, next, field) || (i + 2 < ordered.Count && ordered[i + 2].Condition == next.Condition))) return false;
            if (Need(field) is not { } left || Need(next) is not { } right || left + right > available) return false;
            (needLeft, needRight) = (left, right);
            return true;
        }

        /// <summary>
        /// Whether <paramref name="next"/> applies only on an answer to <paramref name="field"/> (受給の有無 → 年金額): the two
        /// share a row, the condition printed under the second label, as paper prints 「有・無」 beside the amount.
        /// </summary>
        private static bool AppliesOnAnswerOf(FormNode block, FormNode next, FormNode field) =>
            field.Condition is null && next.Condition is not null && field.Kind is FieldKind.Choice or FieldKind.Boolean &&
            block.Conditions.Any(c => (c.Then.Contains(next.Name) || c.Else.Contains(next.Name)) && c.Tests.Count == 1 && c.Tests[0].Property == field.Name);

        /// <summary>
        /// Where each shared row splits (by the index of its left field), from the start of the value area: the middle,
        /// moved only as far as one side needs; consecutive shared rows split at one x when all of them can, so the
        /// rule between them runs straight down, as on paper.
        /// </summary>
        private Dictionary<int, double> Splits(FormNode block, IReadOnlyList<FormNode> ordered, string? blockCondition, double available, double pairLabel)
        {
            var splits = new Dictionary<int, double>();
            var run = new List<(int Index, double Low, double High)>();
            void Close()
            {
                if (run.Count == 0) return;
                var low = run.Max(r => r.Low);
                var high = run.Min(r => r.High);
                foreach (var (index, l, h) in run)
                    splits[index] = low <= high ? Math.Clamp(available / 2, low, high) : Math.Clamp(available / 2, l, h);
                run.Clear();
            }
            var lastCondition = blockCondition;
            for (var i = 0; i < ordered.Count; i++)
            {
                // A condition's note row comes between: the rows on either side are not one column of rules.
                if (ordered[i].Condition is { } condition && condition != lastCondition && condition != blockCondition) Close();
                lastCondition = ordered[i].Condition ?? blockCondition;
                if (Pairs(block, ordered, i, available, pairLabel, out var needLeft, out var needRight))
                {
                    run.Add((i, needLeft, available - needRight));
                    i++;
                }
                else Close();
            }
            Close();
            return splits;
        }

        /// <summary>
        /// The rows of a block: one field a row, two short fields sharing a row (生年月日・性別), フリガナ above the name it
        /// reads, and a note row before each run of fields that applies only under a condition.
        /// </summary>
        private IEnumerable<Element> Rows(FormNode? block, IReadOnlyList<FormNode> fields, string pointer, string? blockCondition, IReadOnlyList<Element> repeat) =>
            Rows(block, fields, pointer, blockCondition, repeat, frame.Left, LabelWidth(block), frame.Right);

        private IEnumerable<Element> Rows(FormNode? block, IReadOnlyList<FormNode> fields, string pointer, string? blockCondition, IReadOnlyList<Element> repeat,
            double left, double labelWidth, double right)
        {
            var ordered = KanaFirst(fields, out var kanaAbove);
            string? lastCondition = blockCondition;
            var nested = left > frame.Left;
            var pairLabel = PairLabelWidth(labelWidth);
            var splits = Splits(block ?? form.Model.Root, ordered, blockCondition, right - left - labelWidth - pairLabel, pairLabel);
            for (var i = 0; i < ordered.Count; i++)
            {
                var field = ordered[i];
                if (field.Condition is { } condition && condition != lastCondition && condition != blockCondition)
                    yield return new NoteRow($"（{condition}）", left, right, measurer) { KeepWithNext = true, Repeat = repeat };
                lastCondition = field.Condition ?? blockCondition;
                var fieldPointer = JsonPointers.Append(pointer, field.Name);
                if (field.Kind == FieldKind.Table)
                {
                    foreach (var e in Table(field, fieldPointer)) yield return e;
                    continue;
                }
                if (StatementValue.Applies(field))
                {
                    yield return new ValueRow(new StatementValue(field, measurer, compact: false), fieldPointer, left, right, RowHeight) { Repeat = repeat };
                    continue;
                }
                if (field.Kind == FieldKind.Group && TickListValue.Applies(field))
                {
                    yield return new FieldRow(pointer, [new FieldCell(field, left, labelWidth, right, RowHeight, measurer, nested ? 0.95 : FormStyle.LabelFill)]) { Repeat = repeat };
                    continue;
                }
                if (field.Kind == FieldKind.Group)
                {
                    if (!nested && field.Children.All(c => c.Kind is not (FieldKind.Group or FieldKind.Table)))
                    {
                        var subLeft = left + labelWidth;
                        var subLabel = Math.Min(labelWidth, FormStyle.SubLabelWidthMm * FormStyle.Mm);
                        var rows = Rows(field, field.Children, fieldPointer, field.Condition, [], subLeft, subLabel, right).ToList();
                        yield return new SubBlockRow(field, fieldPointer, left, labelWidth, rows, measurer) { Repeat = repeat };
                    }
                    else
                    {
                        // Deeper nesting prints as a block of its own, never dropped.
                        var title = new TitleBar($"{(block is null ? "" : block.Label + "・")}{field.Label}", field.Condition, frame.Left, frame.Right) { KeepWithNext = true };
                        yield return title;
                        foreach (var e in Rows(field, field.Children, fieldPointer, field.Condition, repeat)) yield return e;
                    }
                    continue;
                }
                // Two short fields share a row; the split is the middle unless one needs more and the other can give it.
                if (splits.TryGetValue(i, out var split))
                {
                    var middle = left + labelWidth + split;
                    var next = ordered[++i];
                    // A field that applies on the answer beside it says when, under its own label: 「年金額（受給が「有」の場合に記入）」.
                    var when = next.Condition is { } c && c != field.Condition ? $"（{c}）" : null;
                    yield return new FieldRow(pointer, [
                        new FieldCell(field, left, labelWidth, middle, RowHeight, measurer, nested ? 0.95 : FormStyle.LabelFill) { ReadsAfterNext = kanaAbove.Contains(field) },
                        new FieldCell(next, middle, pairLabel, right, RowHeight, measurer, nested ? 0.95 : FormStyle.LabelFill, when) { ReadsAfterNext = kanaAbove.Contains(next) },
                    ]) { Repeat = repeat };
                    continue;
                }
                yield return new FieldRow(pointer, [new FieldCell(field, left, labelWidth, right, RowHeight, measurer, nested ? 0.95 : FormStyle.LabelFill) { ReadsAfterNext = kanaAbove.Contains(field) }]) { Repeat = repeat };
            }
        }

        /// <summary>
        /// フリガナ goes above the name it reads: a katakana field right after a text field swaps with it.
        /// <paramref name="above"/> gets every furigana printed above its name, which reads after the name.
        /// </summary>
        private static List<FormNode> KanaFirst(IReadOnlyList<FormNode> fields, out HashSet<FormNode> above)
        {
            var list = fields.ToList();
            above = new HashSet<FormNode>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i + 1 < list.Count; i++)
                if (list[i].Kind == FieldKind.Text && list[i].Format != "jp-katakana" && list[i + 1].Kind == FieldKind.Text && list[i + 1].Format == "jp-katakana" &&
                    list[i].Condition == list[i + 1].Condition)
                {
                    (list[i], list[i + 1]) = (list[i + 1], list[i]);
                    i++;
                }
            for (var i = 0; i + 1 < list.Count; i++)
                if (list[i].Kind == FieldKind.Text && list[i].Format == "jp-katakana" && list[i + 1].Kind == FieldKind.Text && list[i + 1].Format != "jp-katakana" &&
                    list[i].Condition == list[i + 1].Condition)
                    above.Add(list[i]);
            return list;
        }

        /// <summary>
        /// The width a short field's value needs on one line (yes/no, a few choices, a date, a few boxes, a phone number, a
        /// number, short text), or null for a field that takes a row of its own.
        /// </summary>
        private double? Need(FormNode field)
        {
            if (field.Keyword("lines") is { ValueKind: JsonValueKind.Number } l && l.TryGetInt32(out var n) && n > 1) return null;
            double? inner = field.Kind switch
            {
                FieldKind.Boolean => ValueElement.For(field, measurer, false) is ChoiceValue choice ? choice.OneLineWidth : FormStyle.TickBox,
                FieldKind.Choice or FieldKind.MultiChoice => ((ChoiceValue)ValueElement.For(field, measurer, false)).OneLineWidth,
                FieldKind.Date => new DateValue(field, measurer, false).OneLineWidth,
                FieldKind.Boxes => ValueElement.For(field, measurer, false).NeededWidth,
                FieldKind.Text when field.Type is "integer" or "number" =>
                    // A number and its unit (30 歳, 2 通): the digits its maximum allows, with room to write them by hand.
                    (Digits(field) * 0.5 + 3) * FormStyle.Value + (field.Unit is { } unit ? measurer.Measure(unit, FormStyle.Value) : 0),
                FieldKind.Text when field.Format == "jp-phone" => 13 * FormStyle.Value * 0.5 + FormStyle.Value,
                FieldKind.Text when field.Keyword("maxLength") is { ValueKind: JsonValueKind.Number } max && max.TryGetInt32(out var m) && m <= 24 => (m - 2) * FormStyle.Value,
                _ => null,
            };
            return inner is { } w ? w + 2 * FormStyle.PadX + FormStyle.ThickRule : null;
        }

        private static int Digits(FormNode field) =>
            field.Keyword("maximum") is { ValueKind: JsonValueKind.Number } max && max.TryGetDouble(out var m)
                ? Math.Max(1, ((long)Math.Abs(m)).ToString(CultureInfo.InvariantCulture).Length)
                : 6;

        private static double PairLabelWidth(double labelWidth) => Math.Min(labelWidth, FormStyle.PairLabelWidthMm * FormStyle.Mm);

        /// <summary>
        /// A table's printed columns: one per field of its rows, except that with <c>kanaAboveName</c> a フリガナ column
        /// next to a name goes above it in one cell (its header 「フリガナ／氏名」 on two lines), as paper forms save width.
        /// </summary>
        private (List<FormNode> Columns, List<ValueElement> Values, List<string> Labels) TableColumns(FormNode table)
        {
            var fields = table.Columns;
            var stack = table.Keyword("kanaAboveName") is { ValueKind: JsonValueKind.True };
            var (columns, values, labels) = (new List<FormNode>(), new List<ValueElement>(), new List<string>());
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                if (stack && field.Format == "jp-katakana" && field.Kind == FieldKind.Text)
                {
                    // The name it reads: the text field right after it, else right before it (not yet paired).
                    var nameIndex = i + 1 < fields.Count && IsName(fields[i + 1]) ? i + 1 : i > 0 && IsName(fields[i - 1]) && columns.Count > 0 && columns[^1] == fields[i - 1] ? i - 1 : -1;
                    if (nameIndex == i + 1)
                    {
                        columns.Add(fields[i + 1]);
                        values.Add(new StackedKanaValue(fields[i + 1], field, measurer));
                        labels.Add($"{field.Label}\n{fields[i + 1].Label}");
                        i++;
                        continue;
                    }
                    if (nameIndex == i - 1)
                    {
                        values[^1] = new StackedKanaValue(fields[i - 1], field, measurer);
                        labels[^1] = $"{field.Label}\n{fields[i - 1].Label}";
                        continue;
                    }
                }
                columns.Add(field);
                values.Add(ValueElement.For(field, measurer, compact: true));
                labels.Add(field.Label);
            }
            return (columns, values, labels);

            static bool IsName(FormNode node) => node.Kind == FieldKind.Text && node.Format is null && !node.IsNumber;
        }

        private IEnumerable<Element> Table(FormNode table, string pointer)
        {
            var (columns, values, labels) = TableColumns(table);
            if (columns.Count == 0) yield break;
            var declaredHeight = Millimetres(table, "rowHeight") ?? RowHeight;
            foreach (var text in values.OfType<TextValue>()) text.RowHeight = declaredHeight;
            var widths = ColumnWidths(columns, values, frame.Width - FormStyle.NumberColumn);
            var height = Math.Max(declaredHeight, values.Select((v, i) => v.NeededHeight(widths[i] - 2 * FormStyle.PadX) + 2 * FormStyle.PadY).Max());
            if (height > declaredHeight + 0.01)
                for (var i = 0; i < columns.Count; i++)
                {
                    if (values[i].NeededHeight(widths[i] - 2 * FormStyle.PadX) + 2 * FormStyle.PadY <= declaredHeight + 0.01) continue;
                    var oneLine = values[i] switch
                    {
                        ChoiceValue choice => choice.OneLineWidth,
                        DateValue date => date.OneLineWidth,
                        TextValue text => text.OneLineWidth,
                        _ => 0,
                    };
                    Advice.Add((columns[i].Pointer, oneLine > 0
                        ? $"列「{columns[i].Label}」が狭いため、表の行が {height / FormStyle.Mm:0.0} mm に高くなっています。1行に収めるには width を {Math.Ceiling((oneLine + 2 * FormStyle.PadX + 2) / FormStyle.Mm)} mm 以上にしてください（今は {widths[i] / FormStyle.Mm:0.0} mm）。"
                        : $"列「{columns[i].Label}」の内容のため、表の行が {height / FormStyle.Mm:0.0} mm に高くなっています。"));
                }
            var header = new TableHeader(columns, widths, frame.Left, measurer, labels) { KeepWithNext = true };
            var rows = table.Rows;
            var title = new TitleBar(table.Label, table.Condition, frame.Left, frame.Right, pointer, fill => Count(fill, pointer) > rows) { KeepWithNext = true };
            var continued = new TitleBar($"{table.Label}（続き）", null, frame.Left, frame.Right);
            var headerRepeat = new TableHeader(columns, widths, frame.Left, measurer, labels);
            Element Row(int index) => new TableRow(pointer, index, columns, values, widths, frame.Left, height) { Repeat = [continued, headerRepeat] };
            Tables.Add(new TableSpec(table, pointer, rows, Row, new TitleBar($"{table.Label}（続き）", null, frame.Left, frame.Right) { KeepWithNext = true }, header));
            yield return title;
            if (table.String("description") is { } description)
                yield return new NoteRow(description, frame.Left, frame.Right, measurer, DescriptionSize(table)) { KeepWithNext = true };
            yield return new Wrapped(header) { KeepWithNext = true, Repeat = [continued] };
            for (var i = 0; i < rows; i++) yield return Row(i);
        }

        /// <summary>
        /// Column widths: a declared <c>width</c> (mm) is kept; choices, dates and boxes get what their scaffold needs;
        /// text columns share the rest by their label and length. When even that does not fit, everything shrinks in
        /// proportion.
        /// </summary>
        private double[] ColumnWidths(IReadOnlyList<FormNode> columns, IReadOnlyList<ValueElement> values, double total) =>
            FitLongestValues(columns, values, ColumnWidthsByWeight(columns, values, total));

        /// <summary>
        /// The least width a column needs for the longest value its schema admits, where a value cannot wrap (furigana
        /// shrinks but never breaks): null where wrapping or the row's growth already holds any value.
        /// </summary>
        private double? LeastWidth(FormNode column, ValueElement value)
        {
            if (value is StackedKanaValue stacked) return stacked.LeastWidth;
            return value is TextValue && column.Format == "jp-katakana" ? TextValue.FuriganaWidth(column, measurer) : null;
        }

        /// <summary>
        /// Widens columns too narrow for their longest value (a 20-character フリガナ) with width the other text columns
        /// can spare; their headers wrap before their values are squeezed. What still cannot fit is lint's to report.
        /// </summary>
        private double[] FitLongestValues(IReadOnlyList<FormNode> columns, IReadOnlyList<ValueElement> values, double[] widths)
        {
            var least = columns.Select((c, i) => LeastWidth(c, values[i])).ToArray();
            var deficit = least.Select((l, i) => l is { } need && need > widths[i] && Millimetres(columns[i], "width") is null ? need - widths[i] : 0).ToArray();
            var needed = deficit.Sum();
            if (needed <= 0.01) return widths;
            // Donors, first text columns without a declared width (down to a header wrapped on up to three lines), then date
            // columns (down to their eras on a line above 「年月日」).
            double Floor(int i) => values[i] is DateValue date
                ? Math.Max(measurer.Measure(columns[i].Label, FormStyle.Label) / 3 + 2 * FormStyle.PadX, date.NeededWidth + 2 * FormStyle.PadX + 2)
                : least[i] ?? Math.Max(10 * FormStyle.Mm, measurer.Measure(columns[i].Label, FormStyle.Label) / 3 + 2 * FormStyle.PadX);
            var result = widths.ToArray();
            foreach (var donors in (Func<int, bool>[])[i => values[i] is TextValue or StackedKanaValue, i => values[i] is DateValue])
            {
                if (needed <= 0.01) break;
                var spare = columns.Select((c, i) => deficit[i] == 0 && donors(i) && Millimetres(c, "width") is null ? Math.Max(0, result[i] - Floor(i)) : 0).ToArray();
                var available = spare.Sum();
                if (available <= 0.01) continue;
                var taken = Math.Min(needed, available);
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] -= spare[i] * taken / available;
                    if (deficit[i] > 0) result[i] += deficit[i] * taken / deficit.Sum();
                }
                needed -= taken;
            }
            return result;
        }

        private double[] ColumnWidthsByWeight(IReadOnlyList<FormNode> columns, IReadOnlyList<ValueElement> values, double total)
        {
            double Header(FormNode col) => measurer.Measure(col.Label, FormStyle.Label) / Math.Max(1, Math.Ceiling(measurer.Measure(col.Label, FormStyle.Label) / 90)) + 2 * FormStyle.PadX;
            var widths = new double?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var col = columns[i];
                if (Millimetres(col, "width") is { } declared) widths[i] = declared;
                else if (col.Kind is FieldKind.Boolean or FieldKind.Choice or FieldKind.MultiChoice or FieldKind.Boxes)
                    widths[i] = Math.Max(Header(col), (values[i] is ChoiceValue choice ? choice.OneLineWidth : values[i].NeededWidth) + 2 * FormStyle.PadX + 2);
                else if (col.Kind == FieldKind.Date)
                    widths[i] = Math.Max(Header(col), ((DateValue)values[i]).OneLineWidth + 2 * FormStyle.PadX + 2);
            }
            var rest = total - widths.Sum(w => w ?? 0);
            var flexible = columns.Select((col, i) => widths[i] is null ? Math.Max(Header(col), FormStyle.MinColumnWidth) : 0).ToArray();
            if (rest >= flexible.Sum())
            {
                var weights = columns.Select((col, i) => widths[i] is null ? Weight(col) : 0).ToArray();
                var sum = weights.Sum();
                if (sum == 0) return [.. widths.Select(w => w!.Value * total / widths.Sum(x => x ?? 0))];
                // Each text column gets its minimum, and the rest in proportion to its weight.
                var spare = rest - flexible.Sum();
                return [.. columns.Select((_, i) => widths[i] ?? flexible[i] + spare * weights[i] / sum)];
            }
            // Too narrow: dates go on two lines (eras above 「年月日」) before anything shrinks.
            var narrowed = false;
            for (var i = 0; i < columns.Count; i++)
                if (columns[i].Kind == FieldKind.Date && Millimetres(columns[i], "width") is null)
                {
                    widths[i] = Math.Max(Header(columns[i]), values[i].NeededWidth + 2 * FormStyle.PadX + 2);
                    narrowed = true;
                }
            if (narrowed) return ColumnWidthsAfterDates(columns, widths, flexible, total);
            var natural = columns.Select((col, i) => widths[i] ?? flexible[i]).ToArray();
            var scale = total / natural.Sum();
            return [.. natural.Select(w => w * scale)];
        }

        private static double[] ColumnWidthsAfterDates(IReadOnlyList<FormNode> columns, double?[] widths, double[] flexible, double total)
        {
            var rest = total - widths.Sum(w => w ?? 0);
            if (rest >= flexible.Sum())
            {
                var weights = columns.Select((col, i) => widths[i] is null ? Weight(col) : 0).ToArray();
                var sum = weights.Sum();
                var spare = rest - flexible.Sum();
                return [.. columns.Select((_, i) => widths[i] ?? flexible[i] + (sum == 0 ? 0 : spare * weights[i] / sum))];
            }
            var natural = columns.Select((col, i) => widths[i] ?? flexible[i]).ToArray();
            var scale = total / natural.Sum();
            return [.. natural.Select(w => w * scale)];
        }

        private static double Weight(FormNode col) =>
            col.Keyword("maxLength") is { ValueKind: JsonValueKind.Number } max && max.TryGetInt32(out var m) ? Math.Clamp(m, 4, 40) : 12;
    }

    /// <summary>An element with the sheet's framing and page-break flags set on it.</summary>
    private sealed class Wrapped(Element inner) : Element
    {
        public override double Height => inner.Height;

        public override void Draw(Canvas canvas, double y) => inner.Draw(canvas, y);
    }

    private static int Count(Fill fill, string pointer) => fill.Value(pointer) is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0;

    private static double? Millimetres(FormNode node, string keyword) =>
        node.Keyword(keyword) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var mm) && mm > 0 ? mm * FormStyle.Mm : null;

    private static HeaderText Addressee(ProcedureForm form, LayoutOptions options, double left, double right)
    {
        var (before, after, blank) = MunicipalityProfile.Split(String(form, "addressee") ?? "（宛先）{head}", options.Municipality);
        return new HeaderText(before, left, right, blank, after);
    }

    private Sheet Compose(ProcedureForm form, LayoutOptions options)
    {
        var (width, height) = PaperOf(form);
        var frame = new Frame(FormStyle.MarginLeft, FormStyle.MarginTop, width - FormStyle.MarginRight, height - FormStyle.MarginBottom);
        var composer = new Composer(form, measurer, frame);
        var staff = StaffAreaSpec.Read(form.Definition);
        var notes = Notes(form);
        var notesOnBack = notes.Count > 0 && String(form, "notesPlacement") == "back";
        var body = composer.Body().ToList();
        var framed = body.Any(e => e.Framed);

        var elements = new List<Element>();
        elements.AddRange(Header(form, options, frame, staff, notesOnBack, framed, composer.FrameAll));
        elements.Add(new Spacer(FormStyle.BlockGap));
        elements.AddRange(body);

        // The staff area stays on the front page: pinned to its foot (beside the notes when they fit there), or in the
        // header when it stands top right.
        Element? pinned = null;
        var notesPlaced = notes.Count == 0 || notesOnBack;
        if (staff is { Position: not "top-right" })
        {
            var staffWidth = Math.Round(frame.Width * FormStyle.BottomStaffShare);
            var area = new StaffArea(staff, frame.Right - staffWidth, frame.Right, measurer);
            if (!notesPlaced)
            {
                var block = new NotesBlock(notes, "注意事項", frame.Left, frame.Right - staffWidth - FormStyle.ColumnGap, measurer);
                if (block.Height <= frame.Width * 0.5)
                {
                    pinned = new SideBySide(block, area);
                    notesPlaced = true;
                }
            }
            pinned ??= area;
        }
        if (!notesPlaced)
        {
            elements.Add(new Spacer(FormStyle.BlockGap));
            elements.Add(new NotesBlock(notes, "注意事項", frame.Left, frame.Right, measurer));
        }

        var firstBottom = pinned is null ? frame.Bottom : frame.Bottom - pinned.Height - FormStyle.BlockGap;
        var pages = Paginate(elements, frame, firstBottom);
        if (pinned is not null) pages[0].Add(new Placed(pinned, frame.Bottom - pinned.Height));
        var front = pages.Count;
        if (notesOnBack)
            pages.AddRange(Paginate([new NotesBlock(notes, "注意事項（裏面）", frame.Left, frame.Right, measurer, FormStyle.Value)], frame, frame.Bottom));

        var declared = form.Definition.ValueKind == JsonValueKind.Object && form.Definition.TryGetProperty("pages", out var p) && p.TryGetInt32(out var n) ? n : (int?)null;
        // The overflow is how far the content runs past the foot of the last declared page, laid out with forced page
        // breaks and rows kept with their titles, as if that page went on.
        var overflow = 0.0;
        if (declared is { } limit && front > limit)
        {
            var last = Paginate(elements, frame, firstBottom, limit, out var end);
            overflow = Math.Max(1, end - (last.Count == 1 ? firstBottom : frame.Bottom));
        }
        return new Sheet(width, height, frame, [.. pages.Select(pg => (IReadOnlyList<Placed>)pg)], composer.Tables, overflow) { BackPages = pages.Count - front, Advice = composer.Advice };
    }


    private IEnumerable<Element> Header(ProcedureForm form, LayoutOptions options, Frame frame, StaffAreaSpec? staff, bool notesOnBack, bool framed, bool frameAll)
    {
        // Instructions to the writer stand top right, above the title line, as on ward forms.
        var instructions = new List<string>();
        if (framed) instructions.Add("※太枠内を記入してください。");
        if (notesOnBack) instructions.Add("※裏面の注意事項をよく読んでから記入してください。");
        yield return new TitleLine(String(form, "formNumber"), form.Title, instructions, frame.Left, frame.Right, measurer);

        var topRight = staff is { Position: "top-right" };
        var staffWidth = topRight ? Math.Round(frame.Width * FormStyle.TopStaffShare) : 0;
        var right = topRight ? frame.Right - staffWidth - FormStyle.ColumnGap : frame.Right;
        var dateField = form.Model.ApplicationDateField is { } name ? form.Model.Root.Child(name) : null;
        var column = new List<Element>
        {
            new DateLine(dateField is null ? null : new DateValue(dateField, measurer, compact: false, FormStyle.Header),
                dateField is null ? "" : JsonPointers.Append("", dateField.Name), frame.Left, right),
            Addressee(form, options, frame.Left, right),
        };
        if (String(form, "declaration") is { } declaration) column.Add(new Declaration(declaration, frame.Left, right, measurer));
        if (topRight)
            yield return new SideBySide(new Stack(column), new StaffArea(staff!, frame.Right - staffWidth, frame.Right, measurer));
        else
            foreach (var e in column) yield return e;
        // The resident signs inside the 太枠 when the whole form is framed.
        if (SealPolicy(form, frame) is { } line) yield return frameAll ? new Wrapped(line) { Framed = true } : line;
    }

    /// <summary>The signature or seal line the form's <c>sealPolicy</c> asks for; none for printed-name forms.</summary>
    private static SealPolicyLine? SealPolicy(ProcedureForm form, Frame frame)
    {
        var policy = String(form, "sealPolicy");
        if (policy is null or "printed-name") return null;
        var who = form.Model.Root.Children.FirstOrDefault(f => f.Kind == FieldKind.Group)?.Label ?? "申請者";
        var label = String(form, "signatureLabel") ?? policy switch
        {
            "seal-required" => $"{who}氏名（記名押印）",
            "signature-required" => $"{who}署名（自署）",
            _ => $"{who}署名または記名押印",
        };
        return new SealPolicyLine(label, policy is "seal-required" or "signature-or-seal", frame.Right);
    }

    // ---- pagination and drawing ----

    private static List<List<Placed>> Paginate(IReadOnlyList<Element> elements, Frame frame, double firstBottom) =>
        Paginate(elements, frame, firstBottom, int.MaxValue, out _);

    /// <summary>
    /// Places elements on pages; with <paramref name="maxPages"/>, the last page never breaks and <paramref name="end"/> is
    /// where its content ends (past its bottom when the content does not fit the pages).
    /// </summary>
    private static List<List<Placed>> Paginate(IReadOnlyList<Element> elements, Frame frame, double firstBottom, int maxPages, out double end)
    {
        var pages = new List<List<Placed>> { new() };
        var y = frame.Top;
        var bottom = maxPages == 1 ? double.PositiveInfinity : firstBottom;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            // A title bar, a table header and a note row go with what follows them: the whole chain and one more.
            var needed = element.Height;
            for (var k = i; k < elements.Count - 1 && elements[k].KeepWithNext; k++) needed += elements[k + 1].Height;
            if ((element.PageBreakBefore || y + needed > bottom) && y > frame.Top)
            {
                pages.Add([]);
                y = frame.Top;
                bottom = pages.Count >= maxPages ? double.PositiveInfinity : frame.Bottom;
                if (element is Spacer) continue;
                foreach (var repeat in element.Repeat)
                {
                    pages[^1].Add(new Placed(repeat, y));
                    y += repeat.Height;
                }
            }
            pages[^1].Add(new Placed(element, y));
            y += element.Height;
        }
        end = y;
        return pages;
    }

    private LayoutPage DrawPage(Sheet sheet, IReadOnlyList<Placed> placed, Fill? fill, string footer, int number, LayoutOptions options)
    {
        var canvas = new Canvas(measurer, fill);
        foreach (var (element, y) in placed) element.Draw(canvas, y);
        // 太枠: one thick rule around the framed part of the page.
        var framed = placed.Where(p => p.Element.Framed).ToList();
        if (framed.Count > 0)
        {
            var top = framed.Min(p => p.Y);
            var bottom = framed.Max(p => p.Y + p.Element.Height);
            canvas.Rect(new Box(sheet.Frame.Left, top, sheet.Frame.Width, bottom - top), FormStyle.ThickRule);
        }
        canvas.TextIn(new Box(sheet.Frame.Left, sheet.Height - FormStyle.FooterBaseline - FormStyle.Small, sheet.Frame.Width, FormStyle.Leading(FormStyle.Small)), FormStyle.Small, footer, align: TextAlign.Center, role: "Footer");
        if (options.Example || options.Draft)
        {
            // Left of the title, under the form number: the one place of the header nothing else uses. A page without
            // the title line (notes on the back, 別紙) has its text there, so its mark goes to the bottom margin, right
            // of the centred page number.
            var (left, top) = placed.Any(p => p.Element is TitleLine)
                ? (sheet.Frame.Left, sheet.Frame.Top + FormStyle.TitleLineHeight - FormStyle.TitleBoxHeight)
                : (sheet.Frame.Right - FormStyle.ExampleMarkWidth, sheet.Height - (FormStyle.MarginBottom + FormStyle.ExampleMarkHeight) / 2);
            new ExampleMark(left, top, options.Example ? "記入例" : "下書き").Draw(canvas, 0);
        }
        return new LayoutPage(number, canvas.Items);
    }

    /// <summary>Rows beyond what the sheet declares, on continuation sheets (別紙) with the table's title and header.</summary>
    private List<Element> ContinuationElements(ProcedureForm form, Sheet sheet, Fill fill)
    {
        var elements = new List<Element>();
        foreach (var table in sheet.Tables)
        {
            var count = Count(fill, table.Pointer);
            if (count <= table.Rows) continue;
            if (elements.Count == 0)
            {
                elements.Add(new ContinuationHeading(form.Title, sheet.Frame.Left, sheet.Frame.Right));
            }
            else
            {
                elements.Add(new Spacer(FormStyle.BlockGap));
            }
            elements.Add(table.Title);
            elements.Add(table.Header);
            for (var i = table.Rows; i < count; i++) elements.Add(table.Row(i));
        }
        return elements;
    }

    // ---- definition helpers ----

    private static string? String(ProcedureForm form, string name) =>
        form.Definition.ValueKind == JsonValueKind.Object && form.Definition.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Notes(ProcedureForm form) =>
        form.Definition.ValueKind == JsonValueKind.Object && form.Definition.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.Array
            ? [.. n.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

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
}
