namespace ProcedureForms.Tests.Validation;

/// <summary>Each registered format, asserted through a form, with values from shared/domain.md.</summary>
public sealed class FormatTests
{
    [Theory]
    [InlineData("jp-my-number", "123456789018", true)]
    [InlineData("jp-my-number", "123456789019", false)]
    [InlineData("jp-my-number", "12345678901", false)]
    [InlineData("jp-corporate-number", "7000012050002", true)]
    [InlineData("jp-corporate-number", "7000012050003", false)]
    [InlineData("jp-corporate-number", "700001205000", false)]
    [InlineData("jp-postal-code", "173-8501", true)]
    [InlineData("jp-postal-code", "1738501", true)]
    [InlineData("jp-postal-code", "1738-501", false)]
    [InlineData("jp-phone", "03-3964-1111", true)]
    [InlineData("jp-phone", "090-1234-5678", true)]
    [InlineData("jp-phone", "0120-123-456", true)]
    [InlineData("jp-phone", "0800-123-4567", true)]
    [InlineData("jp-phone", "050-1234-5678", true)]
    [InlineData("jp-phone", "090-1234-567", false)]
    [InlineData("jp-phone", "03-3964--1111", false)]
    [InlineData("jp-katakana", "イタバシ ハナコ", true)]
    [InlineData("jp-katakana", "イタバシ　ハナコ", true)]
    [InlineData("jp-katakana", "ｲﾀﾊﾞｼ", false)]
    [InlineData("jp-katakana", "いたばし", false)]
    [InlineData("jp-hiragana", "いたばし はなこ", true)]
    [InlineData("jp-hiragana", "イタバシ", false)]
    [InlineData("jp-era-date", "令和8年11月26日", true)]
    [InlineData("jp-era-date", "令和元年5月1日", true)]
    [InlineData("jp-era-date", "平成31年4月30日", true)]
    [InlineData("jp-era-date", "平成31年5月1日", false)]
    [InlineData("jp-era-date", "昭和64年1月8日", false)]
    [InlineData("jp-era-date", "令和8年2月29日", false)]
    [InlineData("jp-bank-code", "0001", true)]
    [InlineData("jp-bank-code", "001", false)]
    [InlineData("jp-branch-code", "012", true)]
    [InlineData("jp-branch-code", "12", false)]
    [InlineData("jp-account-number", "0012345", true)]
    [InlineData("jp-account-number", "12345678", false)]
    [InlineData("date", "2026-11-26", true)]
    [InlineData("date", "2026-02-30", false)]
    [InlineData("email", "kosodate@city.itabashi.tokyo.jp", true)]
    [InlineData("email", "not an address", false)]
    public void Formats_are_asserted(string format, string value, bool valid)
    {
        var form = Forms.WithField($$"""{"title":"項目","type":"string","format":"{{format}}"}""");
        var report = form.Validate(Forms.Json($$"""{"f":"{{value}}"}"""));
        Assert.Equal(valid, report.IsValid);
        if (!valid) Assert.Equal("format", Assert.Single(report.Errors).Keyword);
    }

    [Fact]
    public void Formats_are_asserted_in_plain_2020_12_schemas_too()
    {
        var form = Forms.Inline("""{"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"n":{"format":"jp-my-number"}}}""");
        Assert.False(form.Validate(Forms.Json("""{"n":"123456789019"}""")).IsValid);
        Assert.True(form.Validate(Forms.Json("""{"n":"123456789018"}""")).IsValid);
    }

    [Fact]
    public void Formats_ignore_non_strings() =>
        Assert.True(Forms.WithField("""{"format":"jp-my-number"}""").Validate(Forms.Json("""{"f":123456789019}""")).IsValid);

    [Theory]
    [InlineData("jp-my-number", "123456789019", "「項目」の番号が正しくありません（検査用数字が一致しません）。")]
    [InlineData("jp-my-number", "12345", "「項目」は12桁の数字で入力してください。")]
    [InlineData("jp-era-date", "平成31年5月1日", "「項目」の日付は存在しません。元号と日付を確かめてください。")]
    [InlineData("jp-era-date", "H31.5.1", "「項目」は 令和8年11月26日 のように和暦で入力してください。")]
    public void Messages_tell_a_malformed_value_from_a_wrong_check_digit_or_impossible_day(string format, string value, string message)
    {
        var form = Forms.WithField($$"""{"title":"項目","type":"string","format":"{{format}}"}""");
        Assert.Equal(message, Assert.Single(form.Validate(Forms.Json($$"""{"f":"{{value}}"}""")).Errors).Message);
    }

    [Fact]
    public void A_standard_format_that_throws_inside_JsonSchema_Net_is_a_failed_check_not_a_crash()
    {
        // JsonSchema.Net 8.0.5's relative-json-pointer throws FormatException on non-ASCII digits.
        var form = Forms.WithField("""{"format":"relative-json-pointer"}""");
        Assert.False(form.Validate(Forms.Json("""{"f":"١"}""")).IsValid);
    }
}
