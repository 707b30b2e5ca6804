using ProcedureForms.Japanese;

namespace ProcedureForms.Tests.Japanese;

public sealed class AgeTests
{
    [Theory]
    [InlineData("2008-04-02", "2026-03-31", 17)] // turns 18 on 2026-04-01
    [InlineData("2008-04-02", "2026-04-01", 18)]
    [InlineData("2008-04-01", "2026-03-31", 18)] // the day before the birthday
    [InlineData("2008-04-01", "2026-03-30", 17)]
    [InlineData("2004-02-29", "2022-02-28", 18)] // leap-day births age on February 28
    [InlineData("2004-02-29", "2022-02-27", 17)]
    [InlineData("2004-03-01", "2022-02-28", 18)]
    [InlineData("2004-03-01", "2022-02-27", 17)]
    [InlineData("2005-03-01", "2008-02-28", 2)] // born March 1: a year older on February 29 in a leap year
    [InlineData("2005-03-01", "2008-02-29", 3)]
    [InlineData("2005-03-01", "2009-02-28", 4)]
    [InlineData("2026-11-26", "2026-11-26", 0)]
    public void Age_is_reached_the_day_before_the_birthday(string birth, string on, int expected) =>
        Assert.Equal(expected, Age.On(DateOnly.Parse(birth), DateOnly.Parse(on)));

    [Theory]
    [InlineData("2026-11-26", "2026-04-01", "2027-03-31")]
    [InlineData("2027-03-31", "2026-04-01", "2027-03-31")]
    [InlineData("2026-04-01", "2026-04-01", "2027-03-31")]
    [InlineData("2026-03-31", "2025-04-01", "2026-03-31")]
    public void Fiscal_year_runs_april_to_march(string date, string start, string end)
    {
        Assert.Equal(DateOnly.Parse(start), Age.FiscalYearStart(DateOnly.Parse(date)));
        Assert.Equal(DateOnly.Parse(end), Age.FiscalYearEnd(DateOnly.Parse(date)));
    }
}
