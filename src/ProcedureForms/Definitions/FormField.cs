using System.Text.Json;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Definitions;

/// <summary>
/// One field of a form, as a web page or any other front end needs it to ask for the value: the same field tree the
/// printed form and the validation messages are made from, so a page built from it names, orders and groups fields as the
/// paper form does. Read-only; built once when the form loads (<see cref="ProcedureForm.Fields"/>).
/// </summary>
public sealed class FormField
{
    private FormField(FormNode node, string pointer, FormNode? parent, IReadOnlyList<FormField> fields, bool inRow)
    {
        Name = node.Name;
        Pointer = pointer;
        Label = node.Label;
        LabelEn = node.TitleEn;
        Kind = node.Kind;
        Type = node.Type;
        Format = node.Format;
        Help = node.String("description");
        ConditionText = node.Condition;
        Options = node.Kind == FieldKind.Boolean
            ? BooleanOptions(node, inRow)
            : [.. node.Options.Select(o => new FormFieldOption(o.Value, o.Label, o.LabelEn))];
        Fields = fields;
        Required = parent is not null && parent.Requirements.Any(r => r.Always && r.Name == node.Name);
        ShownWhen = parent is null ? null : ConditionOf(node.Name, parent, pointer[..pointer.LastIndexOf('/')]);
        MinLength = Integer(node, "minLength");
        MaxLength = Integer(node, "maxLength");
        MinItems = Integer(node, "minItems");
        MaxItems = Integer(node, "maxItems");
        Minimum = Number(node, "minimum");
        Maximum = Number(node, "maximum");
        Pattern = node.String("pattern");
        Unit = node.Unit;
        Eras = node.Dates is { } dates ? [.. dates.Eras.Select(e => e.Name)] : [];
        Rows = node.Kind == FieldKind.Table ? node.Rows : 0;
    }

    /// <summary>The property name in the submission.</summary>
    public string Name { get; }

    /// <summary>
    /// The JSON Pointer (RFC 6901) of the value in a submission, e.g. <c>/claimant/name</c>. Inside a table's rows the row
    /// number is written <c>-</c> (<c>/children/-/name</c>): replace it with the row's index (from 0). Validation errors
    /// carry the same pointers with the index filled in, so a page can show each message next to its field.
    /// </summary>
    public string Pointer { get; }

    /// <summary>The field's name on the paper form (its <c>title</c>, or the property name).</summary>
    public string Label { get; }

    /// <summary>The English label, when the form gives one (<c>titleEn</c>).</summary>
    public string? LabelEn { get; }

    /// <summary>How the field is filled in and printed.</summary>
    public FormFieldKind Kind { get; }

    /// <summary>The JSON type of the value (<c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>object</c>, <c>array</c>), when the form declares one.</summary>
    public string? Type { get; }

    /// <summary>The value's format (<c>jp-my-number</c>, <c>jp-postal-code</c>, <c>jp-phone</c>, <c>date</c>, <c>email</c>, …), if any.</summary>
    public string? Format { get; }

    /// <summary>Guidance printed under the label (<c>description</c>), for help text.</summary>
    public string? Help { get; }

    /// <summary>Whether the value is always required (a condition may require it too: see <see cref="ShownWhen"/>).</summary>
    public bool Required { get; }

    /// <summary>When the field applies, as the paper form words it (「配偶者がいる場合のみ記入」), if it is conditional.</summary>
    public string? ConditionText { get; }

    /// <summary>The condition under which the field applies (and may be required), when the form states it with <c>if</c>; null when it always applies.</summary>
    public FormFieldCondition? ShownWhen { get; }

    /// <summary>
    /// The choices of a <see cref="FormFieldKind.Choice"/> or <see cref="FormFieldKind.MultiChoice"/> field in printed
    /// order; for a <see cref="FormFieldKind.Boolean"/>, <c>true</c> and <c>false</c> with the words the paper form uses
    /// (<c>booleanLabels</c>, else はい・いいえ, or 有・無 in a table row).
    /// </summary>
    public IReadOnlyList<FormFieldOption> Options { get; }

    /// <summary>The fields of a <see cref="FormFieldKind.Group"/>, or of each row of a <see cref="FormFieldKind.Table"/>.</summary>
    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>The fewest characters (code points), if limited.</summary>
    public int? MinLength { get; }

    /// <summary>The most characters (code points), if limited.</summary>
    public int? MaxLength { get; }

    /// <summary>The fewest rows of a table, if limited.</summary>
    public int? MinItems { get; }

    /// <summary>The most rows of a table, if limited.</summary>
    public int? MaxItems { get; }

    /// <summary>The smallest number allowed, if limited.</summary>
    public decimal? Minimum { get; }

    /// <summary>The largest number allowed, if limited.</summary>
    public decimal? Maximum { get; }

    /// <summary>The pattern (ECMA-262) the value must match, if any.</summary>
    public string? Pattern { get; }

    /// <summary>The unit printed after the value (「通」, 「週」), if any.</summary>
    public string? Unit { get; }

    /// <summary>
    /// The eras a date field prints (「昭和・平成・令和」), in order; empty for other fields. They come from the field's
    /// <c>eras</c>, else from its bounds, else every era from 明治; validation refuses a date in any other era.
    /// </summary>
    public IReadOnlyList<string> Eras { get; }

    /// <summary>The rows a table prints on the form (more go to a continuation sheet); 0 for other fields.</summary>
    public int Rows { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Pointer} ({Kind}: {Label})";

    /// <summary>The fields of a form, in the order it lists them.</summary>
    internal static IReadOnlyList<FormField> Of(FormModel model) => Children(model.Root, "", 0, inRow: false);

    // Recursive forms (a tree of rows) stop where the model stops: a page asks for what the paper form prints.
    private const int MaxDepth = 16;

