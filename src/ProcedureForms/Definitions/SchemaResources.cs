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
    // Where each resource and anchor stands in the document that holds it, so a resolved $ref can be named by a pointer.
    private readonly Dictionary<Uri, (Uri Document, string Pointer)> _resourceSites = [];
    private readonly Dictionary<(Uri, string), string> _anchorSites = [];

    public void Add(Uri baseUri, JsonElement document)
    {
        var uri = FormLoader.StripFragment(baseUri);
        Collect(document, uri, isRoot: true, uri, "");
    }

    /// <summary>
    /// The subschema a reference names, with the base URI its own references resolve against and where it stands: a
    /// JSON Pointer into the document <paramref name="home"/> names, else <c>document#pointer</c>.
    /// </summary>
    public (JsonElement Schema, Uri BaseUri, string Pointer)? Locate(Uri reference, Uri home)
    {
        var baseUri = FormLoader.StripFragment(reference);
        var fragment = Uri.UnescapeDataString(reference.Fragment.TrimStart('#'));
        if (!_resourceSites.TryGetValue(baseUri, out var site)) return null;
        string pointer;
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            if (!_anchorSites.TryGetValue((baseUri, fragment), out var anchored)) return null;
            pointer = anchored;
        }
        else
        {
            pointer = site.Pointer + fragment;
        }
        if (Find(reference) is not { } schema) return null;
        var document = FormLoader.StripFragment(home);
        // A pointer into a resource can land on a subschema with an $id of its own: that is its base.
        var targetBase = baseUri;
        if (fragment.StartsWith('/') && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$id", out var id) &&
            id.ValueKind == JsonValueKind.String && Uri.TryCreate(baseUri, id.GetString(), out var own))
            targetBase = FormLoader.StripFragment(own);
        return (schema, targetBase, site.Document == document ? pointer : $"{site.Document}#{pointer}");
    }

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
                if (!FormLoader.TryResolve(currentBase, reference.GetString(), out var target)) return null;
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

    private void Collect(JsonElement element, Uri currentBase, bool isRoot, Uri document, string pointer)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray()) Collect(item, currentBase, false, document, $"{pointer}/{i++}");
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            if (isRoot) Register(currentBase, element, document, pointer);
            return;
        }
        if (element.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String &&
            Uri.TryCreate(currentBase, id.GetString(), out var resolved))
        {
            currentBase = FormLoader.StripFragment(resolved);
            Register(currentBase, element, document, pointer);
        }
        else if (isRoot)
        {
            Register(currentBase, element, document, pointer);
        }
        foreach (var anchorKeyword in (ReadOnlySpan<string>)["$anchor", "$dynamicAnchor"])
            if (element.TryGetProperty(anchorKeyword, out var anchor) && anchor.ValueKind == JsonValueKind.String)
            {
                _anchors.TryAdd((currentBase, anchor.GetString()!), element);
                _anchorSites.TryAdd((currentBase, anchor.GetString()!), pointer);
            }
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("const") || property.NameEquals("enum") || property.NameEquals("default") || property.NameEquals("examples"))
                continue; // instance data, not schemas
            Collect(property.Value, currentBase, false, document, JsonPointers.Append(pointer, property.Name));
        }
    }

    private void Register(Uri baseUri, JsonElement element, Uri document, string pointer)
    {
        if (_resources.TryAdd(baseUri, element)) _resourceSites[baseUri] = (document, pointer);
    }
}
