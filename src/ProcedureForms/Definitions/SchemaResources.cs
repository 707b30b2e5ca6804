using System.Text.Json;

namespace ProcedureForms.Definitions;

/// <summary>
/// The JSON of every schema resource a form uses, by base URI, so that an evaluation result's schema location can be
/// turned back into the subschema it names (its title, limits and messages).
/// </summary>
internal sealed class SchemaResources
{
    private readonly Dictionary<Uri, JsonElement> _resources = [];

    public void Add(Uri baseUri, JsonElement document) => Collect(document, FormLoader.StripFragment(baseUri), isRoot: true);

    /// <summary>The subschema at <paramref name="schemaLocation"/> (a base URI with a JSON Pointer fragment).</summary>
    public JsonElement? Find(Uri schemaLocation)
    {
        var baseUri = FormLoader.StripFragment(schemaLocation);
        if (!_resources.TryGetValue(baseUri, out var resource)) return null;
        var fragment = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));
        return JsonPointers.Evaluate(resource, fragment);
    }

    /// <summary>The resource registered at <paramref name="baseUri"/>.</summary>
    public JsonElement? Resource(Uri baseUri) =>
        _resources.TryGetValue(FormLoader.StripFragment(baseUri), out var element) ? element : null;

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
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("const") || property.NameEquals("enum") || property.NameEquals("default") || property.NameEquals("examples"))
                continue; // instance data, not schemas
            Collect(property.Value, currentBase, false);
        }
    }
}
