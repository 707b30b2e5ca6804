using System.Text.Json;

namespace ProcedureForms.Definitions.Model;

/// <summary>One subschema of a field, where it stands in its document.</summary>
/// <param name="Schema">The subschema (an object, or a boolean schema).</param>
/// <param name="Pointer">Its JSON Pointer in the form's definition, or <c>uri#pointer</c> in another document.</param>
/// <param name="BaseUri">The base URI its own <c>$ref</c>s resolve against.</param>
/// <param name="Role">Why it applies to the field.</param>
internal readonly record struct SchemaPart(JsonElement Schema, string Pointer, Uri BaseUri, PartRole Role);

/// <summary>Why a subschema applies to a field.</summary>
internal enum PartRole
{
    /// <summary>The field's declaration, what it references, or an <c>allOf</c> of them: always applies.</summary>
    Own,
    /// <summary>A <c>then</c>/<c>else</c> branch: applies under a condition.</summary>
    Branch,
    /// <summary>An <c>anyOf</c>/<c>oneOf</c> alternative or a <c>dependentSchemas</c> entry.</summary>
    Alternative,
}

/// <summary>What a subschema of the definition is there for.</summary>
internal enum SiteRole
{
    /// <summary>The form itself.</summary>
    Root,
    /// <summary>A field's declaration (under <c>properties</c>).</summary>
    Field,
    /// <summary>A property a branch or a condition names again, to add a rule or to test it.</summary>
    Refinement,
    /// <summary>The schema of an array's rows.</summary>
    Items,
    /// <summary><c>then</c>, <c>else</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>.</summary>
    Branch,
    /// <summary><c>if</c>, <c>not</c>, <c>contains</c>, <c>propertyNames</c>: tests, never printed.</summary>
    Condition,
    /// <summary>An entry of <c>$defs</c>.</summary>
    Definition,
    /// <summary>Anything else (<c>additionalProperties</c>, <c>dependentSchemas</c>, …).</summary>
    Other,
}

/// <summary>One subschema of the definition document.</summary>
/// <param name="Schema">The subschema.</param>
/// <param name="Pointer">Where it stands.</param>
/// <param name="Role">What it is there for.</param>
/// <param name="InCondition">Whether it is inside a test (<c>if</c>, <c>not</c>, an alternative).</param>
internal readonly record struct SchemaSite(JsonElement Schema, string Pointer, SiteRole Role, bool InCondition);

/// <summary>A printed option of a choice field.</summary>
/// <param name="Value">The submitted value.</param>
/// <param name="Label">The printed Japanese label.</param>
/// <param name="LabelEn">The English label, when the form gives one.</param>
internal sealed record FieldOption(JsonElement Value, string Label, string? LabelEn);

/// <summary>One <c>if</c> of an object, with the tests it makes on the object's fields and the names its branches require or declare.</summary>
/// <param name="IfPointer">Where the <c>if</c> stands.</param>
/// <param name="Tests">Each property the <c>if</c> compares with constants.</param>
/// <param name="Then">Names <c>then</c> makes conditional.</param>
/// <param name="Else">Names <c>else</c> makes conditional.</param>
/// <param name="ThenText">Words printed for the <c>then</c> fields.</param>
/// <param name="ElseText">Words printed for the <c>else</c> fields.</param>
internal sealed record FieldCondition(string IfPointer, IReadOnlyList<ConditionTest> Tests, IReadOnlyList<string> Then, IReadOnlyList<string> Else, string ThenText, string ElseText)
{
    /// <summary>
    /// The tests when they say all the <c>if</c> says, for a page to decide the condition as validation does: property
    /// paths relative to the object (<c>requester/relationship</c>); null when the <c>if</c> says more.
    /// </summary>
    public IReadOnlyList<ConditionTest>? PageTests { get; init; }
}

