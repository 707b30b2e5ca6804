using System.Text.Json;

namespace ProcedureForms.Definitions;

/// <summary>
/// The JSON of every schema resource a form uses, by base URI, so that an evaluation result's schema location can be
/// turned back into the subschema it names (its title, limits and messages).
/// </summary>
internal sealed class SchemaResources
{
    private readonly Dictionary<Uri, JsonElement> _resources = [];
    private readonly Dictionary<(Uri, string), JsonElement> _anchors = [];

    public void Add(Uri baseUri, JsonElement document) => Collect(document, FormLoader.StripFragment(baseUri), isRoot: true);

    /// <summary>The subschema at <paramref name="schemaLocation"/> (a base URI with a JSON Pointer fragment).</summary>
    public JsonElement? Find(Uri schemaLocation)
    {
        var baseUri = FormLoader.StripFragment(schemaLocation);
        var fragment = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));
        if (fragment.Length > 0 && fragment[0] != '/')
            return _anchors.TryGetValue((baseUri, fragment), out var anchored) ? anchored : null;
        if (!_resources.TryGetValue(baseUri, out var resource)) return null;
        return JsonPointers.Evaluate(resource, fragment);
    }

    /// <summary>The resource registered at <paramref name="baseUri"/>.</summary>
    public JsonElement? Resource(Uri baseUri) =>
        _resources.TryGetValue(FormLoader.StripFragment(baseUri), out var element) ? element : null;

    /// <summary>
    /// The subschema an evaluation path leads to, walked over the definition's JSON (following <c>$ref</c>). Used
    /// instead of JsonSchema.Net's schema location, which 8.0.5 computes wrongly below if/then/else and items.
    /// </summary>
    public JsonElement? Walk(JsonElement root, Uri rootBase, string evaluationPath)
    {
        var current = root;
        var currentBase = FormLoader.StripFragment(rootBase);
        string? previous = null;
        foreach (var segment in JsonPointers.Split(evaluationPath))
        {
            // JsonSchema.Net 8.0.5 repeats the keyword of a single-schema applicator in evaluation paths
            // ("/items/items/properties/x"): a segment that cannot be followed and repeats the last one is that echo.
            if (segment == previous && !(current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out _)))
            {
                previous = null;
                continue;
            }
            previous = segment;
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty("$id", out var id) &&
                id.ValueKind == JsonValueKind.String && Uri.TryCreate(currentBase, id.GetString(), out var rebased))
                currentBase = FormLoader.StripFragment(rebased);
            if (segment is "$ref" or "$dynamicRef" && current.ValueKind == JsonValueKind.Object &&
                current.TryGetProperty(segment, out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                if (!Uri.TryCreate(currentBase, reference.GetString(), out var target)) return null;
                if (Find(target) is not { } found) return null;
                current = found;
                currentBase = FormLoader.StripFragment(target);
                continue;
            }
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
                current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < current.GetArrayLength())
                current = current[index];
            else
                return null;
        }
        return current;
    }

    private void Collect(JsonElement element, Uri currentBase, bool isRoot)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, currentBase, false);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            if (isRoot) _resources.TryAdd(currentBase, element);
            return;
        }
        if (element.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String &&
            Uri.TryCreate(currentBase, id.GetString(), out var resolved))
        {
            currentBase = FormLoader.StripFragment(resolved);
            _resources.TryAdd(currentBase, element);
        }
        else if (isRoot)
        {
            _resources.TryAdd(currentBase, element);
        }
        foreach (var anchorKeyword in (ReadOnlySpan<string>)["$anchor", "$dynamicAnchor"])
            if (element.TryGetProperty(anchorKeyword, out var anchor) && anchor.ValueKind == JsonValueKind.String)
                _anchors.TryAdd((currentBase, anchor.GetString()!), element);
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("const") || property.NameEquals("enum") || property.NameEquals("default") || property.NameEquals("examples"))
                continue; // instance data, not schemas
            Collect(property.Value, currentBase, false);
        }
    }
}
