namespace ProcedureForms.Japanese;

/// <summary>Age and fiscal-year rules as Japanese law counts them.</summary>
public static class Age
{
    /// <summary>
    /// The age on <paramref name="date"/> of a person born on <paramref name="birthDate"/>. Under 年齢計算ニ関スル法律 and
    /// 民法第143条 a year of age is reached at the end of the day before the birthday, so a person born on April 2 turns
    /// 18 on April 1, one born on March 1 turns a year older on February 29 in leap years, and one born on February 29
    /// on February 28.
    /// </summary>
    public static int On(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate) return -1;
        var age = date.Year - birthDate.Year;
        if (Reached(birthDate, age) > date) age--;
        return age;
    }

    /// <summary>The day on which a person born on <paramref name="birthDate"/> reaches <paramref name="age"/>.</summary>
    public static DateOnly Reached(DateOnly birthDate, int age) =>
        birthDate is { Month: 2, Day: 29 }
            ? new DateOnly(birthDate.Year + age, 2, 28) // no corresponding day: the period ends on the last day of February
            : birthDate.AddYears(age).AddDays(-1);

    /// <summary>The first day of the fiscal year (年度, April 1 to March 31) that contains <paramref name="date"/>.</summary>
    public static DateOnly FiscalYearStart(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1, 4, 1);

    /// <summary>The March 31 that ends the fiscal year containing <paramref name="date"/>.</summary>
    public static DateOnly FiscalYearEnd(DateOnly date) => FiscalYearStart(date).AddYears(1).AddDays(-1);
}
