using System.Text.Json;
using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Samples;

/// <summary>Every sample submission: the valid ones validate, each invalid one produces exactly the errors listed beside it.</summary>
public sealed class SampleSubmissionTests
{
    public static TheoryData<string, string> Submissions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (_, form, folder) in Forms.SampleForms())
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var submission in Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order())
                data.Add(Path.GetRelativePath(Forms.RepoRoot, form), Path.GetRelativePath(Forms.RepoRoot, submission));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Submissions))]
    public void Produces_exactly_the_listed_errors(string formPath, string submissionPath)
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, formPath));
        var report = form.Validate(File.ReadAllText(Path.Combine(Forms.RepoRoot, submissionPath)));
        var expectedFile = Path.Combine(Forms.RepoRoot, submissionPath[..^".json".Length] + ".expected.json");
        var expected = File.Exists(expectedFile)
            ? JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(expectedFile), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!
            : [];
        Assert.Equal(expected.Select(e => (e.Pointer, e.Keyword)).Order(), report.Errors.Select(e => (e.Pointer, e.Keyword)).Order());
        Assert.All(report.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Label)));
    }

    private static IEnumerable<string> CatalogIds() =>
        Directory.GetFiles(Path.Combine(Forms.RepoRoot, "schemas", "forms"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> CatalogForms() => [.. CatalogIds()];

    [Theory]
    [MemberData(nameof(CatalogForms))]
    public void Every_catalog_form_has_a_valid_and_at_least_three_invalid_submissions_with_their_errors(string id)
    {
        var folder = Path.Combine(Forms.RepoRoot, "samples", id, "submissions");
        var names = Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).ToList();
        Assert.Contains("valid.json", names);
        var invalid = names.Where(n => n!.StartsWith("invalid-", StringComparison.Ordinal) && !n.EndsWith(".expected.json", StringComparison.Ordinal)).ToList();
        Assert.True(invalid.Count >= 3, $"{id}: {invalid.Count} invalid submissions");
        Assert.All(invalid, n => Assert.Contains(n![..^".json".Length] + ".expected.json", names));
    }

    [Theory]
    [MemberData(nameof(CatalogForms))]
    public void Every_catalog_form_lints_clean(string id)
    {
        var form = ProcedureForm.FromFile(Path.Combine(Forms.RepoRoot, "schemas", "forms", id + ".json"));
        Assert.DoesNotContain(FormLinter.Lint(form), f => f.Severity == LintSeverity.Error);
    }

    [Fact]
    public void The_catalog_loads_as_one_catalog()
    {
        var catalog = FormCatalog.FromDirectory(Path.Combine(Forms.RepoRoot, "schemas", "forms"));
        Assert.Equal(CatalogIds().Count(), catalog.Forms.Length);
        Assert.NotNull(catalog.FindEffective("jido-teate-nintei", new DateOnly(2026, 11, 26)));
    }

    private sealed record Expected(string Pointer, string Keyword);
}
