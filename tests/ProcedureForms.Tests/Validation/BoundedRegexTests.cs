using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Validation;

/// <summary>Regression: JsonSchema.Net's own pattern keyword takes 28 s for ^(a+)+$ against 30 a's and a '!'.</summary>
public sealed class BoundedRegexTests
{
    private static readonly string Evil = new string('a', 30) + "!";

    [Fact]
    public void Catastrophic_pattern_in_a_plain_schema_finishes_and_fails()
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "samples", "pathological", "form.json"));
        var report = form.Validate(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "pathological", "submission.json")));
        Assert.Equal(["/code"], report.Errors.Select(e => e.Pointer));
    }

    [Fact]
    public void PatternProperties_and_additionalProperties_use_the_bounded_engine()
    {
        var form = Forms.Inline("""{"patternProperties":{"^(a+)+$":{"type":"integer"}},"additionalProperties":{"type":"string"}}""");
        Assert.True(form.Validate(Forms.Json($$"""{"{{Evil}}":"text","aaaa":1}""")).IsValid);
        Assert.Equal([""], form.Validate(Forms.Json("""{"aaaa":"x"}""")).Errors.Select(e => e.Pointer));
    }

    [Fact]
    public void Backreferences_fall_back_to_a_timed_engine_and_still_work()
    {
        var form = Forms.WithField("""{"title":"記号","type":"string","pattern":"^(ab)\\1$"}""");
        Assert.True(form.Validate(Forms.Json("""{"f":"abab"}""")).IsValid);
        Assert.False(form.Validate(Forms.Json("""{"f":"abba"}""")).IsValid);
    }

    [Fact]
    public void A_timed_out_match_is_reported_on_the_field()
    {
        // A backreference forces the backtracking engine; nested quantifiers then run into the match timeout.
        var form = Forms.WithField("""{"title":"記号","type":"string","pattern":"^((a+)+)\\1x$"}""");
        var error = Assert.Single(form.Validate(Forms.Json($$"""{"f":"{{new string('a', 5000)}}!"}""")).Errors);
        Assert.Equal(("/f", "pattern", "「記号」の形式を確認できませんでした（入力が複雑すぎます）。"), (error.Pointer, error.Keyword, error.Message));
    }

    [Theory]
    [InlineData("^\\d{7}$", "1234567\n", false)] // $ is the very end in ECMA-262
    [InlineData("^a.b$", "a\rb", false)] // . excludes every line terminator
    [InlineData("^a.b$", "a-b", true)]
    [InlineData("^[^]$", "x", true)] // [^] matches anything
    [InlineData("^a[]$", "a", false)] // [] matches nothing
    public void ECMA_262_semantics_are_kept(string pattern, string value, bool valid)
    {
        var form = Forms.WithField($$"""{"type":"string","pattern":{{System.Text.Json.JsonSerializer.Serialize(pattern)}}}""");
        Assert.Equal(valid, form.Validate(Forms.Json($$"""{"f":{{System.Text.Json.JsonSerializer.Serialize(value)}}}""")).IsValid);
    }

    [Theory]
    [InlineData("(?i)abc")]
    [InlineData("a(?#comment)b")]
    [InlineData("\\aa")]
    public void DotNet_only_syntax_is_a_load_error_at_the_pattern(string pattern)
    {
        var e = Assert.Throws<FormDefinitionException>(() => Forms.WithField($$"""{"type":"string","pattern":{{System.Text.Json.JsonSerializer.Serialize(pattern)}}}"""));
        Assert.Equal("/properties/f/pattern", Assert.Single(e.Errors).Pointer);
    }

    [Fact]
    public void Digit_classes_are_ascii_as_in_ECMA_262()
    {
        var form = Forms.WithField("""{"type":"string","pattern":"^\\d{3}$"}""");
        Assert.True(form.Validate(Forms.Json("""{"f":"123"}""")).IsValid);
        Assert.False(form.Validate(Forms.Json("""{"f":"１２３"}""")).IsValid); // full-width digits are not \d in JSON Schema
    }
}
