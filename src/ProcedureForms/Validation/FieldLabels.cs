using System.Collections.Concurrent;
using System.Text.Json;
using ProcedureForms.Definitions;

namespace ProcedureForms.Validation;

/// <summary>
/// Names fields as the paper form does: the <c>title</c> of the field, preceded by the titles of the blocks that hold it
/// (「配偶者・氏名」, 「児童（2）・生年月日」). Found by walking the definition along the submission pointer, through
/// <c>$ref</c>, <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>, <c>then</c>/<c>else</c> and <c>dependentSchemas</c>.
/// </summary>
internal sealed class FieldLabels(ProcedureForm form)
{
    private const int CacheLimit = 4096;
    private readonly ConcurrentDictionary<string, Level[]> _cache = new();

    private sealed record Level(string Segment, bool IsIndex, bool Declared, string? Title, string? TitleEn, JsonElement[] Schemas);

    /// <summary>The label of the field at <paramref name="pointer"/> in the given language.</summary>
    public string For(string pointer, MessageLanguage language)
    {
        if (pointer.Length == 0)
            return language == MessageLanguage.English ? form.TitleEn ?? form.Title : form.Title;
        var levels = Levels(pointer);
        var parts = new List<string>();
        foreach (var level in levels)
        {
            var title = language == MessageLanguage.English ? level.TitleEn ?? level.Title : level.Title;
            if (level.IsIndex)
            {
                var n = int.Parse(level.Segment) + 1;
                if (title is not null && (parts.Count == 0 || parts[^1] != title)) parts.Add(title);
                if (parts.Count == 0) parts.Add(language == MessageLanguage.English ? $"item {n}" : $"{n}件目");
                else parts[^1] = language == MessageLanguage.English ? $"{parts[^1]} ({n})" : $"{parts[^1]}（{n}）";
            }
            else if (title is not null)
            {
                parts.Add(title);
            }
        }
        if (levels.Length > 0 && levels[^1] is { IsIndex: false, Title: null } leaf)
        {
            // An untitled field the form declares is named by its property name. A name the form does not declare came
            // from the submission, and submission data never goes into messages.
            parts.Add(leaf.Declared ? leaf.Segment : language == MessageLanguage.English ? "(a field not on this form)" : "（この申請書にない項目）");
        }
        return string.Join(language == MessageLanguage.English ? " › " : "・", parts);
    }

    /// <summary>The subschemas that apply at <paramref name="pointer"/> (statically; conditions are not evaluated).</summary>
    public JsonElement[] SchemasAt(string pointer) =>
        pointer.Length == 0 ? Expand([form.Definition]) : Levels(pointer)[^1].Schemas;

    /// <summary>
    /// A sort key that puts fields in the order the definition lists them (and table rows in row order), so a report
    /// reads top to bottom like the paper form.
    /// </summary>
    public int[] Order(string pointer)
    {
        if (pointer.Length == 0) return [];
        var levels = Levels(pointer);
        var key = new int[levels.Length];
        var parents = Expand([form.Definition]);
        for (var i = 0; i < levels.Length; i++)
        {
            key[i] = levels[i].IsIndex ? int.Parse(levels[i].Segment) : PropertyIndex(parents, levels[i].Segment);
            parents = levels[i].Schemas;
        }
        return key;
    }

    private static int PropertyIndex(JsonElement[] schemas, string name)
    {
        var offset = 0;
        foreach (var s in schemas)
        {
            if (!s.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object) continue;
            var i = 0;
            foreach (var property in properties.EnumerateObject())
            {
                if (property.NameEquals(name)) return offset + i;
                i++;
            }
            offset += 1000;
        }
        return int.MaxValue;
    }

    private Level[] Levels(string pointer)
    {
        if (_cache.TryGetValue(pointer, out var cached)) return cached;
        var segments = JsonPointers.Split(pointer);
        var levels = new Level[segments.Length];
        var current = Expand([form.Definition]);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isIndex = segment.Length > 0 && segment.All(char.IsAsciiDigit) && current.Any(IsArraySchema);
            var declared = isIndex || current.Any(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("properties", out var p) &&
                                                      p.ValueKind == JsonValueKind.Object && p.TryGetProperty(segment, out _));
            current = Expand(Step(current, segment, isIndex));
            levels[i] = new Level(segment, isIndex, declared, FirstString(current, "title"), FirstString(current, "titleEn"), current);
        }
        if (_cache.Count >= CacheLimit) _cache.Clear();
        _cache[pointer] = levels;
        return levels;
    }

    private static bool IsArraySchema(JsonElement s) =>
        s.ValueKind == JsonValueKind.Object &&
        (s.TryGetProperty("items", out _) || s.TryGetProperty("prefixItems", out _) ||
         (s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.ValueEquals("array")));

    private static List<JsonElement> Step(JsonElement[] schemas, string segment, bool isIndex)
    {
        var next = new List<JsonElement>();
        foreach (var s in schemas)
        {
            if (s.ValueKind != JsonValueKind.Object) continue;
            if (isIndex)
            {
                var index = int.Parse(segment);
                if (s.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array && index < prefix.GetArrayLength())
                    next.Add(prefix[index]);
                else if (s.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
                    next.Add(items);
            }
            else if (s.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object &&
                     properties.TryGetProperty(segment, out var property))
            {
                next.Add(property);
            }
            else if (s.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
            {
                next.Add(additional);
            }
        }
        return next;
    }

    private JsonElement[] Expand(IEnumerable<JsonElement> schemas)
    {
        var result = new List<JsonElement>();
        foreach (var s in schemas) Expand(s, result, 0);
        return [.. result];
    }

    private void Expand(JsonElement schema, List<JsonElement> into, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 12) return;
        into.Add(schema);
        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String &&
            Resolve(reference.GetString()!) is { } target)
            Expand(target, into, depth + 1);
        foreach (var name in (ReadOnlySpan<string>)["allOf", "anyOf", "oneOf"])
            if (schema.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var item in list.EnumerateArray()) Expand(item, into, depth + 1);
        foreach (var name in (ReadOnlySpan<string>)["then", "else"])
            if (schema.TryGetProperty(name, out var branch)) Expand(branch, into, depth + 1);
        if (schema.TryGetProperty("dependentSchemas", out var dependent) && dependent.ValueKind == JsonValueKind.Object)
            foreach (var property in dependent.EnumerateObject()) Expand(property.Value, into, depth + 1);
    }

    private JsonElement? Resolve(string reference) =>
        Uri.TryCreate(form.Schema.BaseUri, reference, out var uri) ? form.Resources.Find(uri) : null;

    private static string? FirstString(JsonElement[] schemas, string name)
    {
        foreach (var s in schemas)
            if (s.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString();
        return null;
    }
}
