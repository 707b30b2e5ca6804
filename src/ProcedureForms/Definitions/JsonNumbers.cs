using System.Text;
using System.Text.Json;

namespace ProcedureForms.Definitions;

/// <summary>
/// JSON numbers read exactly from their text, never through <see cref="double"/>: <c>1e-400</c> is not zero, <c>-0</c> is
/// zero, and <c>1.0000000000000000001</c> is not an integer. What is printed is this canonical form of the validated text.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>
    /// A canonical number as amounts print on forms: the integer part grouped by thousands (4800000 → 4,800,000,
    /// -1234.5 → -1,234.5). The same value, written the way staff read it.
    /// </summary>
    public static string Grouped(string canonical)
    {
        var start = canonical.StartsWith('-') ? 1 : 0;
        var point = canonical.IndexOf('.', StringComparison.Ordinal);
        var end = point < 0 ? canonical.Length : point;
        if (end - start <= 3 || canonical.AsSpan(start, end - start).ContainsAnyExcept("0123456789")) return canonical;
        var sb = new System.Text.StringBuilder(canonical.Length + (end - start) / 3);
        sb.Append(canonical, 0, start);
        for (var i = start; i < end; i++)
        {
            if (i > start && (end - i) % 3 == 0) sb.Append(',');
            sb.Append(canonical[i]);
        }
        sb.Append(canonical, end, canonical.Length - end);
        return sb.ToString();
    }

    /// <summary>The longest number, written out in full without an exponent, a submission may contain.</summary>
    public const int MaxCanonicalLength = 40;

    /// <summary>How large a number may be, as messages say it: JsonSchema.Net compares numbers as <see cref="decimal"/>.</summary>
    public const string DecimalLimitText = "±79,228,162,514,264,337,593,543,950,335";

    /// <summary>
    /// The number in plain decimal notation (no exponent, no leading or trailing zeros, <c>-0</c> as <c>0</c>), or null
    /// when that would be longer than <see cref="MaxCanonicalLength"/> characters (<c>1e400</c>, <c>1e-400</c>).
    /// </summary>
    public static string? Canonical(JsonElement number) => Canonical(number.GetRawText(), out _);

    /// <summary>True when the number is mathematically an integer (<c>1</c>, <c>1.0</c>, <c>1e2</c>, <c>-0</c>).</summary>
    public static bool IsInteger(JsonElement number) => IsIntegerText(number.GetRawText());

    /// <summary>Canonical text of a JSON number literal; see <see cref="Canonical(JsonElement)"/>.</summary>
    public static string? Canonical(string raw, out bool isInteger)
    {
        var (negative, digits, exponent) = Decompose(raw);
        isInteger = exponent >= 0 || digits.Length == 0;
        if (digits.Length == 0) return "0";
        var text = new StringBuilder();
        if (negative) text.Append('-');
        if (exponent >= 0)
        {
            if (digits.Length + exponent > MaxCanonicalLength) return null;
            text.Append(digits).Append('0', (int)exponent);
        }
        else
        {
            var point = digits.Length + exponent; // digits before the decimal point; negative for 0.00…
            if (point < -MaxCanonicalLength) return null;
            if (point > 0) text.Append(digits, 0, (int)point).Append('.').Append(digits, (int)point, digits.Length - (int)point);
            else text.Append("0.").Append('0', (int)-point).Append(digits);
        }
        if (text.Length > MaxCanonicalLength) return null;
        return text.ToString();
    }

    private static bool IsIntegerText(string raw) => Decompose(raw) is var (_, digits, exponent) && (exponent >= 0 || digits.Length == 0);

    // Sign, significant digits without leading or trailing zeros, and the power of ten they are multiplied by.
    private static (bool Negative, string Digits, long Exponent) Decompose(string raw)
    {
        var negative = raw.StartsWith('-');
        var body = negative ? raw[1..] : raw;
        var e = body.IndexOfAny(['e', 'E']);
        long exponent = 0;
        if (e >= 0)
        {
            // Any exponent beyond ±10⁹ is "too long to print" (and an integer or not by its sign alone): clamped, so
            // the arithmetic below cannot overflow (1e9223372036854775807 wrapped to a negative length).
            var expText = body[(e + 1)..].TrimStart('+');
            const long Bound = 1_000_000_000;
            exponent = long.TryParse(expText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? Math.Clamp(parsed, -Bound, Bound)
                : expText.StartsWith('-') ? -Bound : Bound;
            body = body[..e];
        }
        var point = body.IndexOf('.');
        if (point >= 0)
        {
            exponent -= body.Length - point - 1;
            body = string.Concat(body.AsSpan(0, point), body.AsSpan(point + 1));
        }
        var trimmed = body.TrimStart('0');
        var significant = trimmed.TrimEnd('0');
        exponent += trimmed.Length - significant.Length;
        return (negative && significant.Length > 0, significant, exponent);
    }
}
