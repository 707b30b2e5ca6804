namespace ProcedureForms.Japanese;

/// <summary>Age and fiscal-year rules as Japanese law counts them.</summary>
public static class Age
{
    /// <summary>
    /// The age on <paramref name="date"/> of a person born on <paramref name="birthDate"/>. Under 年齢計算ニ関スル法律 and
    /// 民法第143条 a year of age is reached at the end of the day before the birthday, so a person born on April 2 turns
    /// 18 on April 1 and one born on February 29 turns a year older on February 28.
    /// </summary>
    public static int On(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate) return -1;
        var eve = birthDate.AddDays(-1);
        var age = date.Year - eve.Year;
        if (eve.AddYears(age) > date) age--;
        return age;
    }

    /// <summary>The first day of the fiscal year (年度, April 1 to March 31) that contains <paramref name="date"/>.</summary>
    public static DateOnly FiscalYearStart(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1, 4, 1);

    /// <summary>The March 31 that ends the fiscal year containing <paramref name="date"/>.</summary>
    public static DateOnly FiscalYearEnd(DateOnly date) => FiscalYearStart(date).AddYears(1).AddDays(-1);
}
