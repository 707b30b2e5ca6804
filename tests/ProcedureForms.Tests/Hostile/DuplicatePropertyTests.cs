using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Tests.Cli;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// Regression: a submission naming the claimant's 個人番号 twice was valid with 123456789018 (validation read the first)
/// and printed 999999999999 (rendering read the last), and render exited 0. Fixtures beside this file.
/// </summary>
public sealed class DuplicatePropertyTests
{
    private static readonly string Fixture = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Hostile", "duplicate-my-number.json");
    private static readonly ProcedureForm Form = ProcedureForm.FromFile(Forms.ChildAllowancePath);

    [Fact]
    public void Reading_the_submission_refuses_it_without_naming_the_field_or_the_value()
    {
        var e = Assert.Throws<SubmissionFormatException>(() => Form.Validate(File.ReadAllText(Fixture)));
        Assert.Contains("twice", e.Message);
        Assert.DoesNotContain("myNumber", e.Message);
        Assert.DoesNotContain("999999999999", e.Message);
    }

    [Fact]
    public void A_submission_parsed_elsewhere_is_invalid_and_is_not_printed()
    {
        using var lenient = JsonDocument.Parse(File.ReadAllText(Fixture)); // the default parser keeps both occurrences
        var report = Form.Validate(lenient.RootElement);
        var error = Assert.Single(report.Errors, e => e.Keyword == "duplicate");
        Assert.Equal("/claimant", error.Pointer);
        Assert.Equal("「請求者」の中に同じ項目が2回あります。各項目は1回だけ入力してください。", error.Message);
        var refused = Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Form, lenient.RootElement));
        Assert.Contains(refused.Report.Errors, e => e.Keyword == "duplicate" && e.Pointer == "/claimant");
        // Not even as a draft: which occurrence would be printed is exactly what cannot be decided.
        var draft = Assert.Throws<PrintCheckException>(() => FormRenderer.Render(Form, lenient.RootElement, new RenderOptions { Unvalidated = true }));
        Assert.Contains(draft.Errors, e => e.Keyword == "duplicate" && e.Pointer == "/claimant");
    }

    [Theory]
    [InlineData("""{"claimant":{"name":"a","n\u0061me":"b"}}""", "/claimant")] // the same name, once escaped
    [InlineData("""{"claimant":{"name":"a"},"children":[{"p1":1,"p2":2,"p3":3,"p4":4,"p5":5,"p6":6,"p7":7,"p8":8,"p9":9,"p10":10,"p11":11,"p12":12,"p13":13,"p14":14,"p15":15,"p16":16,"p17":17,"p3":0}]}""", "/children/0")] // past the pairwise check
    [InlineData("""{"claimant":{"name":"a","nam":"b","names":"c"}}""", null)] // prefixes of one another are different names
    public void Names_are_compared_as_text_however_they_are_written(string json, string? pointer)
    {
        using var lenient = JsonDocument.Parse(json);
        var duplicate = Form.Validate(lenient.RootElement).Errors.Where(e => e.Keyword == "duplicate").Select(e => e.Pointer).SingleOrDefault();
        Assert.Equal(pointer, duplicate);
    }

    [Fact]
    public void The_cli_refuses_it_in_validate_render_and_batch()
    {
        var (code, _, stderr) = CliRunner.Run(["validate", Forms.ChildAllowancePath, Fixture]);
        Assert.Equal(2, code);
        Assert.Contains("names a property twice", stderr);
        var pdf = Path.Combine(Path.GetTempPath(), $"procforms-{Guid.NewGuid():N}.pdf");
        Assert.Equal(2, CliRunner.Run(["render", Forms.ChildAllowancePath, Fixture, "-o", pdf]).Code);
        Assert.False(File.Exists(pdf));
        var folder = Directory.CreateTempSubdirectory("procforms-dup-").FullName;
        var input = Path.Combine(folder, "in.jsonl");
        File.WriteAllText(input, File.ReadAllText(Fixture).ReplaceLineEndings(" ") + "\n");
        var batch = CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", Path.Combine(folder, "out")]);
        Assert.Equal(1, batch.Code);
        Assert.Contains("0 printed, 1 rejected", batch.Out);
        var report = File.ReadAllText(Path.Combine(folder, "out", "rejected.jsonl"));
        Assert.Contains("twice", report);
        foreach (var output in (string[])[stderr, batch.Out, batch.Err, report])
            Assert.DoesNotContain("999999999999", output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_definition_with_a_keyword_twice_does_not_load()
    {
        var e = Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Hostile", "duplicate-keyword-form.json")));
        Assert.Contains("「maxLength」が1つのオブジェクトに2回あります", Assert.Single(e.Errors).Message);
    }
}
