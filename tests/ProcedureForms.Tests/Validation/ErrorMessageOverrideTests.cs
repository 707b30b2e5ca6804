using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Validation;

public sealed class ErrorMessageOverrideTests
{
    [Fact]
    public void Per_keyword_override_in_both_languages_with_placeholders()
    {
        var form = Forms.WithField("""
            {"title":"口座番号","type":"string","maxLength":7,"pattern":"^[0-9]+$",
             "errorMessage":{"maxLength":{"ja":"{label}は通帳の見開きにある{limit}桁の番号です。","en":"{label}: the {limit}-digit number in your passbook."}}}
            """);
        var submission = Forms.Json("""{"f":"12345678"}""");
        Assert.Equal("口座番号は通帳の見開きにある7桁の番号です。", Assert.Single(form.Validate(submission).Errors).Message);
        Assert.Equal("口座番号: the 7-digit number in your passbook.",
            Assert.Single(form.Validate(submission, new ValidationOptions { Language = MessageLanguage.English }).Errors).Message);
        // other keywords keep the built-in message
        Assert.Equal("「口座番号」の形式が正しくありません。", Assert.Single(form.Validate(Forms.Json("""{"f":"12a"}""")).Errors).Message);
    }

    [Fact]
    public void Title_is_the_fields_own_title_where_label_names_its_block_too()
    {
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"請求書","type":"object","properties":{"pension":{"title":"公的年金","type":"object","properties":{
              "amount":{"title":"年金額","type":"integer","maximum":10,"errorMessage":{"maximum":"「{title}」は{limit}円以下です（{label}）。"}}}}}}
            """);
        var error = Assert.Single(form.Validate("""{"pension":{"amount":11}}""").Errors);
        Assert.Equal("「年金額」は10円以下です（公的年金・年金額）。", error.Message);
    }

    [Fact]
    public void MessageTitle_names_the_field_in_messages_where_the_sheet_prints_a_shorter_title()
    {
        // From the designer's pass: a フリガナ printed above 世帯主 was 「転出先・フリガナ」 in messages.
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"転出届","type":"object","properties":{"destination":{"title":"転出先","type":"object",
              "required":["householderKana"],"properties":{"householder":{"title":"世帯主","type":"string","maxLength":20},
              "householderKana":{"title":"フリガナ","messageTitle":"世帯主フリガナ","type":"string","format":"jp-katakana","maxLength":20}}}}}
            """);
        var error = Assert.Single(form.Validate("""{"destination":{}}""").Errors);
        Assert.Equal("「転出先・世帯主フリガナ」を入力してください。", error.Message);
        Assert.Equal("フリガナ", form.Fields[0].Fields.Single(f => f.Name == "householderKana").Label); // the sheet keeps its title
    }

    [Fact]
    public void One_message_for_every_keyword_of_a_field()
    {
        var form = Forms.WithField("""{"type":"string","maxLength":2,"pattern":"^a","errorMessage":"別の書き方をしてください。"}""");
        Assert.All(form.Validate(Forms.Json("""{"f":"bbb"}""")).Errors, e => Assert.Equal("別の書き方をしてください。", e.Message));
    }

    [Fact]
    public void Missing_field_uses_the_required_message_of_the_field_itself()
    {
        var form = Forms.Inline("""
            {"type":"object","required":["consent"],
             "properties":{"consent":{"title":"同意","errorMessage":{"required":"課税状況の調査への同意が必要です。"}}}}
            """);
        var error = Assert.Single(form.Validate(Forms.Json("{}")).Errors);
        Assert.Equal(("/consent", "課税状況の調査への同意が必要です。"), (error.Pointer, error.Message));
    }

    [Fact]
    public void Override_on_anyOf_replaces_the_closest_branch()
    {
        var form = Forms.Inline("""
            {"type":"object","title":"振込先",
             "anyOf":[{"required":["kokin"]},{"required":["bank","account"]}],
             "errorMessage":{"anyOf":"公金受取口座を使うか、口座を記入してください。"}}
            """);
        var error = Assert.Single(form.Validate(Forms.Json("{}")).Errors);
        Assert.Equal(("", "anyOf", "公金受取口座を使うか、口座を記入してください。"), (error.Pointer, error.Keyword, error.Message));
    }

    [Fact]
    public void Without_override_anyOf_reports_the_closest_branch()
    {
        var form = Forms.Inline("""
            {"type":"object","properties":{"bank":{"title":"金融機関名"},"account":{"title":"口座番号"}},
             "anyOf":[{"required":["kokin","bank","account"]},{"required":["bank","account"]}]}
            """);
        Assert.Equal(["/account"], form.Validate(Forms.Json("""{"bank":"x"}""")).Errors.Select(e => e.Pointer));
    }
}
