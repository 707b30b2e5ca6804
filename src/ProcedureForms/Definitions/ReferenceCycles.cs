using System.Text.Json;

namespace ProcedureForms.Definitions;

/// <summary>
/// Finds references that lead back to where they started without moving into the submission (<c>x: {"$ref":
/// "#/properties/x"}</c>, or two definitions referring to each other through <c>allOf</c>): evaluating one never ends,
/// and in JsonSchema.Net it overflows the stack and takes the process down. Recursion that steps into properties or
/// items (a tree) is fine and is not reported.
/// </summary>
internal static class ReferenceCycles
{
    /// <summary>The pointer of a subschema on such a cycle, or null when there is none.</summary>
    public static string? Find(JsonElement root, Uri baseUri, SchemaResources resources)
    {
        // A subschema explored to the end without finding a cycle stays clean whatever path reaches it again.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var home = FormLoader.StripFragment(baseUri);
        string? found = null;

        // `path` holds the subschemas applied to the same value on the way here; stepping into the value starts a new one.
        bool Visit(JsonElement schema, Uri currentBase, string pointer, int depth, HashSet<string> path)
        {
            if (found is not null) return true;
            if (schema.ValueKind != JsonValueKind.Object || depth > 512) return false;
            var key = $"{currentBase}#{pointer}";
            if (path.Contains(key))
            {
                found = pointer;
                return true;
            }
            if (done.Contains(key)) return false;
            path.Add(key);
            if (schema.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String && Uri.TryCreate(currentBase, id.GetString(), out var rebased))
                currentBase = FormLoader.StripFragment(rebased);
            // Keywords that apply another schema to the same value.
            foreach (var keyword in (ReadOnlySpan<string>)["$ref", "$dynamicRef"])
                if (schema.TryGetProperty(keyword, out var reference) && reference.ValueKind == JsonValueKind.String &&
                    FormLoader.TryResolve(currentBase, reference.GetString(), out var target) && resources.Locate(target, home) is { } located &&
                    Visit(located.Schema, located.BaseUri, located.Pointer, depth + 1, path))
                    return true;
            foreach (var keyword in (ReadOnlySpan<string>)["allOf", "anyOf", "oneOf"])
                if (schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var item in list.EnumerateArray())
                        if (Visit(item, currentBase, $"{JsonPointers.Append(pointer, keyword)}/{i++}", depth + 1, path)) return true;
                }
            foreach (var keyword in (ReadOnlySpan<string>)["not", "if", "then", "else"])
                if (schema.TryGetProperty(keyword, out var sub) && Visit(sub, currentBase, JsonPointers.Append(pointer, keyword), depth + 1, path))
                    return true;
            if (schema.TryGetProperty("dependentSchemas", out var dependent) && dependent.ValueKind == JsonValueKind.Object)
                foreach (var entry in dependent.EnumerateObject())
                    if (Visit(entry.Value, currentBase, JsonPointers.Append(JsonPointers.Append(pointer, "dependentSchemas"), entry.Name), depth + 1, path)) return true;
            path.Remove(key);
            done.Add(key);
            // Keywords that move into the value start a fresh walk there: a cycle through them consumes the submission.
            foreach (var keyword in (ReadOnlySpan<string>)["properties", "patternProperties"])
                if (schema.TryGetProperty(keyword, out var map) && map.ValueKind == JsonValueKind.Object)
                    foreach (var entry in map.EnumerateObject())
                        if (Visit(entry.Value, currentBase, JsonPointers.Append(JsonPointers.Append(pointer, keyword), entry.Name), depth + 1, [])) return true;
            foreach (var keyword in (ReadOnlySpan<string>)["items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains", "propertyNames"])
                if (schema.TryGetProperty(keyword, out var sub) && Visit(sub, currentBase, JsonPointers.Append(pointer, keyword), depth + 1, []))
                    return true;
            if (schema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in prefix.EnumerateArray())
                    if (Visit(item, currentBase, $"{JsonPointers.Append(pointer, "prefixItems")}/{i++}", depth + 1, [])) return true;
            }
            return false;
        }

        Visit(root, home, "", 0, []);
        return found;
    }
}
