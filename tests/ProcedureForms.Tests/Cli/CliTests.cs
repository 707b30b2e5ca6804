using System.Text.Json;
using ProcedureForms.Cli;

namespace ProcedureForms.Tests.Cli;

/// <summary>The procforms contract: exit codes, stdout/stderr split, and the --json shape.</summary>
public sealed class CliTests
{
    private static readonly string Sample = Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei");
    private static readonly string Form = Forms.ChildAllowancePath;

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Validate_valid_submission_exits_0()
    {
        var (code, stdout, stderr) = Run("validate", Form, Path.Combine(Sample, "submissions", "valid.json"));
        Assert.Equal(0, code);
        Assert.StartsWith("OK:", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Validate_invalid_submission_exits_1_with_one_line_per_error_on_stderr()
    {
        var (code, stdout, stderr) = Run("validate", Form, Path.Combine(Sample, "submissions", "invalid-numbers.json"));
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length); // four errors and the count
        Assert.Contains(lines, l => l.StartsWith("/claimant/myNumber: 「請求者・個人番号」", StringComparison.Ordinal));
        Assert.DoesNotContain("at ProcedureForms", stderr);
    }

    [Fact]
    public void Validate_json_writes_exactly_one_object_with_the_contract_fields()
    {
        var (code, stdout, stderr) = Run("validate", Form, Path.Combine(Sample, "submissions", "invalid-dates.json"), "--json", "--lang", "en");
        Assert.Equal(1, code);
        Assert.Empty(stderr);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(["valid", "errors", "printable", "printProblems"], root.EnumerateObject().Select(p => p.Name));
        Assert.False(root.GetProperty("valid").GetBoolean());
        var first = root.GetProperty("errors")[0];
        Assert.Equal(["pointer", "keyword", "label", "message"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Claimant › Date of birth", first.GetProperty("label").GetString());
    }

    [Fact]
    public void Validate_exits_3_when_the_submission_is_valid_but_the_form_cannot_print_it()
    {
        var submission = Path.GetTempFileName();
        File.WriteAllText(submission, File.ReadAllText(Path.Combine(Sample, "submissions", "valid.json")).Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal));
        var (code, _, stderr) = Run("validate", Form, submission);
        Assert.Equal(3, code);
        Assert.Contains("/claimant/name: 様式の問題で「請求者・氏名」を印刷できません", stderr);
        Assert.Contains("申請内容は正しいものの、この様式では1件の値を印刷できません", stderr);
        var (jsonCode, stdout, _) = Run("validate", Form, submission, "--json");
        Assert.Equal(3, jsonCode);
        using var report = JsonDocument.Parse(stdout);
        Assert.True(report.RootElement.GetProperty("valid").GetBoolean());
        Assert.False(report.RootElement.GetProperty("printable").GetBoolean());
        Assert.Equal("/claimant/name", report.RootElement.GetProperty("printProblems")[0].GetProperty("pointer").GetString());
        File.Delete(submission);
    }

    [Fact]
    public void Validate_json_of_a_valid_submission()
    {
        var (code, stdout, _) = Run("validate", Form, Path.Combine(Sample, "submissions", "valid.json"), "--json");
        Assert.Equal(0, code);
        Assert.Equal("""{"valid":true,"errors":[],"printable":true,"printProblems":[]}""", stdout.Trim());
    }

    [Fact]
    public void Unreadable_inputs_exit_2_without_stack_traces()
    {
        var missing = Run("validate", Form, "/nonexistent/submission.json");
        Assert.Equal(2, missing.Code);
        var notJson = Path.GetTempFileName();
        File.WriteAllText(notJson, "{ this is not json");
        var broken = Run("validate", Form, notJson);
        Assert.Equal(2, broken.Code);
        Assert.Contains("not valid JSON", broken.Err);
        var badForm = Run("validate", notJson, Path.Combine(Sample, "submissions", "valid.json"));
        Assert.Equal(2, badForm.Code);
        Assert.DoesNotContain("   at ", missing.Err + broken.Err + badForm.Err);
        File.Delete(notJson);
    }

    [Fact]
    public void Wrong_usage_exits_2()
    {
        Assert.Equal(2, Run("validate", Form).Code);
        Assert.Equal(2, Run("validate", Form, Form, "--lang", "fr").Code);
    }

    [Fact]
    public void Lint_exits_0_for_a_good_form_and_1_with_pointers_for_a_bad_one()
    {
        Assert.Equal(0, Run("lint", Form).Code);
        var bad = Path.GetTempFileName();
        File.WriteAllText(bad, """{"properties":{"a":{"format":"jp-mynumber"},"b":{"$ref":"#/$defs/none"}}}""");
        var (code, _, stderr) = Run("lint", bad);
        Assert.Equal(1, code);
        Assert.Contains("/properties/a/format: Unknown format 'jp-mynumber'", stderr);
        Assert.Contains("/properties/b/$ref:", stderr);
        File.Delete(bad);
    }

    [Fact]
    public void Pathological_pattern_is_answered_through_the_cli()
    {
        var (code, _, stderr) = Run("validate", Path.Combine(Forms.RepoRoot, "samples", "pathological", "form.json"), Path.Combine(Forms.RepoRoot, "samples", "pathological", "submission.json"));
        Assert.Equal(1, code);
        Assert.StartsWith("/code:", stderr);
    }
}