    private static IReadOnlyList<FormField> Children(FormNode node, string pointer, int depth, bool inRow)
    {
        if (depth >= MaxDepth) return [];
        return node.Kind switch
        {
            FieldKind.Group => [.. node.Children.Select(c => Make(c, JsonPointers.Append(pointer, c.Name), node, depth, inRow))],
            FieldKind.Table when node.Item is { } item => item.Kind == FieldKind.Group
                ? [.. item.Children.Select(c => Make(c, JsonPointers.Append(pointer + "/-", c.Name), item, depth, inRow: true))]
                : [new FormField(item, pointer + "/-", null, Children(item, pointer + "/-", depth + 1, inRow: true), inRow: true)],
            _ => [],
        };
    }

    private static FormField Make(FormNode node, string pointer, FormNode parent, int depth, bool inRow) =>
        new(node, pointer, parent, node.Recursive ? [] : Children(node, pointer, depth + 1, inRow), inRow);

    private static readonly JsonElement True = JsonDocument.Parse("true").RootElement.Clone();
    private static readonly JsonElement False = JsonDocument.Parse("false").RootElement.Clone();

    private static FormFieldOption[] BooleanOptions(FormNode node, bool inRow)
    {
        var (yes, no) = node.BooleanLabels ?? (inRow ? ("有", "無") : ("はい", "いいえ"));
        return [new FormFieldOption(True, yes, null), new FormFieldOption(False, no, null)];
    }

    private static FormFieldCondition? ConditionOf(string name, FormNode parent, string parentPointer)
    {
        // Only a condition the tests say exactly, naming the field in one branch: a page that decided otherwise than
        // validation could hide a field the server then requires. Anything else is shown always.
        var naming = parent.Conditions.Where(c => c.Then.Contains(name) || c.Else.Contains(name)).ToList();
        if (naming is not [var condition] || condition.PageTests is not { } tests || condition.Then.Contains(name) && condition.Else.Contains(name)) return null;
        var whenFalse = condition.Else.Contains(name);
        return new FormFieldCondition([.. tests.Select(t => new FormFieldTest(parentPointer + "/" + t.Property, t.Values, t.Required))], whenFalse);
    }

    private static int? Integer(FormNode node, string keyword) =>
        node.Keyword(keyword) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value) ? value : null;

    private static decimal? Number(FormNode node, string keyword) =>
        node.Keyword(keyword) is { ValueKind: JsonValueKind.Number } n && n.TryGetDecimal(out var value) ? value : null;
}

/// <summary>How a field is filled in and printed.</summary>
public enum FormFieldKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>One character per printed box (個人番号, 〒, 口座番号): a fixed number of characters.</summary>
    Boxes,

    /// <summary>One of a list (<see cref="FormField.Options"/>).</summary>
    Choice,

    /// <summary>Yes or no (はい・いいえ, 有・無, or one tick box).</summary>
    Boolean,

    /// <summary>A date (ISO 8601 <c>2026-11-28</c>, or 和暦 as the form allows), printed in 和暦.</summary>
    Date,

    /// <summary>A block of fields (an object): <see cref="FormField.Fields"/>.</summary>
    Group,

    /// <summary>Repeating rows (an array), each with <see cref="FormField.Fields"/>.</summary>
    Table,

    /// <summary>Several of a list (an array of <see cref="FormField.Options"/> values).</summary>
    MultiChoice,
}

/// <summary>A choice as the form prints it.</summary>
public sealed class FormFieldOption
{
    internal FormFieldOption(JsonElement value, string label, string? labelEn) => (Value, Label, LabelEn) = (value, label, labelEn);

    /// <summary>The value the submission carries.</summary>
    public JsonElement Value { get; }

    /// <summary>The printed Japanese label.</summary>
    public string Label { get; }

    /// <summary>The English label, when the form gives one.</summary>
    public string? LabelEn { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Value.GetRawText()} ({Label})";
}

/// <summary>
/// When a field applies: every test holds (or, with <see cref="WhenFalse"/>, not all of them do: the field is in an
/// <c>else</c>). A page shows the field, and sends its value, only then.
/// </summary>
public sealed class FormFieldCondition
{
    internal FormFieldCondition(IReadOnlyList<FormFieldTest> tests, bool whenFalse) => (Tests, WhenFalse) = (tests, whenFalse);

    /// <summary>Fields compared with values (the <c>if</c>'s <c>const</c>/<c>enum</c>).</summary>
    public IReadOnlyList<FormFieldTest> Tests { get; }

    /// <summary>True when the field applies when the tests do not all hold.</summary>
    public bool WhenFalse { get; }

    /// <summary>Whether the field applies, given each compared field's value (null when it has none).</summary>
    public bool Holds(Func<string, JsonElement?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        // As JSON Schema evaluates the if: a missing field passes its test unless the if also requires it.
        var all = Tests.All(t => valueOf(t.Field) is { } v ? t.Values.Any(expected => JsonElement.DeepEquals(expected, v)) : !t.Required);
        return all != WhenFalse;
    }
}

/// <summary>A field compared with the values it must have.</summary>
public sealed class FormFieldTest
{
    internal FormFieldTest(string field, IReadOnlyList<JsonElement> values, bool required) => (Field, Values, Required) = (field, values, required);

    /// <summary>The compared field's pointer (<see cref="FormField.Pointer"/> form: rows as <c>-</c>).</summary>
    public string Field { get; }

    /// <summary>The values that satisfy the test (one for <c>const</c>, several for <c>enum</c>).</summary>
    public IReadOnlyList<JsonElement> Values { get; }

    /// <summary>Whether the condition requires the field to be there; when not, a missing field passes the test (JSON Schema's <c>if</c>).</summary>
    public bool Required { get; }
}
