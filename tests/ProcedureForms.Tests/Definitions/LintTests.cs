using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Definitions;

/// <summary>Lint as a gate: each design mistake is an error at its pointer (fixtures in Definitions/Lint/).</summary>
public sealed class LintTests
{
    private static readonly string Fixtures = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Definitions", "Lint");

    /// <summary>Each fixture is a form with one mistake; its name says which; the expected error is (pointer, code).</summary>
    public static TheoryData<string, string, string> Mistakes() => new()
    {
        { "misspelled-required.json", "/requried", "misspelled-keyword" },
        { "misspelled-maxlength.json", "/properties/name/maxLenght", "misspelled-keyword" },
        { "then-required-misspelled.json", "/then/required/0", "required-undeclared" },
        { "else-required-undeclared.json", "/else/required/0", "required-undeclared" },
        { "dependent-required-undeclared.json", "/dependentRequired/agent/0", "required-undeclared" },
        { "required-only-in-branch.json", "/required/1", "required-hidden-by-condition" },
        { "max-length-on-number.json", "/properties/age/maxLength", "keyword-without-effect" },
        { "rows-on-text.json", "/properties/name/rows", "keyword-without-effect" },
        { "form-keyword-below-root.json", "/properties/name/notes", "misplaced-keyword" },
        { "label-inside-if.json", "/if/properties/kind/enumLabels", "keyword-in-condition" },
        { "then-without-if.json", "/then", "branch-without-if" },
        { "const-condition-never-matches.json", "/if/properties/kind/const", "condition-never-matches" },
        { "boolean-condition-never-matches.json", "/if/properties/hasAgent/const", "condition-never-matches" },
        { "min-length-above-max.json", "/properties/name/minLength", "contradictory-limits" },
        { "minimum-above-maximum.json", "/properties/age/minimum", "contradictory-limits" },
        { "const-not-in-enum.json", "/properties/kind/const", "const-not-in-enum" },
        { "label-key-not-in-enum.json", "/properties/kind/enumLabels/renw", "label-for-missing-value" },
        { "duplicate-enum-value.json", "/properties/kind/enum/2", "duplicate-enum-value" },
        { "date-rule-on-text.json", "/properties/name/dateNotAfter", "rule-on-wrong-kind" },
        { "date-rule-targets-text.json", "/properties/birthDate/dateNotAfter", "rule-on-wrong-kind" },
        { "unprintable-title.json", "/properties/name/title", "unprintable-text" },
        { "unprintable-note.json", "/notes/0", "unprintable-text" },
        { "my-number-in-eleven-boxes.json", "/properties/myNumber/boxes", "boxes-length-mismatch" },
        { "boxes-fewer-than-max-length.json", "/properties/code/boxes", "boxes-too-few" },
        { "pages-overflow.json", "/pages", "pages-overflow" },
        { "seal-box-too-small.json", "/properties/agent/sealBox/size", "seal-box-too-small" },
        { "application-date-field-missing.json", "/applicationDateField", "reference-missing" },
        { "keyword-in-branch.json", "/then/properties/agent/signature", "keyword-in-branch" },
        { "application-date-field-not-a-date.json", "/applicationDateField", "rule-on-wrong-kind" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_mistake_is_an_error_at_its_pointer(string fixture, string pointer, string code)
    {
        var form = ProcedureForm.FromFile(Path.Combine(Fixtures, fixture));
        var findings = FormLinter.Lint(form);
        Assert.Contains(findings, f => f.Severity == LintSeverity.Error && f.Pointer == pointer && f.Code == code);
        Assert.True(FormLinter.HasErrors(findings));
    }

    [Fact]
    public void The_fixtures_are_otherwise_clean()
    {
        // Each fixture differs from clean.json by its one mistake: clean.json itself has no error.
        var clean = ProcedureForm.FromFile(Path.Combine(Fixtures, "clean.json"));
        Assert.DoesNotContain(FormLinter.Lint(clean), f => f.Severity == LintSeverity.Error);
    }

    [Fact]
    public void A_misspelling_names_the_keyword_it_resembles()
    {
        var finding = FormLinter.Lint(ProcedureForm.FromFile(Path.Combine(Fixtures, "misspelled-maxlength.json"))).Single(f => f.Code == "misspelled-keyword");
        Assert.Contains("maxLength", finding.Message);
    }

    [Fact]
    public void A_misspelled_required_name_suggests_the_field()
    {
        var finding = FormLinter.Lint(ProcedureForm.FromFile(Path.Combine(Fixtures, "then-required-misspelled.json"))).Single(f => f.Code == "required-undeclared");
        Assert.Contains("\"agent\"", finding.Message);
    }

    [Fact]
    public void A_table_column_too_narrow_for_its_scaffold_is_named_with_the_width_it_needs()
    {
        var findings = FormLinter.Lint(ProcedureForm.FromFile(Path.Combine(Fixtures, "narrow-date-column.json")));
        var finding = Assert.Single(findings, f => f.Code == "column-too-narrow");
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("/properties/members/items/properties/birthDate", finding.Pointer);
        Assert.Matches(@"width を \d+ mm 以上", finding.Message);
    }

    [Fact]
    public void Page_overflow_is_measured_in_millimetres()
    {
        var finding = FormLinter.Lint(ProcedureForm.FromFile(Path.Combine(Fixtures, "pages-overflow.json"))).Single(f => f.Code == "pages-overflow");
        Assert.Matches(@"\d+ mm あふれています", finding.Message);
    }

    [Fact]
    public void A_far_unknown_keyword_is_only_a_warning_and_x_keywords_are_the_designers()
    {
        var form = Forms.Inline("""{"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"テスト","properties":{"a":{"title":"A","type":"string","maxLength":5,"somethingElse":1,"x-owner":"戸籍住民課"}}}""");
        var findings = FormLinter.Lint(form);
        Assert.Contains(findings, f => f.Severity == LintSeverity.Warning && f.Code == "unknown-keyword" && f.Pointer == "/properties/a/somethingElse");
        Assert.DoesNotContain(findings, f => f.Pointer == "/properties/a/x-owner");
        Assert.False(FormLinter.HasErrors(findings));
    }

    [Fact]
    public void Meta_schema_errors_are_japanese_sentences_naming_the_allowed_values()
    {
        var e = Assert.Throws<FormDefinitionException>(() => Forms.Inline(
            """{"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"テスト","properties":{"a":{"title":"A","type":"strng"},"b":{"title":"B","type":"boolean","choiceStyle":"tik"},"c":{"title":"C","type":"string","minLength":"3"}}}"""));
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/a/type" && x.Message == "type に \"strng\" は使えません。string, number, integer, boolean, object, array, null のいずれかです。");
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/b/choiceStyle" && x.Message == "choiceStyle に \"tik\" は使えません。checkbox, circle, tick のいずれかです。");
        Assert.Contains(e.Errors, x => x.Pointer == "/properties/c/minLength" && x.Message == "minLength は整数で書いてください（文字列になっています）。");
        Assert.Equal(3, e.Errors.Count); // no echo from the other branch of type's anyOf
    }
}
