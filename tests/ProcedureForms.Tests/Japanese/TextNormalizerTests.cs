using System.Text.Json;
using ProcedureForms.Japanese;

namespace ProcedureForms.Tests.Japanese;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("１２３－４５６７", "123-4567")]
    [InlineData("ＡＢＣ　ｄｅｆ", "ABC　def")]
    [InlineData("ｲﾀﾊﾞｼ ﾊﾅｺ", "イタバシ ハナコ")]
    [InlineData("　板橋 花子 ", "板橋 花子")]
    [InlineData("欄", "欄")] // CJK compatibility ideograph U+F91D keeps its glyph
    [InlineData("葛\U000E0100", "葛\U000E0100")] // variation selector kept
    [InlineData("", "")]
    public void Normalizes_only_full_width_ascii_and_half_width_kana(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Normalizes_every_string_of_a_submission_into_a_copy()
    {
        using var document = JsonDocument.Parse("""{"a":"１２３","b":[" ｱ "],"c":{"d":1,"e":true,"f":null},"ｇ":"x"}""");
        var before = document.RootElement.GetRawText();
        var normalized = TextNormalizer.Normalize(document.RootElement)!;
        Assert.Equal("""{"a":"123","b":["ア"],"c":{"d":1,"e":true,"f":null},"ｇ":"x"}""", normalized.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(before, document.RootElement.GetRawText());
    }
}