/// <summary>A property an <c>if</c> compares with <c>const</c> or <c>enum</c> values.</summary>
/// <param name="Property">The property name.</param>
/// <param name="Values">The values it is compared with.</param>
/// <param name="Pointer">Where the <c>const</c>/<c>enum</c> stands.</param>
internal sealed record ConditionTest(string Property, IReadOnlyList<JsonElement> Values, string Pointer)
{
    /// <summary>Whether the <c>if</c> also requires the property (else a missing property passes the test, as JSON Schema has it).</summary>
    public bool Required { get; init; }
}

/// <summary>A name some <c>required</c> (or <c>dependentRequired</c>) asks for, and where.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Pointer">The pointer of the name in its array.</param>
/// <param name="Always">True for the object's own <c>required</c>; false under a condition.</param>
internal sealed record Requirement(string Name, string Pointer, bool Always);

/// <summary>
/// One field of a form as its paper form and its messages know it: built once when the form loads, with every
/// <c>$ref</c> resolved, and read by validation messages, layout, lint and the print check alike.
/// </summary>
internal sealed class FormNode
{
    private Dictionary<string, FormNode> _byName = [];

    internal FormNode(string name, FormNode? parent, IReadOnlyList<SchemaPart> parts)
    {
        Name = name;
        Parent = parent;
        Parts = parts;
    }

    /// <summary>The property name ("" for the root and for array items).</summary>
    public string Name { get; }

    /// <summary>The object or array that holds it.</summary>
    public FormNode? Parent { get; }

    /// <summary>Every subschema that applies to the field, own declarations first.</summary>
    public IReadOnlyList<SchemaPart> Parts { get; }

    /// <summary>The subschemas that always apply (declaration, references, allOf).</summary>
    public IEnumerable<SchemaPart> OwnParts => Parts.Where(p => p.Role == PartRole.Own);

    /// <summary>The declaration's pointer (the first subschema).</summary>
    public string Pointer => Parts.Count > 0 ? Parts[0].Pointer : "";

    /// <summary>The main subschema: the declaration, through its <c>$ref</c> when it is only a reference.</summary>
    public JsonElement Schema { get; internal set; }

    /// <summary>The fields of an object, in the order the definition lists them.</summary>
    public IReadOnlyList<FormNode> Children { get; private set; } = [];

