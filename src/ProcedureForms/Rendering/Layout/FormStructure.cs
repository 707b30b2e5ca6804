using System.Text.Json;
using ProcedureForms.Definitions;

namespace ProcedureForms.Rendering.Layout;

/// <summary>How a field is printed.</summary>
public enum FieldKind
{
    /// <summary>Free text, wrapped.</summary>
    Text,
    /// <summary>One character per printed box (個人番号 12, 〒 3+4, 口座番号 7).</summary>
    Boxes,
    /// <summary>Every option printed, the chosen one ticked or circled.</summary>
    Choice,
    /// <summary>はい／いいえ with tick boxes.</summary>
    Boolean,
    /// <summary>A date printed in 和暦.</summary>
    Date,
    /// <summary>A block of fields (an object).</summary>
    Group,
    /// <summary>Repeating rows (an array), printed as a table.</summary>
    Table,
}

/// <summary>One field of the printed form, read from the definition.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Label">The title printed in the label column.</param>
/// <param name="Kind">How it prints.</param>
/// <param name="Schema">Its (merged) schema.</param>
/// <param name="Condition">When it applies only under a condition, the words printed for it (「配偶者がいる場合のみ記入」).</param>
/// <param name="Children">Fields of a group, or the columns of a table.</param>
/// <param name="Options">The choices of a choice field: value and printed label.</param>
/// <param name="BoxGroups">Box counts per group for boxed fields ([3, 4] for 〒).</param>
public sealed record FormField(
    string Name,
    string Label,
    FieldKind Kind,
    JsonElement Schema,
    string? Condition,
    IReadOnlyList<FormField> Children,
    IReadOnlyList<(JsonElement Value, string Label)> Options,
    IReadOnlyList<int> BoxGroups)
{
    /// <summary>The schema's format, if any.</summary>
    public string? Format => Schema.ValueKind == JsonValueKind.Object && Schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;

    /// <summary>Circled rather than ticked choices (<c>choiceStyle: circle</c>).</summary>
    public bool Circled => Schema.ValueKind == JsonValueKind.Object && Schema.TryGetProperty("choiceStyle", out var c) && c.ValueEquals("circle");

    /// <summary>Empty rows a blank form prints for a table (<c>rows</c>, default 3).</summary>
    public int BlankRows => Schema.ValueKind == JsonValueKind.Object && Schema.TryGetProperty("rows", out var r) && r.TryGetInt32(out var n) ? n : 3;
}

/// <summary>Reads the printable structure of a form from its definition: blocks, fields, tables, conditions.</summary>
internal static class FormStructure
{
    public static IReadOnlyList<FormField> Read(ProcedureForm form, string? skipProperty)
    {
        var root = Resolve(form, form.Definition);
        return Fields(form, root).Where(f => f.Name != skipProperty).ToList();
    }

    private static List<FormField> Fields(ProcedureForm form, JsonElement schema)
    {
        var fields = new List<FormField>();
        var conditions = Conditions(form, schema);
        var seen = new HashSet<string>();
        foreach (var (name, property) in Properties(form, schema))
        {
            if (!seen.Add(name)) continue;
            fields.Add(Field(form, name, property, conditions.GetValueOrDefault(name)));
        }
        return fields;
    }

    /// <summary>Properties in definition order: the schema's own, then those only conditional branches declare.</summary>
    private static IEnumerable<(string Name, JsonElement Schema)> Properties(ProcedureForm form, JsonElement schema)
    {
        foreach (var part in Parts(form, schema))
            if (part.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                foreach (var property in properties.EnumerateObject())
                    yield return (property.Name, Resolve(form, property.Value));
    }

    /// <summary>The schema and the subschemas that add fields to it (allOf, then, else), following local $refs.</summary>
    private static IEnumerable<JsonElement> Parts(ProcedureForm form, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) yield break;
        yield return schema;
        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
            foreach (var item in all.EnumerateArray())
                foreach (var part in Parts(form, Resolve(form, item))) yield return part;
        if (schema.TryGetProperty("then", out var then)) yield return Resolve(form, then);
        if (schema.TryGetProperty("else", out var otherwise)) yield return Resolve(form, otherwise);
    }

    /// <summary>For each property that only a conditional branch requires or declares, the words that state the condition.</summary>
    private static Dictionary<string, string> Conditions(ProcedureForm form, JsonElement schema)
    {
        var result = new Dictionary<string, string>();
        foreach (var part in Parts(form, schema).Prepend(schema).Distinct())
        {
            if (!part.TryGetProperty("if", out var condition)) continue;
            foreach (var (branch, negate) in new[] { ("then", false), ("else", true) })
            {
                if (!part.TryGetProperty(branch, out var b) || b.ValueKind != JsonValueKind.Object) continue;
                b = Resolve(form, b);
                var words = b.TryGetProperty("conditionLabel", out var label) && label.ValueKind == JsonValueKind.String
                    ? label.GetString()!
                    : Describe(form, schema, condition, negate);
                foreach (var name in Names(b, schema)) result.TryAdd(name, words);
            }
        }
        return result;
    }

