using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// Regression: <c>{"$ref": "#/properties/x"}</c> inside x passed lint, then validation overflowed the stack and killed
/// the process (exit 134). Such cycles are load errors now; recursion through properties or items still loads.
/// </summary>
public sealed class ReferenceCycleTests
{
    private static string Fixture(string name) => Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Hostile", name);

    [Theory]
    [InlineData("ref-cycle-self.json", "/properties/x")]
    [InlineData("ref-cycle-mutual.json", "/$defs/a")]
    public void A_reference_that_returns_to_itself_on_the_same_value_is_a_load_error(string fixture, string pointer)
    {
        var e = Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromFile(Fixture(fixture)));
        var error = Assert.Single(e.Errors);
        Assert.Equal(pointer, error.Pointer);
        Assert.Contains("循環", error.Message);
    }

    [Fact]
    public void Recursion_that_steps_into_the_value_loads_validates_and_prints()
    {
        var form = ProcedureForm.FromFile(Fixture("ref-recursion-tree.json"));
        // Regression: a fragment reference against a file's base URI escaped its # and named another file, so the model
        // of a form loaded from a file without $id lost every local $ref (labels fell back to property names).
        Assert.Equal("世帯主・子（1）・氏名", form.LabelOf("/root/children/0/name"));
        var nested = """{"root":{"name":"板橋 一郎","children":[{"name":"板橋 花子","children":[{"name":"板橋 葵","children":[]}]}]}}""";
        Assert.True(form.Validate(nested).IsValid);
        Assert.False(form.Validate("""{"root":{"children":[{"name":5}]}}""").IsValid);
        Assert.NotEmpty(ProcedureForms.Rendering.FormRenderer.Render(form, Forms.Json(nested)));
    }

    [Fact]
    public void The_cli_reports_the_cycle_and_lives()
    {
        var (code, _, stderr) = ProcedureForms.Tests.Cli.CliRunner.Run(["validate", Fixture("ref-cycle-self.json"), Path.Combine(Forms.RepoRoot, "samples", "plain", "submissions", "valid.json")]);
        Assert.Equal(2, code);
        Assert.Contains("/properties/x", stderr);
    }
}
