using System.Globalization;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Definitions.Keywords;

namespace ProcedureForms.Validation;

/// <summary>
/// The walk over a submission that runs before any schema is evaluated, so a submission beyond a <see cref="SubmissionLimits"/>
/// bound costs one pass and gives one error per place, however large it is: an over-long array or object is not entered.
/// </summary>
internal static class LimitCheck
{
    /// <summary>The places where <paramref name="submission"/> exceeds a limit, as (pointer, limit keyword, actual, limit).</summary>
    public static List<(string Pointer, string Keyword, long Actual, long Limit)> Find(JsonElement submission, SubmissionLimits limits)
    {
        var found = new List<(string, string, long, long)>();
        Walk(submission, "", 0, limits, found);
        return found;
    }

    private static void Walk(JsonElement element, string pointer, int depth, SubmissionLimits limits, List<(string, string, long, long)> found)
    {
        if (found.Count >= limits.MaxErrors) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array when depth >= limits.MaxDepth:
                found.Add((pointer, "limit:maxDepth", depth + 1, limits.MaxDepth));
                return;
            case JsonValueKind.Object:
                var properties = element.GetPropertyCount();
                if (properties > limits.MaxProperties)
                {
                    found.Add((pointer, "limit:maxProperties", properties, limits.MaxProperties));
                    return;
                }
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, JsonPointers.Append(pointer, property.Name), depth + 1, limits, found);
                return;
            case JsonValueKind.Array:
                var items = element.GetArrayLength();
                if (items > limits.MaxItems)
                {
                    found.Add((pointer, "limit:maxItems", items, limits.MaxItems));
                    return;
                }
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, pointer + "/" + (i++).ToString(CultureInfo.InvariantCulture), depth + 1, limits, found);
                return;
            case JsonValueKind.String:
                // UTF-16 length bounds the code points from above: most strings need no count.
                var text = element.GetString()!;
                if (text.Length > limits.MaxStringLength && CodePointLength.Of(text) is var length && length > limits.MaxStringLength)
                    found.Add((pointer, "limit:maxStringLength", length, limits.MaxStringLength));
                return;
        }
    }
}
