namespace ProcedureForms.Japanese;

/// <summary>A Japanese era (元号) with its exact first and last Gregorian day.</summary>
/// <remarks>
/// Boundaries follow the 元号 proclamations, not <see cref="System.Globalization.JapaneseCalendar"/>, which accepts
/// 平成31年5月1日 and stops at 1868-09-08. 明治 starts here at 明治6年1月1日 (1873-01-01), when Japan adopted the
/// Gregorian calendar: earlier 明治 dates are lunar and have no fixed Gregorian equivalent.
/// </remarks>
public sealed class JapaneseEra
{
    private JapaneseEra(string name, string romaji, char initial, DateOnly start, DateOnly? end, int firstGregorianYear)
    {
        Name = name;
        Romaji = romaji;
        Initial = initial;
        Start = start;
        End = end;
        FirstGregorianYear = firstGregorianYear;
    }

    /// <summary>明治 (counted here from 1873-01-01, the Gregorian adoption).</summary>
    public static JapaneseEra Meiji { get; } = new("明治", "Meiji", 'M', new DateOnly(1873, 1, 1), new DateOnly(1912, 7, 29), 1868);
    /// <summary>大正: 1912-07-30 to 1926-12-24.</summary>
    public static JapaneseEra Taisho { get; } = new("大正", "Taisho", 'T', new DateOnly(1912, 7, 30), new DateOnly(1926, 12, 24), 1912);
    /// <summary>昭和: 1926-12-25 to 1989-01-07.</summary>
    public static JapaneseEra Showa { get; } = new("昭和", "Showa", 'S', new DateOnly(1926, 12, 25), new DateOnly(1989, 1, 7), 1926);
    /// <summary>平成: 1989-01-08 to 2019-04-30.</summary>
    public static JapaneseEra Heisei { get; } = new("平成", "Heisei", 'H', new DateOnly(1989, 1, 8), new DateOnly(2019, 4, 30), 1989);
    /// <summary>令和: from 2019-05-01.</summary>
    public static JapaneseEra Reiwa { get; } = new("令和", "Reiwa", 'R', new DateOnly(2019, 5, 1), null, 2019);

    /// <summary>All eras, oldest first.</summary>
    public static IReadOnlyList<JapaneseEra> All { get; } = [Meiji, Taisho, Showa, Heisei, Reiwa];

    /// <summary>The era name in kanji, e.g. 令和.</summary>
    public string Name { get; }
    /// <summary>The romanised name, e.g. Reiwa.</summary>
    public string Romaji { get; }
    /// <summary>The one-letter abbreviation used on forms and in systems (M, T, S, H, R).</summary>
    public char Initial { get; }
    /// <summary>The first day this library accepts for the era.</summary>
    public DateOnly Start { get; }
    /// <summary>The last day of the era, or null for the current era.</summary>
    public DateOnly? End { get; }
    /// <summary>The Gregorian year of the era's year 1 (元年).</summary>
    public int FirstGregorianYear { get; }

    /// <summary>True when <paramref name="date"/> lies within the era.</summary>
    public bool Contains(DateOnly date) => date >= Start && (End is null || date <= End.Value);

    /// <summary>The era that contains <paramref name="date"/>, or null before 1873-01-01.</summary>
    public static JapaneseEra? Of(DateOnly date)
    {
        for (var i = All.Count - 1; i >= 0; i--)
            if (All[i].Contains(date)) return All[i];
        return null;
    }

    /// <summary>Finds an era by its kanji name (令和) or initial (R).</summary>
    public static JapaneseEra? FromName(ReadOnlySpan<char> name)
    {
        foreach (var era in All)
            if (name.SequenceEqual(era.Name) || (name.Length == 1 && char.ToUpperInvariant(name[0]) == era.Initial))
                return era;
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
