using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcedureForms.Japanese;

/// <summary>
/// Brings typed input to the canonical form that validation checks: full-width ASCII (１２３, ＡＢＣ, －) to ASCII,
/// half-width katakana (ｶﾞ) to full-width (ガ), and surrounding spaces (ASCII and 全角) trimmed.
/// </summary>
/// <remarks>
/// The host calls this explicitly; validation never changes a submission. Only those ranges go through NFKC: applying
/// NFKC to whole strings would also replace CJK compatibility ideographs (e.g. U+F91D) with their unified forms and so
/// change the glyph of a resident's name.
/// </remarks>
public static class TextNormalizer
{
    /// <summary>Normalises one string.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.AsSpan().Trim(" \t\r\n\u3000");
        var start = IndexOfNormalizable(trimmed);
        if (start < 0) return trimmed.Length == value.Length ? value : trimmed.ToString();

        var sb = new StringBuilder(trimmed.Length);
        var i = 0;
        while (i < trimmed.Length)
        {
            if (!IsNormalizable(trimmed[i]))
            {
                sb.Append(trimmed[i++]);
                continue;
            }
            var runStart = i;
            while (i < trimmed.Length && IsNormalizable(trimmed[i])) i++;
            sb.Append(trimmed[runStart..i].ToString().Normalize(NormalizationForm.FormKC));
        }
        return sb.ToString();
    }

    /// <summary>Returns a copy of a submission with every string value normalised; property names are kept as they are.</summary>
    public static JsonNode? Normalize(JsonElement submission) => submission.ValueKind switch
    {
        JsonValueKind.Object => NormalizeObject(submission),
        JsonValueKind.Array => new JsonArray(submission.EnumerateArray().Select(Normalize).ToArray()),
        JsonValueKind.String => JsonValue.Create(Normalize(submission.GetString()!)),
        _ => JsonNode.Parse(submission.GetRawText()),
    };

    private static JsonObject NormalizeObject(JsonElement element)
    {
        var obj = new JsonObject();
        foreach (var property in element.EnumerateObject())
            obj[property.Name] = Normalize(property.Value);
        return obj;
    }

    private static int IndexOfNormalizable(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
            if (IsNormalizable(s[i])) return i;
        return -1;
    }

    // U+FF01–U+FF5E full-width ASCII, U+FF61–U+FF9F half-width katakana and punctuation.
    private static bool IsNormalizable(char c) => c is (>= '\uFF01' and <= '\uFF5E') or (>= '\uFF61' and <= '\uFF9F');

    internal static bool IsPrivateUse(int codePoint) =>
        CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.PrivateUse;
}
