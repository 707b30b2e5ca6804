using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// Regression (found by <see cref="GeneratedInputTests"/>, seed 9mjd-RDV84R1): a number beyond decimal's range
/// (580925490732339453986191570484, 1e30) made JsonSchema.Net throw FormatException where it compares values (const,
/// enum, uniqueItems, and its own meta-schema's uniqueItems on "type"), so loading such a definition, or validating such
/// a submission against a form with one of those keywords, crashed instead of answering. Fixtures beside this file.
/// </summary>
public sealed class HugeNumberTests
{
    private static readonly string Folder = Path.Combine(Forms.RepoRoot, "tests", "ProcedureForms.Tests", "Hostile");
    private static readonly ProcedureForm Form = ProcedureForm.FromFile(Path.Combine(Folder, "huge-number-form.json"));

    [Fact]
    public void A_definition_with_one_is_refused_by_place()
    {
        var e = Assert.Throws<FormDefinitionException>(() => ProcedureForm.FromFile(Path.Combine(Folder, "huge-number-definition.json")));
        var error = Assert.Single(e.Errors);
        Assert.Equal("/type/3", error.Pointer);
        Assert.Contains("数値が大きすぎます", error.Message);
    }

    [Theory]
    [InlineData("""{"codes":[580925490732339453986191570484, 1]}""", "/codes")] // rows the form does not declare are named by the list
    [InlineData("""{"count":1e30}""", "/count")]
    [InlineData("""{"kind":-79228162514264337593543950336}""", "/kind")]
    public void A_submission_with_one_is_invalid_by_place_and_never_printed(string json, string pointer)
    {
        var report = Form.Validate(json);
        var error = Assert.Single(report.Errors);
        Assert.Equal((pointer, "number-range"), (error.Pointer, error.Keyword));
        Assert.StartsWith("「", error.Message);
        Assert.DoesNotContain("5809", error.Message); // the value is not repeated
        using var lenient = JsonDocument.Parse(json);
        Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Form, lenient.RootElement));
        Assert.Throws<PrintCheckException>(() => FormRenderer.Render(Form, lenient.RootElement, new RenderOptions { Unvalidated = true }));
    }

    [Theory]
    [InlineData("""{"codes":[79228162514264337593543950335, 1], "count": 5, "kind": 2}""")] // decimal.MaxValue itself
    [InlineData("""{"codes":[1e-20, 0.5]}""")]
    public void Numbers_within_range_are_compared_as_before(string json) => Assert.True(Form.Validate(json).IsValid);
}
