using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Validation;

/// <summary>Every 2020-12 assertion keyword (and ours) has a Japanese message that names the label and the limit.</summary>
public sealed class KeywordMessageTests
{
    [Theory]
    [InlineData("""{"title":"氏名","type":"string","maxLength":30}""", "\"あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみ\"", "maxLength", "「氏名」は30文字以内で入力してください（現在32文字）。")]
    [InlineData("""{"title":"氏名","type":"string","minLength":2}""", "\"あ\"", "minLength", "「氏名」は2文字以上で入力してください（現在1文字）。")]
    [InlineData("""{"title":"氏名","type":"string","minLength":1}""", "\"\"", "minLength", "「氏名」を入力してください。")]
    [InlineData("""{"title":"郵便番号","type":"string","format":"jp-postal-code"}""", "\"1234-567\"", "format", "「郵便番号」は 123-4567 の形式で入力してください。")]
    [InlineData("""{"title":"人数","type":"integer"}""", "\"三人\"", "type", "「人数」は整数にしてください。")]
    [InlineData("""{"title":"人数","type":["integer","null"]}""", "\"三人\"", "type", "「人数」は整数または空欄にしてください。")]
    [InlineData("""{"title":"性別","enum":["male","female"],"enumLabels":{"male":"男","female":"女"}}""", "\"x\"", "enum", "「性別」は次のいずれかを選んでください：男、女")]
    [InlineData("""{"title":"同意","const":true}""", "false", "const", "「同意」にチェックを入れてください。")]
    [InlineData("""{"title":"区分","const":"new"}""", "\"old\"", "const", "「区分」は「new」としてください。")]
    [InlineData("""{"title":"部数","type":"integer","multipleOf":5}""", "7", "multipleOf", "「部数」は5の倍数で入力してください。")]
    [InlineData("""{"title":"部数","type":"integer","maximum":10}""", "11", "maximum", "「部数」は10以下で入力してください。")]
    [InlineData("""{"title":"部数","type":"integer","exclusiveMaximum":10}""", "10", "exclusiveMaximum", "「部数」は10未満で入力してください。")]
    [InlineData("""{"title":"部数","type":"integer","minimum":1}""", "0", "minimum", "「部数」は1以上で入力してください。")]
    [InlineData("""{"title":"部数","type":"integer","exclusiveMinimum":0}""", "0", "exclusiveMinimum", "「部数」は0より大きい値で入力してください。")]
    [InlineData("""{"title":"記号","type":"string","pattern":"^[A-Z]{2}$"}""", "\"abc\"", "pattern", "「記号」の形式が正しくありません。")]
    [InlineData("""{"title":"記号","type":"string","pattern":"^[A-Z]{2}$","examples":["AB"]}""", "\"abc\"", "pattern", "「記号」は AB の形式で入力してください。")]
    [InlineData("""{"title":"希望施設","type":"array","maxItems":3}""", "[1,2,3,4]", "maxItems", "「希望施設」は3件以内で入力してください（現在4件）。")]
    [InlineData("""{"title":"希望施設","type":"array","minItems":2}""", "[1]", "minItems", "「希望施設」は2件以上入力してください（現在1件）。")]
    [InlineData("""{"title":"委任する事項","type":"array","items":{"enum":["a","b"]},"uniqueItems":true,"minItems":1}""", "[]", "minItems", "「委任する事項」を選んでください（1つ以上）。")]
    [InlineData("""{"title":"希望施設","type":"array","uniqueItems":true}""", "[\"a\",\"a\"]", "uniqueItems", "「希望施設」に同じ内容が重複しています。")]
    [InlineData("""{"title":"世帯員","type":"array","contains":{"const":"本人"}}""", "[\"子\"]", "contains", "「世帯員」に条件を満たすものが1件以上必要です（現在0件）。")]
    [InlineData("""{"title":"世帯員","type":"array","contains":{"const":"本人"},"minContains":2}""", "[\"本人\"]", "contains", "「世帯員」に条件を満たすものが2件以上必要です（現在1件）。")]
    [InlineData("""{"title":"世帯員","type":"array","contains":{"const":"本人"},"maxContains":1}""", "[\"本人\",\"本人\"]", "contains", "「世帯員」の条件を満たすものは1件以内にしてください（現在2件）。")]
    [InlineData("""{"title":"備考","type":"object","maxProperties":1}""", "{\"a\":1,\"b\":2}", "maxProperties", "「備考」の項目は1個以内にしてください（現在2個）。")]
    [InlineData("""{"title":"備考","type":"object","minProperties":2}""", "{\"a\":1}", "minProperties", "「備考」は2個以上の項目を入力してください（現在1個）。")]
    [InlineData("""{"title":"備考","type":"object","propertyNames":{"maxLength":2}}""", "{\"abc\":1}", "propertyNames", "「備考」に使えない項目名があります。")]
    [InlineData("""{"title":"区分","not":{"const":"x"}}""", "\"x\"", "not", "「区分」にこの内容は入力できません。")]
    [InlineData("""{"title":"連絡先","oneOf":[{"type":"string"},{"maxLength":5}]}""", "\"abc\"", "oneOf", "「連絡先」は条件のうち一つだけに当てはまるように入力してください。")]
    [InlineData("""{"title":"区分","oneOf":[{"const":"a","title":"新規"},{"const":"b","title":"更新"}]}""", "\"c\"", "oneOf", "「区分」は次のいずれかを選んでください：新規、更新")]
    [InlineData("""{"title":"回数","anyOf":[{"type":"integer","minimum":10},{"type":"integer","maximum":0}]}""", "5", "minimum", "「回数」は10以上で入力してください。")]
    [InlineData("""false""", "1", "false", "「f」は入力できません。")]
    public void Japanese_message_names_the_label_and_the_limit(string field, string value, string keyword, string expected)
    {
        var form = Forms.WithField(field);
        var report = form.Validate(Forms.Json($$$"""{"f":{{{value}}}}"""));
        var error = Assert.Single(report.Errors);
        Assert.Equal(keyword, error.Keyword);
        Assert.Equal("/f", error.Pointer);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Required_is_reported_at_the_missing_property_with_its_own_label()
    {
        var form = Forms.Inline("""{"$schema":"https://procedureforms.dev/schema/2026-11/form","type":"object","properties":{"applicant":{"title":"申請者","type":"object","required":["name"],"properties":{"name":{"title":"氏名"}}}}}""");
        var error = Assert.Single(form.Validate(Forms.Json("""{"applicant":{}}""")).Errors);
        Assert.Equal(("/applicant/name", "required", "申請者・氏名", "「申請者・氏名」を入力してください。"), (error.Pointer, error.Keyword, error.Label, error.Message));
    }

    [Fact]
    public void DependentRequired_names_both_fields()
    {
        var form = Forms.Inline("""{"type":"object","dependentRequired":{"agent":["agentPhone"]},"properties":{"agent":{"title":"代理人"},"agentPhone":{"title":"代理人電話番号"}}}""");
        var error = Assert.Single(form.Validate(Forms.Json("""{"agent":"x"}""")).Errors);
        Assert.Equal(("/agentPhone", "dependentRequired"), (error.Pointer, error.Keyword));
        Assert.Equal("「代理人」を入力した場合は、「代理人電話番号」も入力してください。", error.Message);
    }

    [Fact]
    public void AdditionalProperties_false_names_the_unknown_field()
    {
        var form = Forms.Inline("""{"title":"申請書","type":"object","properties":{"a":{"title":"A"}},"additionalProperties":false}""");
        var error = Assert.Single(form.Validate(Forms.Json("""{"zzz":1}""")).Errors);
        // Reported where it is, with a count, never by name: property names not in the form come from the submission.
        Assert.Equal(("", "additionalProperties", "「申請書」にこの申請書にない項目があります（1件）。"), (error.Pointer, error.Keyword, error.Message));
        Assert.DoesNotContain("zzz", error.Pointer + error.Label + error.Message);
    }

    [Fact]
    public void UnevaluatedProperties_false_names_the_unknown_field()
    {
        var form = Forms.Inline("""{"type":"object","allOf":[{"properties":{"a":{"title":"A"}}}],"unevaluatedProperties":false}""");
        var error = Assert.Single(form.Validate(Forms.Json("""{"a":1,"b":2}""")).Errors);
        Assert.Equal(("", "unevaluatedProperties"), (error.Pointer, error.Keyword));
    }

    [Fact]
    public void UnevaluatedItems_false_names_the_extra_row()
    {
        var form = Forms.Inline("""{"type":"object","properties":{"rows":{"title":"明細","type":"array","prefixItems":[{"type":"integer"}],"unevaluatedItems":false}}}""");
        var error = Assert.Single(form.Validate(Forms.Json("""{"rows":[1,2]}""")).Errors);
        Assert.Equal(("/rows/1", "unevaluatedItems", "「明細（2）」は入力できない行です。"), (error.Pointer, error.Keyword, error.Message));
    }

    [Fact]
    public void Nested_array_fields_are_labelled_with_the_row_number()
    {
        var form = Forms.Inline("""{"type":"object","properties":{"children":{"title":"児童","type":"array","items":{"type":"object","properties":{"name":{"title":"氏名","maxLength":2}}}}}}""");
        var error = Assert.Single(form.Validate(Forms.Json("""{"children":[{"name":"ab"},{"name":"abc"}]}""")).Errors);
        Assert.Equal(("/children/1/name", "児童（2）・氏名"), (error.Pointer, error.Label));
    }

    [Fact]
    public void English_messages_on_request_use_titleEn()
    {
        var form = Forms.WithField("""{"title":"氏名","titleEn":"Name","type":"string","maxLength":3}""");
        var error = Assert.Single(form.Validate(Forms.Json("""{"f":"abcd"}"""), new ValidationOptions { Language = MessageLanguage.English }).Errors);
        Assert.Equal(("Name", "Name must be at most 3 characters (now 4)."), (error.Label, error.Message));
    }

    [Fact]
    public void Untitled_fields_fall_back_to_the_property_name_and_english_falls_back_to_the_title()
    {
        var form = Forms.Inline("""{"type":"object","properties":{"a":{"title":"氏名","maxLength":1},"b":{"maxLength":1}}}""");
        var report = form.Validate(Forms.Json("""{"a":"xx","b":"yy"}"""), new ValidationOptions { Language = MessageLanguage.English });
        Assert.Equal(["氏名", "b"], report.Errors.Select(e => e.Label));
    }

    [Fact]
    public void Errors_come_in_the_order_of_the_form_not_of_evaluation()
    {
        var form = Forms.Inline("""{"type":"object","required":["c"],"properties":{"a":{"maxLength":1},"b":{"maxLength":1},"c":{}}}""");
        var report = form.Validate(Forms.Json("""{"b":"xx","a":"yy"}"""));
        Assert.Equal(["/a", "/b", "/c"], report.Errors.Select(e => e.Pointer));
    }

    [Fact]
    public void Messages_never_quote_the_submitted_value()
    {
        var form = Forms.WithField("""{"title":"個人番号","type":"string","format":"jp-my-number","enum":["123456789018"]}""");
        var report = form.Validate(Forms.Json("""{"f":"123456789019"}"""));
        Assert.NotEmpty(report.Errors);
        Assert.All(report.Errors, e => Assert.DoesNotContain("123456789019", e.Message));
    }
}
