using System.Text.Json;
using ProcedureForms.Validation;

namespace ProcedureForms.Definitions;

/// <summary>
/// The one way a submission's JSON is read, by the library and the CLI alike: a property name twice in one object is
/// refused (validation would read one occurrence and printing another), depth is bounded, and a parse error names the
/// position only, never the content.
/// </summary>
internal static class SubmissionReader
{
    private static JsonDocumentOptions Options(SubmissionLimits limits) =>
        // One level beyond the limit parses, so the report can say where the limit was passed; deeper is unreadable.
        new() { MaxDepth = limits.MaxDepth + 1, AllowDuplicateProperties = false };

    public static JsonDocument Parse(string json, SubmissionLimits? limits = null)
    {
        limits ??= SubmissionLimits.Default;
        // A UTF-16 string of n chars is at least n UTF-8 bytes: count only when it might be too long.
        if (json.Length > limits.MaxBytes / 3 && System.Text.Encoding.UTF8.GetByteCount(json) > limits.MaxBytes) throw TooLarge(limits);
        return Checked(Guard(() => JsonDocument.Parse(json, Options(limits)), limits));
    }

    public static JsonDocument Parse(Stream json, SubmissionLimits? limits = null)
    {
        limits ??= SubmissionLimits.Default;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = json.Read(chunk)) > 0) Append(buffer, chunk.AsSpan(0, read), limits);
        var bytes = WithoutByteOrderMark(buffer);
        return Checked(Guard(() => JsonDocument.Parse(bytes, Options(limits)), limits));
    }

    public static async Task<JsonDocument> ParseAsync(Stream json, CancellationToken cancellationToken, SubmissionLimits? limits = null)
    {
        limits ??= SubmissionLimits.Default;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await json.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0) Append(buffer, chunk.AsSpan(0, read), limits);
        var bytes = WithoutByteOrderMark(buffer);
        return Checked(Guard(() => JsonDocument.Parse(bytes, Options(limits)), limits));
    }

    // Stops reading at the limit: a 50 MB body costs at most MaxBytes of memory.
    private static void Append(MemoryStream buffer, ReadOnlySpan<byte> chunk, SubmissionLimits limits)
    {
        if (buffer.Length + chunk.Length > limits.MaxBytes) throw TooLarge(limits);
        buffer.Write(chunk);
    }

    // Files saved by Windows editors start with one; JsonDocument skips it only when it reads the stream itself.
    private static ReadOnlyMemory<byte> WithoutByteOrderMark(MemoryStream buffer)
    {
        var bytes = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        return bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
    }

    private static SubmissionFormatException TooLarge(SubmissionLimits limits) =>
        new($"The submission is larger than the limit of {limits.MaxBytes:N0} bytes (SubmissionLimits.MaxBytes).");

    // JSON allows \uD800 escapes that are not text; System.Text.Json parses them and throws when the string is read.
    private static JsonDocument Checked(JsonDocument document)
    {
        if (!HasUnpairedSurrogate(document.RootElement)) return document;
        document.Dispose();
        throw UnpairedSurrogate();
    }

    public static SubmissionFormatException UnpairedSurrogate() =>
        new("The submission contains a name or string that is not valid Unicode text (invalid UTF-8, or an unpaired surrogate escape such as \\uD800).");

    /// <summary>Whether a property name or string in <paramref name="element"/> holds an unpaired surrogate escape.</summary>
    public static bool HasUnpairedSurrogate(JsonElement element, int depth = 0)
    {
        if (depth > 1_024) return false; // beyond any SubmissionLimits.MaxDepth
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return false;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (HasUnpairedSurrogate(property.Value, depth + 1)) return true;
                    }
                    return false;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                        if (HasUnpairedSurrogate(item, depth + 1)) return true;
                    return false;
                default:
                    return false;
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static JsonDocument Guard(Func<JsonDocument> parse, SubmissionLimits limits)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            throw Wrap(e, limits);
        }
        catch (InvalidOperationException) // the duplicate-name check reads names; one that is not text (bad UTF-8, a lone surrogate) throws
        {
            throw UnpairedSurrogate();
        }
    }

    // JsonException's message can quote the offending token, the duplicated name or the path of names to it, any of
    // which may be a resident's data: keep only what kind of problem it is and where.
    private static SubmissionFormatException Wrap(JsonException e, SubmissionLimits limits) =>
        e.LineNumber is null && e.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
            ? new SubmissionFormatException("The submission names a property twice in one object; each field may appear once.")
            : e.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? new SubmissionFormatException($"The submission is nested deeper than the limit of {limits.MaxDepth} levels (SubmissionLimits.MaxDepth), at line {e.LineNumber + 1}.")
                : new SubmissionFormatException(e.LineNumber, e.BytePositionInLine);
}
