using ProcedureForms.Definitions;
using ProcedureForms.Tests.Cli;

namespace ProcedureForms.Tests.Hostile;

/// <summary>Regression: a <c>$dynamicRef</c> to nothing passed lint, then validate died with "internal error". Fixture beside this file.</summary>
public sealed class UnresolvedDynamicRefTests
{
    private static readonly string Fixture = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Hostile", "dynamic-ref-unresolved.json");

    [Fact]
    public void It_is_a_load_error_that_lint_reports()
    {
        var e = Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromFile(Fixture));
        var error = Assert.Single(e.Errors);
        Assert.Equal("/properties/a/$dynamicRef", error.Pointer);
        Assert.Contains("cannot be resolved", error.Message);
        var (code, _, stderr) = CliRunner.Run(["lint", Fixture]);
        Assert.Equal(1, code);
        Assert.Contains("$dynamicRef '#nowhere' cannot be resolved", stderr);
    }

    [Fact]
    public void A_dynamic_ref_to_a_dynamic_anchor_still_loads_and_validates()
    {
        const string Body = """ "title":"t","type":"object","$defs":{"n":{"$dynamicAnchor":"node","type":"integer"}},"properties":{"a":{"$dynamicRef":"#node"}}} """;
        var form = Forms.Inline("{\"$schema\":\"" + Forms.Dialect + "\"," + Body);
        Assert.True(form.Validate("""{"a":1}""").IsValid);
        Assert.False(form.Validate("""{"a":"x"}""").IsValid);
    }
}
