using ProcedureForms.Japanese;

namespace ProcedureForms.Tests.Japanese;

public sealed class KanaAndPhoneTests
{
    [Theory]
    [InlineData("イタバシ ハナコ", true)]
    [InlineData("イタバシ　ハナコ", true)]
    [InlineData("ヴァイオレット", true)]
    [InlineData("オオノ ケンイチロウ", true)]
    [InlineData("ｲﾀﾊﾞｼ ﾊﾅｺ", false)] // half-width
    [InlineData("いたばし はなこ", false)] // hiragana
    [InlineData("板橋 花子", false)]
    [InlineData("イタバシ  ハナコ", false)] // two spaces
    [InlineData(" イタバシ", false)]
    [InlineData("イタバシ ", false)]
    [InlineData("", false)]
    public void Katakana_furigana(string value, bool valid) => Assert.Equal(valid, Kana.IsKatakana(value));

    [Theory]
    [InlineData("いたばし はなこ", true)]
    [InlineData("イタバシ", false)]
    public void Hiragana(string value, bool valid) => Assert.Equal(valid, Kana.IsHiragana(value));

    [Theory]
    [InlineData("03-3964-1111", true)]
    [InlineData("0339641111", true)]
    [InlineData("090-1234-5678", true)]
    [InlineData("09012345678", true)]
    [InlineData("080-1234-5678", true)]
    [InlineData("070-1234-5678", true)]
    [InlineData("050-1234-5678", true)]
    [InlineData("0120-123-456", true)]
    [InlineData("0800-123-4567", true)]
    [InlineData("090-1234-567", false)] // mobile needs 11 digits
    [InlineData("03-3964-11111", false)] // fixed line is 10 digits
    [InlineData("0120-123-4567", false)] // 0120 is 10 digits
    [InlineData("3-3964-1111", false)] // must start with 0
    [InlineData("03--3964-1111", false)]
    [InlineData("-03-3964-1111", false)]
    [InlineData("03-3964-1111-", false)]
    [InlineData("+81-3-3964-1111", false)]
    [InlineData("090-12-345678", false)] // hyphens only between the number's own groups
    [InlineData("0339-64-1111", false)]
    [InlineData("０３-３９６４-１１１１", false)]
    public void Telephone_numbers(string value, bool valid) => Assert.Equal(valid, JapanesePhone.IsValid(value));

    [Fact]
    public void Telephone_formats_with_standard_groups() => Assert.Equal("090-1234-5678", JapanesePhone.Format("09012345678"));
}
