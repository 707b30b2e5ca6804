using System.Text.Json;
using Json.Schema;

namespace ProcedureForms.Validation.Formats;

/// <summary>
/// Wraps one of JsonSchema.Net's standard formats so that an exception inside it (relative-json-pointer throws a
/// FormatException on non-ASCII digits such as '١') becomes a failed check instead of escaping from validation.
/// </summary>
internal sealed class GuardedFormat(Format inner) : Format(inner.Key)
{
    // Formats whose grammar has no white space at all (json-pointer, regex and idn-email may hold spaces or controls).
    private static readonly HashSet<string> NoWhiteSpace =
        ["date", "date-time", "time", "duration", "uuid", "uri", "uri-reference", "iri", "iri-reference", "hostname", "idn-hostname", "ipv4", "ipv6", "email"];

    private readonly bool _refuseWhiteSpaceEdges = NoWhiteSpace.Contains(inner.Key);

    public override bool Validate(JsonElement value, out string? errorMessage)
    {
        // Several of JsonSchema.Net's checks let a trailing newline through (their regexes end in $, which matches before a final \n).
        if (_refuseWhiteSpaceEdges && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text &&
            (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n') || text.Contains('\r')))
        {
            errorMessage = null;
            return false;
        }
        try
        {
            return inner.Validate(value, out errorMessage);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidOperationException)
        {
            errorMessage = null;
            return false;
        }
    }
}
