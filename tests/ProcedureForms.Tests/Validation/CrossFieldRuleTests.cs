namespace ProcedureForms.Tests.Validation;

public sealed class CrossFieldRuleTests
{
    private static readonly ProcedureForms.Definitions.ProcedureForm Children = Forms.Inline("""
        {"$schema":"https://procedureforms.dev/schema/2026-11/form","type":"object","properties":{
          "applicationDate":{"title":"申請日","type":"string","format":"date"},
          "children":{"title":"児童","type":"array","items":{"type":"object","properties":{
            "birthDate":{"title":"生年月日","type":"string",
              "dateNotAfter":"/applicationDate",
              "ageOn":{"reference":"/applicationDate","on":"previousFiscalYearEnd","maximum":17}},
            "registered":{"title":"届出日","type":"string","dateNotBefore":"1/birthDate"}}}}}}
        """);

    [Theory]
    [InlineData("2026-11-26", "2008-04-02", true)] // 18 on 2026-04-01: paid until 2027-03-31
    [InlineData("2026-11-26", "2008-04-01", false)] // 18 on 2026-03-31: paid until 2026-03-31
    [InlineData("2026-03-31", "2008-04-01", true)] // on that last day itself
    [InlineData("2026-11-26", "令和元年5月1日", true)] // era dates work as well
    [InlineData("2026-11-26", "2026-11-27", false)] // born after the application date
    public void Child_allowance_age_rule(string applicationDate, string birthDate, bool valid)
    {
        var report = Children.Validate(Forms.Json($$"""{"applicationDate":"{{applicationDate}}","children":[{"birthDate":"{{birthDate}}"}]}"""));
        Assert.Equal(valid, report.IsValid);
    }

    private static readonly ProcedureForms.Definitions.ProcedureForm MovingOut = Forms.Inline("""
        {"$schema":"https://procedureforms.dev/schema/2026-11/form","type":"object","required":["applicationDate"],"properties":{
          "applicationDate":{"title":"届出日","type":"string","format":"date","eras":["令和"]},
          "movingOn":{"title":"転出予定日","type":"string","format":"date",
            "dateNotBefore":{"reference":"/applicationDate","days":-14},
            "dateNotAfter":{"reference":"/applicationDate","days":14}}}}
        """);

    [Theory]
    [InlineData("2026-12-10", true)] // 14 days after the 届出日
    [InlineData("2026-12-11", false)]
    [InlineData("2026-11-12", true)] // 14 days before it
    [InlineData("2026-11-11", false)]
    public void A_date_within_days_of_another(string movingOn, bool valid) =>
        Assert.Equal(valid, MovingOut.Validate(Forms.Json($$"""{"applicationDate":"2026-11-26","movingOn":"{{movingOn}}"}""")).IsValid);

    [Fact]
    public void A_window_of_days_is_worded_with_the_days_and_bounds_the_printed_eras()
    {
        var late = Assert.Single(MovingOut.Validate(Forms.Json("""{"applicationDate":"2026-11-26","movingOn":"2026-12-11"}""")).Errors);
        Assert.Equal(("dateNotAfter", "「転出予定日」は「届出日」から14日後までの日付にしてください。"), (late.Keyword, late.Message));
        var early = Assert.Single(MovingOut.Validate(Forms.Json("""{"applicationDate":"2026-11-26","movingOn":"2026-11-11"}""")).Errors);
        Assert.Equal(("dateNotBefore", "「転出予定日」は「届出日」の14日前以降の日付にしてください。"), (early.Keyword, early.Message));
        // 14 days before a 令和 届出日 can still be 平成 (2019-04-17 .. ): both print.
        Assert.Equal(["平成", "令和"], MovingOut.Fields.Single(f => f.Name == "movingOn").Eras);
    }

