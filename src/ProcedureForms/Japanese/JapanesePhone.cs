using PhoneNumbers;

namespace ProcedureForms.Japanese;

/// <summary>Japanese telephone numbers as written on forms: domestic, starting with 0, hyphens optional between digit groups.</summary>
/// <remarks>Number ranges come from libphonenumber (Google's metadata, updated with each release) rather than hand-written tables.</remarks>
public static class JapanesePhone
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// True for a dialable Japanese number: 10 digits for fixed lines and 0120, 11 for mobile (070/080/090), IP (050) and
    /// 0800; hyphens optional, and when present only between the number's digit groups.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value[0] != '0') return false;
        var digits = 0;
        var previousHyphen = true; // forbids a leading hyphen
        foreach (var c in value)
        {
            if (c == '-')
            {
                if (previousHyphen) return false;
                previousHyphen = true;
            }
            else if (c is >= '0' and <= '9')
            {
                digits++;
                previousHyphen = false;
            }
            else return false;
        }
        if (previousHyphen || digits is < 10 or > 11) return false;
        try
        {
            var number = Util.Parse(value, "JP");
            if (!Util.IsValidNumberForRegion(number, "JP")) return false;
            // Hyphens, when written, must fall between the number's own digit groups (090-1234-5678, not 090-12-345678).
            return !value.Contains('-') || value == Util.Format(number, PhoneNumberFormat.NATIONAL);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Formats a valid number with the standard hyphens (03-1234-5678, 090-1234-5678).</summary>
    /// <exception cref="FormatException">The value is not a valid Japanese number.</exception>
    public static string Format(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value)) throw new FormatException("Not a valid Japanese telephone number.");
        return Util.Format(Util.Parse(value, "JP"), PhoneNumberFormat.NATIONAL);
    }
}
