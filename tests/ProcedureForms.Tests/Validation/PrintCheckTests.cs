using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Validation;

public sealed class PrintCheckTests
{
    /// <summary>A font that draws 葛 and its first variation sequence, and nothing outside the BMP.</summary>
    private sealed class FakeFont : IGlyphCoverage
    {
        public string FontName => "Fake Mincho";
        public bool Covers(int codePoint) => codePoint <= 0xFFFF;
        public bool Covers(int baseCodePoint, int variationSelector) => baseCodePoint == '葛' && variationSelector == 0xE0100;
    }

    private static readonly ProcedureForms.Definitions.ProcedureForm Form =
        Forms.Inline("""{"type":"object","properties":{"name":{"title":"氏名"},"rows":{"title":"世帯員","type":"array","items":{"type":"object","properties":{"name":{"title":"氏名"}}}}}}""");

    [Fact]
    public void Character_missing_from_the_font_is_an_error_naming_field_and_character()
    {
        var report = Form.Validate(Forms.Json("""{"name":"𠮷田 太郎"}"""), new ValidationOptions { PrintCheck = new PrintCheck(new FakeFont()) });
        // The resident wrote the name rightly: a character the font lacks is the form's problem, reported apart.
        Assert.True(report.IsValid);
        Assert.False(report.IsPrintable);
        var error = Assert.Single(report.PrintProblems);
        Assert.Equal(("/name", "print"), (error.Pointer, error.Keyword));
        Assert.Equal("様式の問題で「氏名」を印刷できません：「𠮷」（U+20BB7）が印刷に使う書体（Fake Mincho）にありません。申請者の入力の誤りではありません。この字のある書体（IPAmj明朝など）を登録して印刷するか、手書きで補ってください。", error.Message);
    }

    [Fact]
    public void Variation_sequences_are_checked_as_sequences()
    {
        var check = new ValidationOptions { PrintCheck = new PrintCheck(new FakeFont()) };
        Assert.True(Form.Validate(Forms.Json("""{"name":"葛\uDB40\uDD00城"}"""), check).IsPrintable); // 葛 + U+E0100
        var error = Assert.Single(Form.Validate(Forms.Json("""{"name":"葛\uDB40\uDD01城"}"""), check).PrintProblems); // 葛 + U+E0101
        Assert.Contains("U+845B U+E0101", error.Message);
    }

    [Fact]
    public void Private_use_characters_are_refused_even_without_a_font()
    {
        var report = Form.Validate(Forms.Json("""{"rows":[{"name":"ok"},{"name":"高\uE000"}]}"""), new ValidationOptions { PrintCheck = PrintCheck.PrivateUseOnly });
        var error = Assert.Single(report.Errors);
        Assert.Equal(("/rows/1/name", "character"), (error.Pointer, error.Keyword));
        Assert.Equal(("/rows/1/name", "「世帯員（2）・氏名」に外字（私用領域の文字 U+E000）が含まれています。外字は印刷できません。"), (error.Pointer, error.Message));
    }

    [Fact]
    public void Print_check_is_off_unless_asked_for() =>
        Assert.True(Form.Validate(Forms.Json("""{"name":"\uE000"}""")).IsValid);

    [Fact]
    public void With_the_printing_font_validation_refuses_what_the_sheet_cannot_hold()
    {
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"届出書","type":"object","properties":{
              "birthDate":{"title":"生年月日","type":"string","format":"date","eras":["大正","昭和"]},
              "code":{"title":"整理番号","type":"string","maxLength":8,"boxes":4}}}
            """);
        var options = new ValidationOptions { PrintCheck = new PrintCheck(ProcedureForms.Rendering.Fonts.FontRegistry.Default.Get(ProcedureForms.Rendering.Fonts.FontRegistry.IpaexMincho)) };
        var report = form.Validate("""{"birthDate":"2020-05-01","code":"12345678"}""", options);
        // The value fits its maxLength: the form cannot print what it accepts, which is the form's problem.
        Assert.Contains(report.PrintProblems, e => e.Pointer == "/code" && e.Keyword == "print" && e.Message.Contains("4文字の枠") && e.Message.StartsWith("様式の問題で", StringComparison.Ordinal));
        Assert.DoesNotContain("12345678", string.Join("", report.Errors.Concat(report.PrintProblems).Select(e => e.Message))); // never the value
        // A date in an era the date line does not print is the resident's error, with or without the print check.
        Assert.Contains(report.Errors, e => e.Pointer == "/birthDate" && e.Keyword == "eras" && e.Message == "「生年月日」は大正・昭和の日付を入力してください（この様式の日付欄に印字されている元号です）。");
        var withoutPrintCheck = form.Validate("""{"birthDate":"2020-05-01","code":"12345678"}""");
        Assert.Equal(["/birthDate"], withoutPrintCheck.Errors.Select(e => e.Pointer));
    }
}
