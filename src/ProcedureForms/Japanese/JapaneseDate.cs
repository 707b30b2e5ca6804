using System.Globalization;
using System.Text.RegularExpressions;

namespace ProcedureForms.Japanese;

/// <summary>Parses and prints dates in the Japanese era (和暦), e.g. 「令和8年11月26日」.</summary>
public static partial class JapaneseDate
{
    [GeneratedRegex(@"^(明治|大正|昭和|平成|令和)(元|[1-9][0-9]?)年([1-9]|0[1-9]|1[0-2])月([1-9]|0[1-9]|[12][0-9]|3[01])日\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EraDatePattern();

    /// <summary>Parses 「令和8年11月26日」 (元年 and 1年 both accepted) and checks that the day exists in that era.</summary>
    /// <returns>False for malformed text, impossible days, and days outside the era (平成31年5月1日, 昭和64年1月8日).</returns>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (text is null) return false;
        var m = EraDatePattern().Match(text);
        if (!m.Success) return false;
        var era = JapaneseEra.FromName(m.Groups[1].ValueSpan)!;
        var eraYear = m.Groups[2].Value == "元" ? 1 : int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups[4].ValueSpan, CultureInfo.InvariantCulture);
        var year = era.FirstGregorianYear + eraYear - 1;
        if (day > DateTime.DaysInMonth(year, month)) return false;
        var candidate = new DateOnly(year, month, day);
        if (!era.Contains(candidate)) return false;
        date = candidate;
        return true;
    }

    /// <summary>Parses either an ISO 8601 full-date (2026-11-26) or an era date (令和8年11月26日).</summary>
    public static bool TryParseAny(string? text, out DateOnly date)
    {
        date = default;
        if (text is null) return false;
        if (text.Length == 10 && text[4] == '-' && text[7] == '-')
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        return TryParse(text, out date);
    }

    /// <summary>Prints <paramref name="date"/> as 「令和8年11月26日」, with 元年 for year one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 1873-01-01 (no Gregorian era date).</exception>
    public static string Format(DateOnly date)
    {
        var (era, year) = ToEraYear(date);
        return $"{era.Name}{YearText(year)}年{date.Month}月{date.Day}日";
    }

    /// <summary>The era and era year of <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 1873-01-01.</exception>
    public static (JapaneseEra Era, int Year) ToEraYear(DateOnly date)
    {
        var era = JapaneseEra.Of(date) ?? throw new ArgumentOutOfRangeException(nameof(date), "Dates before 1873-01-01 have no Gregorian era date.");
        return (era, date.Year - era.FirstGregorianYear + 1);
    }

    /// <summary>「元」 for year one, else the number.</summary>
    public static string YearText(int eraYear) => eraYear == 1 ? "元" : eraYear.ToString(CultureInfo.InvariantCulture);

    /// <summary>The blank date line printed on forms for handwriting: 「令和　　年　　月　　日」.</summary>
    public static string Blank(JapaneseEra? era = null) => $"{(era ?? JapaneseEra.Reiwa).Name}　　年　　月　　日";
}
