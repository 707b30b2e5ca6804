using System.Text.Json;

namespace ProcedureForms.Definitions;

/// <summary>
/// The one way a submission's JSON is read, by the library and the CLI alike: a property name twice in one object is
/// refused (validation would read one occurrence and printing another), depth is bounded, and a parse error names the
/// position only, never the content.
/// </summary>
internal static class SubmissionReader
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static JsonDocument Parse(string json) => Guard(() => JsonDocument.Parse(json, Options));

    public static JsonDocument Parse(Stream json) => Guard(() => JsonDocument.Parse(json, Options));

    public static async Task<JsonDocument> ParseAsync(Stream json, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(json, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw Wrap(e);
        }
    }

    private static JsonDocument Guard(Func<JsonDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            throw Wrap(e);
        }
    }

    // JsonException's message can quote the offending token or the duplicated name, which may be a resident's data:
    // keep only what kind of problem it is and where.
    private static SubmissionFormatException Wrap(JsonException e) =>
        e.LineNumber is null && e.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
            ? new SubmissionFormatException("The submission names a property twice in one object; each field may appear once.")
            : new SubmissionFormatException(e.LineNumber, e.BytePositionInLine);

    /// <summary>
    /// The pointer of the first object in <paramref name="element"/> that names a property twice, or null. For
    /// submissions handed over already parsed (a <see cref="JsonElement"/>), whose parser may have allowed it.
    /// </summary>
    public static string? FindDuplicate(JsonElement element, string pointer = "", int depth = 0)
    {
        if (depth > 256) return null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                    if (!names.Add(property.Name)) return pointer;
                foreach (var property in element.EnumerateObject())
                    if (FindDuplicate(property.Value, JsonPointers.Append(pointer, property.Name), depth + 1) is { } found) return found;
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (FindDuplicate(item, $"{pointer}/{i++}", depth + 1) is { } found) return found;
                return null;
            default:
                return null;
        }
    }
}
