using System.Globalization;
using ProcedureForms.Definitions;
using ProcedureForms.Japanese;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Tests.Rendering;
using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Validation.Dates;

/// <summary>
/// Date lines print the eras the schema admits, never a guess from the label, and validation refuses exactly the dates
/// a date line cannot write (fixtures beside this file).
/// </summary>
public sealed class DateLineTests
{
    private static readonly string Fixtures = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Validation", "Dates");


    private static ProcedureForm Load(string name) => ProcedureForm.FromFile(Path.Combine(Fixtures, name));

    private static string Submission(string birthDate, string movedOn) =>
        $$"""{"name":"板橋 花子","birthDate":"{{birthDate}}","movedOn":"{{movedOn}}"}""";

    /// <summary>Every era boundary (its first and last day), the first of every month from 1900, and today.</summary>
    private static IEnumerable<DateOnly> DatesFrom1900ToToday()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        for (var d = new DateOnly(1900, 1, 1); d <= today; d = d.AddMonths(1)) yield return d;
        foreach (var era in JapaneseEra.All)
        {
            yield return era.Start;
            if (era.End is { } end) yield return end;
        }
        yield return today;
    }

    [Fact]
    public void Regression_a_plain_form_without_eras_refused_valid_showa_and_heisei_dates_from_1900_to_today()
    {
        // Regression: the date line printed 令和 only (or 昭和・平成・令和 when the label said 生年月日), so the print check,
        // on by default in validate, refused 「元号（平成）はこの様式の日付欄に印字されていません」 for valid dates.
        var form = Load("plain-era-date-without-bounds.json");
        var refused = new List<string>();
        foreach (var date in DatesFrom1900ToToday().Where(d => d >= JapaneseEra.Meiji.Start || d.Year == 1900))
        {
            var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var report = form.Validate(Submission(JapaneseDate.Format(date), iso), Forms.Printing);
            if (!report.IsPrintable) refused.Add($"{iso}: {string.Join(" ", report.Errors.Select(e => e.Message))}");
        }
        Assert.Empty(refused);
        Assert.Equal(["明治", "大正", "昭和", "平成", "令和"], form.Fields.Single(f => f.Name == "birthDate").Eras);
        Assert.Equal(["明治", "大正", "昭和", "平成", "令和"], form.Fields.Single(f => f.Name == "movedOn").Eras);
    }

    [Theory]
    [InlineData("1900-01-01", "明治", "33")]
    [InlineData("1926-12-24", "大正", "15")]
    [InlineData("1989-01-07", "昭和", "64")]
    [InlineData("2019-04-30", "平成", "31")]
    [InlineData("2019-05-01", "令和", "元")]
    public void A_plain_form_prints_the_date_in_its_era_with_the_era_circled(string iso, string era, string year)
    {
        var form = Load("plain-era-date-without-bounds.json");
        using var submission = System.Text.Json.JsonDocument.Parse(Submission("昭和50年1月1日", iso));
        var pdf = FormRenderer.Render(form, submission.RootElement, new RenderOptions { Municipality = "板橋区" });
        var blank = FormRenderer.Render(form, null, new RenderOptions { Municipality = "板橋区" });
        var text = GoldenRenderingTests.TextWithPositions(pdf);
        var line = text.Split('\n').Where(l => l.EndsWith(' ' + year, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(line);
        // The same sheet blank or filled: every era is printed on both.
        foreach (var name in JapaneseEra.All.Select(e => e.Name))
        {
            Assert.Contains(name, GoldenRenderingTests.TextWithPositions(blank), StringComparison.Ordinal);
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
        Assert.Contains(era, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1872-12-31", "明治6年1月1日から令和99年12月31日までの日付")]
    [InlineData("2118-01-01", "明治6年1月1日から令和99年12月31日までの日付")]
    public void A_date_no_era_date_line_can_write_is_the_residents_error_when_printing(string iso, string expected)
    {
        var form = Load("plain-era-date-without-bounds.json");
        var error = Assert.Single(form.Validate(Submission("昭和50年1月1日", iso), Forms.Printing).Errors);
        Assert.Equal(("/movedOn", "eras"), (error.Pointer, error.Keyword));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        // JSON Schema alone (no print check) admits it, as the test suite requires for a plain 2020-12 schema.
        Assert.True(form.Validate(Submission("昭和50年1月1日", iso)).IsValid);
    }

    [Fact]
    public void Lint_says_which_eras_it_chose_for_a_date_without_eras_or_bounds()
    {
        var findings = FormLinter.Lint(Load("plain-era-date-without-bounds.json"));
        var info = Assert.Single(findings, f => f.Pointer == "/properties/movedOn");
        Assert.Equal((LintSeverity.Info, "date-eras"), (info.Severity, info.Code));
        Assert.Contains("明治・大正・昭和・平成・令和を印字します", info.Message, StringComparison.Ordinal);
        Assert.Contains("明治6年1月1日から令和99年12月31日まで", info.Message, StringComparison.Ordinal);
        Assert.False(FormLinter.HasErrors(findings));
    }

    [Fact]
    public void Eras_come_from_the_bounds_carried_through_the_fields_they_name()
    {
        var form = Load("bounded-dates.json");
        string Eras(string name) => string.Join("・", form.Fields.SelectMany(f => f.Fields.Prepend(f)).First(f => f.Pointer == name || f.Pointer == "/" + name).Eras);
        Assert.Equal("令和", Eras("applicationDate"));                       // formatMinimum 2019-05-01
        Assert.Equal("平成・令和", Eras("/child/birthDate"));                 // at most 5 on the fiscal year's end before a 令和 date
        Assert.Equal("令和", Eras("startDate"));                             // not before the application date
        Assert.Equal("明治・大正・昭和・平成・令和", Eras("guardianBirthDate")); // only an upper bound
        Assert.Equal("明治・大正・昭和・平成・令和", Eras("afterOptional"));     // the date it names may be absent: no bound
        Assert.Equal("平成", Eras("heiseiOnly"));
    }

    [Fact]
    public void A_bound_is_the_residents_error_with_the_date_in_wareki()
    {
        var form = Load("bounded-dates.json");
        var report = form.Validate("""{"applicationDate":"2019-04-30","child":{"birthDate":"2019-01-01"},"heiseiOnly":"2019-05-01"}""");
        Assert.Contains(report.Errors, e => e.Pointer == "/applicationDate" && e.Keyword == "formatMinimum" && e.Message == "「申込日」は令和元年5月1日以降の日付を入力してください。");
        Assert.Contains(report.Errors, e => e.Pointer == "/heiseiOnly" && e.Keyword == "formatMaximum" && e.Message == "「平成の日付」は平成31年4月30日以前の日付を入力してください。");
        var english = form.Validate("""{"applicationDate":"2019-04-30","child":{"birthDate":"2019-01-01"}}""", new ValidationOptions { Language = MessageLanguage.English });
        Assert.Contains(english.Errors, e => e.Keyword == "formatMinimum" && e.Message.Contains("2019-05-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Declared_eras_hold_validation_to_them_so_what_validates_prints()
    {
        var form = Forms.WithField("""{"title":"生年月日","type":"string","format":"date","eras":["昭和","平成"]}""");
        var error = Assert.Single(form.Validate("""{"f":"2019-05-01"}""").Errors);
        Assert.Equal(("/f", "eras", "「生年月日」は昭和・平成の日付を入力してください（この様式の日付欄に印字されている元号です）。"), (error.Pointer, error.Keyword, error.Message));
        Assert.True(form.Validate("""{"f":"2019-04-30"}""", Forms.Printing).IsPrintable);
        Assert.True(form.Validate("""{"f":"1926-12-25"}""", Forms.Printing).IsPrintable);
    }

    [Fact]
    public void The_label_no_longer_decides_the_eras()
    {
        var birth = Forms.WithField("""{"title":"生年月日","type":"string","format":"date"}""");
        var other = Forms.WithField("""{"title":"異動日","type":"string","format":"date"}""");
        Assert.Equal(birth.Fields[0].Eras, other.Fields[0].Eras);
    }

    [Fact]
    public void A_lower_bound_after_the_upper_one_is_a_lint_error()
    {
        var form = Forms.WithField("""{"title":"日付","type":"string","format":"date","formatMinimum":"2020-01-01","formatMaximum":"2019-01-01"}""");
        Assert.Contains(FormLinter.Lint(form), f => f.Severity == LintSeverity.Error && f.Code == "contradictory-limits" && f.Pointer == "/properties/f/formatMinimum");
    }

    [Fact]
    public void A_bound_that_is_not_a_date_does_not_load()
    {
        var e = Assert.Throws<FormDefinitionException>(() => Forms.WithField("""{"title":"日付","type":"string","format":"date","formatMinimum":"yesterday"}"""));
        Assert.Contains("formatMinimum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_a_bound_before_meiji_crashed_the_japanese_message()
    {
        var form = Forms.WithField("""{"title":"日付","type":"string","format":"date","formatMinimum":"1800-01-01"}""");
        var error = Assert.Single(form.Validate("""{"f":"1799-12-31"}""").Errors, e => e.Keyword == "formatMinimum");
        Assert.Equal("「日付」は1800-01-01以降の日付を入力してください。", error.Message);
    }

    [Fact]
    public void Regression_a_plain_schema_narrowed_its_eras_by_vocabulary_keywords_it_does_not_evaluate()
    {
        // formatMinimum means nothing to plain 2020-12: the schema accepts 2018, so its date line must print 平成.
        var form = Forms.Inline("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"d":{"title":"日付","type":"string","format":"date","formatMinimum":"2019-05-01","eras":["令和"]}}}""");
        Assert.Equal(5, form.Fields[0].Eras.Count);
        Assert.True(form.Validate("""{"d":"2018-01-01"}""", Forms.Printing).IsPrintable);
    }

    [Fact]
    public void Regression_a_required_but_nullable_date_narrowed_the_eras_of_the_date_compared_with_it()
    {
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","type":"object","required":["applicationDate"],"properties":{
              "applicationDate":{"title":"届出日","type":["string","null"],"format":"date","eras":["令和"]},
              "moveOut":{"title":"転出日","type":"string","format":"date","dateNotBefore":"/applicationDate"}}}
            """);
        Assert.Equal(5, form.Fields.Single(f => f.Name == "moveOut").Eras.Count);
        Assert.True(form.Validate("""{"applicationDate":null,"moveOut":"2018-01-01"}""", Forms.Printing).IsPrintable);
    }

    [Fact]
    public void Regression_extreme_age_rules_and_references_crashed_load_and_validation()
    {
        var form = Forms.Inline("""
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","type":"object","required":["a"],"properties":{
              "a":{"title":"申請日","type":"string","format":"date","formatMaximum":"9999-12-31"},
              "b":{"title":"生年月日","type":"string","format":"date","ageOn":{"reference":"/a","on":"fiscalYearEnd","maximum":2147483647}},
              "c":{"title":"生年月日2","type":"string","format":"date","ageOn":{"reference":"/a","on":"previousFiscalYearEnd","maximum":5}}}}
            """);
        var report = form.Validate("""{"a":"0001-02-01","b":"0001-01-01","c":"0001-01-01"}""");
        Assert.Contains(report.Errors, e => e.Pointer == "/c" && e.Keyword == "ageOn");
    }

    [Fact]
    public void A_value_with_line_feeds_too_long_for_its_box_is_the_residents_to_shorten()
    {
        var form = Forms.WithField("""{"title":"備考","type":"string","maxLength":20}""");
        // Ten lines of one character (19 characters with the line feeds): more lines than a cell sized for 20 characters on one line holds.
        var value = string.Join("\\n", Enumerable.Repeat("國", 10));
        var report = form.Validate("{\"f\":\"" + value + "\"}", Forms.Printing);
        Assert.Empty(report.PrintProblems);
        Assert.All(report.Errors, e => Assert.Equal(("/f", "fit"), (e.Pointer, e.Keyword)));
    }
}
