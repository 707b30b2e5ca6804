using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// A reference from one field to another inside the submission: an absolute JSON Pointer (<c>/applicationDate</c>)
/// or a relative JSON Pointer (<c>2/applicationDate</c>: up two levels, then down), so rows of a table can name a
/// sibling in their own row.
/// </summary>
internal sealed class FieldReference
{
    private readonly int _up;
    private readonly string[] _down;

    private FieldReference(string text, int up, string[] down)
    {
        Text = text;
        _up = up;
        _down = down;
    }

    /// <summary>The reference as the definition wrote it.</summary>
    public string Text { get; }

    public static FieldReference Parse(JsonElement value, string keyword)
    {
        if (value.ValueKind != JsonValueKind.String)
            throw new JsonSchemaException($"'{keyword}' must be a JSON Pointer string such as \"/applicationDate\".");
        var text = value.GetString()!;
        if (text.Length == 0 || text[0] == '/')
            return new FieldReference(text, -1, JsonPointers.Split(text));
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        if (digits == 0 || (digits < text.Length && text[digits] != '/'))
            throw new JsonSchemaException($"'{keyword}' must be an absolute (\"/a/b\") or relative (\"1/b\") JSON Pointer.");
        var up = int.Parse(text.AsSpan(0, digits), CultureInfo.InvariantCulture);
        return new FieldReference(text, up, JsonPointers.Split(text[digits..]));
    }

    /// <summary>The absolute pointer this reference names, seen from <paramref name="instanceLocation"/>; null when it climbs above the root.</summary>
    public string? Resolve(string instanceLocation)
    {
        if (_up < 0) return JsonPointers.Join(_down);
        var segments = JsonPointers.Split(instanceLocation);
        if (_up > segments.Length) return null;
        return JsonPointers.Join(segments.Take(segments.Length - _up).Concat(_down));
    }

    /// <summary>The referenced value, or null when it is absent.</summary>
    public JsonElement? Find(in EvaluationContext context)
    {
        var pointer = Resolve(context.InstanceLocation.ToString());
        return pointer is null ? null : JsonPointers.Evaluate(context.InstanceRoot, pointer);
    }
}