    /// <summary>
    /// The fields a branch makes conditional: those it requires, and those only it declares. A branch that merely adds a
    /// rule to a field the parent already declares does not make that field conditional.
    /// </summary>
    private static IEnumerable<string> Names(JsonElement branch, JsonElement parent)
    {
        if (branch.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            foreach (var r in required.EnumerateArray()) if (r.ValueKind == JsonValueKind.String) yield return r.GetString()!;
        var declared = parent.TryGetProperty("properties", out var own) && own.ValueKind == JsonValueKind.Object ? own : default;
        if (branch.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            foreach (var p in properties.EnumerateObject())
                if (declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty(p.Name, out _))
                    yield return p.Name;
    }

    /// <summary>「配偶者の有無が「はい」の場合のみ記入」 from <c>if: {properties: {hasSpouse: {const: true}}}</c>.</summary>
    private static string Describe(ProcedureForm form, JsonElement parent, JsonElement condition, bool negate)
    {
        if (condition.ValueKind == JsonValueKind.Object && condition.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var title = Title(form, parent, property.Name);
                var test = property.Value;
                string? value = test.TryGetProperty("const", out var c) ? ValueLabel(form, parent, property.Name, c)
                    : test.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array ? string.Join("・", e.EnumerateArray().Select(v => ValueLabel(form, parent, property.Name, v)))
                    : null;
                if (value is not null)
                    return negate ? $"{title}が「{value}」でない場合に記入" : $"{title}が「{value}」の場合のみ記入";
            }
        }
        return negate ? "上記以外の場合に記入" : "該当する場合のみ記入";
    }

    private static string Title(ProcedureForm form, JsonElement parent, string name) =>
        Properties(form, parent).Where(p => p.Name == name).Select(p => p.Schema.TryGetProperty("title", out var t) ? t.GetString() : null).FirstOrDefault(t => t is not null) ?? name;

    private static string ValueLabel(ProcedureForm form, JsonElement parent, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.True) return "はい";
        if (value.ValueKind == JsonValueKind.False) return "いいえ";
        var key = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        foreach (var (n, schema) in Properties(form, parent))
            if (n == name && schema.TryGetProperty("enumLabels", out var labels) && labels.TryGetProperty(key, out var label))
                return label.GetString()!;
        return key;
    }

    private static FormField Field(ProcedureForm form, string name, JsonElement schema, string? condition)
    {
        if (schema.ValueKind != JsonValueKind.Object) // a boolean schema: print a plain field
            return new FormField(name, name, FieldKind.Text, default, condition, [], [], []);
        var label = schema.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : name;
        var type = TypeOf(schema);
        if (type == "object" || (type is null && schema.TryGetProperty("properties", out _)))
            return new FormField(name, label, FieldKind.Group, schema, condition, Fields(form, schema), [], []);
        if (type == "array" || schema.TryGetProperty("items", out _))
        {
            var items = schema.TryGetProperty("items", out var i) ? Resolve(form, i) : default;
            var columns = items.ValueKind == JsonValueKind.Object && Properties(form, items).Any()
                ? Fields(form, items)
                : [Field(form, "", items.ValueKind == JsonValueKind.Object ? items : schema, null) with { Label = label }];
            return new FormField(name, label, FieldKind.Table, schema, condition, columns, [], []);
        }
        var options = Options(schema);
        if (options.Count > 0)
            return new FormField(name, label, FieldKind.Choice, schema, condition, [], options, []);
        if (type == "boolean")
            return new FormField(name, label, FieldKind.Boolean, schema, condition, [], [], []);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format is "date" or "jp-era-date")
            return new FormField(name, label, FieldKind.Date, schema, condition, [], [], []);
        if (schema.TryGetProperty("boxes", out var boxes))
        {
            IReadOnlyList<int> groups = boxes.ValueKind == JsonValueKind.Array ? [.. boxes.EnumerateArray().Select(b => b.GetInt32())] : [boxes.GetInt32()];
            return new FormField(name, label, FieldKind.Boxes, schema, condition, [], [], groups);
        }
        return new FormField(name, label, FieldKind.Text, schema, condition, [], [], []);
    }

    /// <summary>The printed type: the schema's type, or the one non-null type of a nullable field (["boolean", "null"]).</summary>
    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return null;
        if (type.ValueKind == JsonValueKind.String) return type.GetString();
        if (type.ValueKind != JsonValueKind.Array) return null;
        var types = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String && !t.ValueEquals("null")).Select(t => t.GetString()).ToList();
        return types.Count == 1 ? types[0] : null;
    }

    private static List<(JsonElement, string)> Options(JsonElement schema)
    {
        var options = new List<(JsonElement, string)>();
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            schema.TryGetProperty("enumLabels", out var labels);
            foreach (var value in values.EnumerateArray())
            {
                var key = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                var label = labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(key, out var l) ? l.GetString()! : key;
                options.Add((value.Clone(), label));
            }
        }
        else if (schema.TryGetProperty("oneOf", out var branches) && branches.ValueKind == JsonValueKind.Array &&
                 branches.EnumerateArray().All(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("const", out _)))
        {
            foreach (var branch in branches.EnumerateArray())
            {
                var value = branch.GetProperty("const");
                var label = branch.TryGetProperty("title", out var l) ? l.GetString()! : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                options.Add((value.Clone(), label));
            }
        }
        return options;
    }

    /// <summary>Follows a <c>$ref</c> within the form's resources; other schemas are returned as they are.</summary>
    private static JsonElement Resolve(ProcedureForm form, JsonElement schema)
    {
        for (var depth = 0; depth < 8 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String; depth++)
        {
            if (!Uri.TryCreate(form.Schema.BaseUri, reference.GetString(), out var uri) || form.Resources.Find(uri) is not { } target) break;
            schema = target;
        }
        return schema;
    }
}