    [Fact]
    public void Date_order_message_names_both_fields()
    {
        var error = Assert.Single(Children.Validate(Forms.Json("""{"applicationDate":"2026-11-26","children":[{"birthDate":"2026-12-01"}]}""")).Errors);
        Assert.Equal(("/children/0/birthDate", "dateNotAfter", "「児童（1）・生年月日」は「申請日」より後の日付にはできません。"), (error.Pointer, error.Keyword, error.Message));
    }

    [Fact]
    public void Age_message_names_the_reference_day()
    {
        var error = Assert.Single(Children.Validate(Forms.Json("""{"applicationDate":"2026-11-26","children":[{"birthDate":"2000-01-01"}]}""")).Errors);
        Assert.Equal("「児童（1）・生年月日」から計算した「申請日」の前年度末（3月31日）時点の年齢は17歳以下である必要があります。", error.Message);
    }

    [Fact]
    public void Relative_pointer_names_a_sibling_in_the_same_row()
    {
        var report = Children.Validate(Forms.Json("""{"applicationDate":"2026-11-26","children":[{"birthDate":"2020-01-01","registered":"2020-01-10"},{"birthDate":"2021-05-05","registered":"2021-05-01"}]}"""));
        var error = Assert.Single(report.Errors);
        Assert.Equal(("/children/1/registered", "dateNotBefore", "「児童（2）・届出日」は「児童（2）・生年月日」より前の日付にはできません。"), (error.Pointer, error.Keyword, error.Message));
    }

    [Fact]
    public void Rules_stay_silent_when_the_other_date_is_missing_or_unreadable()
    {
        Assert.True(Children.Validate(Forms.Json("""{"children":[{"birthDate":"2000-01-01"}]}""")).IsValid);
        var report = Children.Validate(Forms.Json("""{"applicationDate":"soon","children":[{"birthDate":"2000-01-01"}]}"""));
        Assert.Equal(["/applicationDate"], report.Errors.Select(e => e.Pointer)); // only the format error, no age verdict
    }

    [Theory]
    [InlineData("1976-01-01", false)] // 50 on the application date: 特定疾病名 required
    [InlineData("1986-11-27", false)] // 40 on 2026-11-26, the day before the 40th birthday
    [InlineData("1986-11-28", true)] // still 39
    [InlineData("1950-01-01", true)] // 76: first-category insured, no 特定疾病 needed
    public void Age_rule_drives_a_conditional_requirement(string birthDate, bool valid)
    {
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","type":"object","properties":{
              "applicationDate":{"type":"string","format":"date"},
              "birthDate":{"title":"生年月日","type":"string"},
              "disease":{"title":"特定疾病名","type":"string"}},
             "if":{"properties":{"birthDate":{"ageOn":{"reference":"/applicationDate","minimum":40,"maximum":64}}}},
             "then":{"required":["disease"]}}
            """);
        var report = form.Validate(Forms.Json($$"""{"applicationDate":"2026-11-26","birthDate":"{{birthDate}}"}"""));
        Assert.Equal(valid, report.IsValid);
        if (!valid) Assert.Equal(("/disease", "required"), (report.Errors[0].Pointer, report.Errors[0].Keyword));
    }

    [Fact]
    public void If_then_else_and_dependentRequired_behave_as_the_standard_says()
    {
        var form = Forms.Inline("""
            {"type":"object","properties":{"useKokin":{"type":"boolean"},"bank":{"title":"金融機関名"}},
             "if":{"properties":{"useKokin":{"const":true}},"required":["useKokin"]},
             "else":{"required":["bank"]},
             "dependentRequired":{"bank":["useKokin"]}}
            """);
        Assert.True(form.Validate(Forms.Json("""{"useKokin":true}""")).IsValid);
        Assert.Equal(["/bank"], form.Validate(Forms.Json("""{"useKokin":false}""")).Errors.Select(e => e.Pointer));
        Assert.Equal(["/useKokin"], form.Validate(Forms.Json("""{"bank":"x"}""")).Errors.Select(e => e.Pointer));
    }
}
