using System.Text.Json;
using Json.Schema;
using ProcedureForms.Definitions.Keywords;

namespace ProcedureForms.Validation.Formats;

/// <summary>A <c>format</c> of ours: a string check that reports why a value fails (shape, check digit, no such date).</summary>
internal sealed class JapaneseFormat(string key, Func<string, string?> check) : Format(key)
{
    /// <summary>Returns null when <paramref name="value"/> is valid, else an <see cref="ErrorCodes"/> reason.</summary>
    public string? Check(string value) => check(value);

    public override bool Validate(JsonElement value, out string? errorMessage)
    {
        errorMessage = null;
        if (value.ValueKind != JsonValueKind.String) return true; // format applies to strings only
        try
        {
            errorMessage = check(value.GetString()!);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // Its Input property holds the whole value: never let it escape to a logger.
            errorMessage = ErrorCodes.Shape;
        }
        return errorMessage is null;
    }
}
