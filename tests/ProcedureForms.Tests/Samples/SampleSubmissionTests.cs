using System.Text.Json;
using ProcedureForms.Definitions;

namespace ProcedureForms.Tests.Samples;

/// <summary>Every sample submission: the valid ones validate, each invalid one produces exactly the errors listed beside it.</summary>
public sealed class SampleSubmissionTests
{
    public static TheoryData<string, string> Submissions()
    {
        var data = new TheoryData<string, string>();
        foreach (var form in Directory.GetFiles(Path.Combine(Forms.RepoRoot, "samples"), "form.json", SearchOption.AllDirectories))
        {
            var folder = Path.Combine(Path.GetDirectoryName(form)!, "submissions");
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

    [Fact]
    public void The_sample_folder_has_a_valid_and_several_invalid_submissions()
    {
        var names = Submissions().Select(row => Path.GetFileName((string)row[1])).ToList();
        Assert.Contains("valid.json", names);
        Assert.True(names.Count(n => n.StartsWith("invalid-", StringComparison.Ordinal)) >= 3);
    }

    private sealed record Expected(string Pointer, string Keyword);
}
