using CsCheck;
using ProcedureForms.Japanese;

namespace ProcedureForms.Tests.Japanese;

public sealed class JapaneseDateTests
{
    [Theory]
    [InlineData("令和8年11月26日", 2026, 11, 26)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("令和1年5月1日", 2019, 5, 1)]
    [InlineData("平成31年4月30日", 2019, 4, 30)]
    [InlineData("平成元年1月8日", 1989, 1, 8)]
    [InlineData("昭和64年1月7日", 1989, 1, 7)]
    [InlineData("昭和元年12月25日", 1926, 12, 25)]
    [InlineData("大正15年12月24日", 1926, 12, 24)]
    [InlineData("大正元年7月30日", 1912, 7, 30)]
    [InlineData("明治45年7月29日", 1912, 7, 29)]
    [InlineData("平成12年2月29日", 2000, 2, 29)]
    [InlineData("令和8年01月05日", 2026, 1, 5)]
    public void Parses_existing_era_dates(string text, int y, int m, int d)
    {
        Assert.True(JapaneseDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("平成31年5月1日")] // 令和元年
    [InlineData("昭和64年1月8日")] // 平成元年
    [InlineData("令和元年4月30日")]
    [InlineData("大正15年12月25日")]
    [InlineData("明治45年7月30日")]
    [InlineData("平成13年2月29日")]
    [InlineData("令和8年2月30日")]
    [InlineData("令和8年13月1日")]
    [InlineData("令和0年5月1日")]
    [InlineData("令和８年１１月２６日")] // full-width digits: normalise first
    [InlineData("R8.11.26")]
    [InlineData("2026-11-26")]
    [InlineData("明治5年12月2日")] // lunar calendar: no Gregorian date
    [InlineData("")]
    [InlineData("令和8年11月26日\n")] // $ must not match before a final newline
    public void Rejects_days_that_do_not_exist_in_the_era(string text) => Assert.False(JapaneseDate.TryParse(text, out _));

    [Theory]
    [InlineData(2026, 11, 26, "令和8年11月26日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    [InlineData(1926, 12, 25, "昭和元年12月25日")]
    [InlineData(1912, 7, 30, "大正元年7月30日")]
    public void Prints_year_one_as_gannen(int y, int m, int d, string expected) =>
        Assert.Equal(expected, JapaneseDate.Format(new DateOnly(y, m, d)));

    [Fact]
    public void Every_day_from_1873_round_trips_through_the_era_form() =>
        Gen.Int[new DateOnly(1873, 1, 1).DayNumber, new DateOnly(2100, 12, 31).DayNumber].Sample(day =>
        {
            var date = DateOnly.FromDayNumber(day);
            Assert.True(JapaneseDate.TryParse(JapaneseDate.Format(date), out var back));
            Assert.Equal(date, back);
        });

    [Fact]
    public void Blank_line_for_handwriting() => Assert.Equal("令和　　年　　月　　日", JapaneseDate.Blank());

    [Fact]
    public void Parses_iso_dates_too() => Assert.True(JapaneseDate.TryParseAny("2026-11-26", out _));
}
