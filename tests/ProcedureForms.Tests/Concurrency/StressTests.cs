using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Concurrency;

/// <summary>
/// One catalog shared by every core doing mixed validate and render work on every catalog sample (valid and invalid, in
/// Japanese and English): each result must equal the single-threaded result for the same input.
/// </summary>
public sealed class StressTests
{
    private sealed record Job(ProcedureForm Form, string Submission, string Kind);

    private static string Outcome(Job job)
    {
        switch (job.Kind)
        {
            case "ja" or "en":
                var report = job.Form.Validate(job.Submission, new ValidationOptions
                {
                    Language = job.Kind == "en" ? MessageLanguage.English : MessageLanguage.Japanese,
                });
                return report.ToJson();
            default:
                using (var document = JsonDocument.Parse(job.Submission))
                {
                    try
                    {
                        return Convert.ToHexString(SHA256.HashData(FormRenderer.Render(job.Form, document.RootElement, new RenderOptions { Municipality = "板橋区" })));
                    }
                    catch (SubmissionInvalidException e)
                    {
                        return "invalid " + e.Report.ToJson();
                    }
                    catch (PrintCheckException e)
                    {
                        return "print " + string.Join("|", e.Errors);
                    }
                }
        }
    }

    [Fact]
    public void Mixed_work_on_all_cores_gives_the_single_threaded_results()
    {
        var catalog = FormCatalog.BuiltIn;
        var jobs = new List<Job>();
        foreach (var (id, _, folder) in Forms.SampleForms().Where(f => f.FormPath.Contains("schemas", StringComparison.Ordinal)))
        {
            var form = catalog.Versions(id).Last();
            foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                foreach (var kind in (string[])["ja", "en", "render"])
                    jobs.Add(new Job(form, File.ReadAllText(file), kind));
        }
        Assert.True(jobs.Count > 60, $"only {jobs.Count} jobs");
        var expected = jobs.Select(Outcome).ToList(); // single-threaded

        const int Operations = 4_000;
        var mismatches = new ConcurrentBag<string>();
        Parallel.For(0, Operations, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount * 4) }, i =>
        {
            var index = (int)((i * 7919L) % jobs.Count); // a spread, so neighbours do different work
            var actual = Outcome(jobs[index]);
            if (actual != expected[index]) mismatches.Add($"{jobs[index].Kind} #{index}");
        });
        Assert.Empty(mismatches);
    }
}