    internal void SetChildren(IReadOnlyList<FormNode> children)
    {
        Children = children;
        _byName = children.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The schema of every row of an array.</summary>
    public FormNode? Item { get; internal set; }

    /// <summary>Per-position schemas of an array (<c>prefixItems</c>).</summary>
    public IReadOnlyList<FormNode> PrefixItems { get; internal set; } = [];

    /// <summary>The schema of properties the object does not name (<c>additionalProperties</c>).</summary>
    public FormNode? Additional { get; internal set; }

    /// <summary>How it prints.</summary>
    public FieldKind Kind { get; internal set; }

    /// <summary>The title printed in the label column and used in messages, or null.</summary>
    public string? Title { get; internal set; }

    /// <summary>The English title, or null.</summary>
    public string? TitleEn { get; internal set; }

    /// <summary>The name messages use (<c>messageTitle</c>, else the title): 「世帯主フリガナ」 for a フリガナ printed above 世帯主.</summary>
    public string? MessageTitle => String("messageTitle") ?? Title;

    /// <summary>The title, or the property name when there is none.</summary>
    public string Label => Title ?? Name;

    /// <summary>When the field applies only under a condition: the words printed for it.</summary>
    public string? Condition { get; internal set; }

    /// <summary>The choices of a choice field.</summary>
    public IReadOnlyList<FieldOption> Options { get; internal set; } = [];

    /// <summary>Box counts per group for boxed fields ([3, 4] for 〒).</summary>
    public IReadOnlyList<int> BoxGroups { get; internal set; } = [];

    /// <summary>The <c>if</c>s of an object.</summary>
    public IReadOnlyList<FieldCondition> Conditions { get; internal set; } = [];

    /// <summary>The names an object's <c>required</c>s ask for.</summary>
    public IReadOnlyList<Requirement> Requirements { get; internal set; } = [];

    /// <summary>Whether this node was cut short because its <c>$ref</c> leads back to itself.</summary>
    public bool Recursive { get; internal set; }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public FormNode? Child(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The first string value of <paramref name="keyword"/> among the subschemas that always apply.</summary>
    public string? String(string keyword) =>
        Keyword(keyword) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The first value of <paramref name="keyword"/> among the subschemas that always apply.</summary>
    public JsonElement? Keyword(string keyword)
    {
        foreach (var part in Parts)
            if (part.Role == PartRole.Own && part.Schema.ValueKind == JsonValueKind.Object && part.Schema.TryGetProperty(keyword, out var value))
                return value;
        return null;
    }

    /// <summary>The schema's format, if any.</summary>
    public string? Format => String("format");

    /// <summary>Circled rather than ticked choices (<c>choiceStyle: circle</c>).</summary>
    public bool Circled => String("choiceStyle") == "circle";

    /// <summary>Empty rows a table prints (<c>rows</c>, default 3).</summary>
    public int Rows => Keyword("rows") is { ValueKind: JsonValueKind.Number } r && r.TryGetInt32(out var n) && n > 0 ? n : 3;

    /// <summary>The eras the definition declares (<c>eras</c>), or null; what prints is <see cref="Dates"/>.</summary>
    public IReadOnlyList<string>? Eras => Keyword("eras") is { ValueKind: JsonValueKind.Array } eras
        ? [.. eras.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
        : null;

    /// <summary>Whether this field or one inside it is a date (set once the model is built; lets walks skip the rest).</summary>
    public bool HasDates { get; internal set; }

    /// <summary>For a date field: the dates it admits and the eras its date line prints (set once the model is built).</summary>
    public DateRange? Dates { get; internal set; }

    /// <summary>How a number prints: <c>amount</c> (grouped by thousands, right-aligned; the default), <c>year</c> or <c>code</c>.</summary>
    public string NumberStyle => String("numberStyle") switch { "year" => "year", "code" => "code", _ => "amount" };

    /// <summary>Whether the field holds a number (integer or number type).</summary>
    public bool IsNumber => Type is "integer" or "number";

    /// <summary>The unit printed after the value (<c>unit</c>), or null.</summary>
    public string? Unit => String("unit");

    /// <summary>The words for true and false the form gives (<c>booleanLabels</c>), or null for the defaults.</summary>
    public (string Yes, string No)? BooleanLabels =>
        Keyword("booleanLabels") is { ValueKind: JsonValueKind.Object } labels &&
        labels.TryGetProperty("true", out var yes) && yes.ValueKind == JsonValueKind.String &&
        labels.TryGetProperty("false", out var no) && no.ValueKind == JsonValueKind.String
            ? (yes.GetString()!, no.GetString()!)
            : null;

    /// <summary>The columns of a table: the fields of its rows, or the row itself when rows are single values.</summary>
    public IReadOnlyList<FormNode> Columns => Item is null ? [] : Item.Kind == FieldKind.Group && Item.Children.Count > 0 ? Item.Children : [Item];

    /// <summary>Whether a JSON type is allowed here (no <c>type</c> allows every type).</summary>
    public string? Type
    {
        get
        {
            if (Keyword("type") is not { } type) return null;
            if (type.ValueKind == JsonValueKind.String) return type.GetString();
            if (type.ValueKind != JsonValueKind.Array) return null;
            var types = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String && !t.ValueEquals("null")).Select(t => t.GetString()).ToList();
            return types.Count == 1 ? types[0] : null;
        }
    }

    /// <summary>Every node below this one, depth first, this one included.</summary>
    public IEnumerable<FormNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children.Concat(PrefixItems).Concat(Item is null ? [] : [Item]).Concat(Additional is null ? [] : [Additional]))
            foreach (var node in child.DescendantsAndSelf())
                yield return node;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Pointer} ({Kind}: {Label})";
}
