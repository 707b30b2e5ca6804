using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

namespace ProcedureForms.Tests.Rendering;

/// <summary>
/// The library's parallel batch: each document its own PDF, results in input order, the same bytes whatever the number of
/// threads, and a document that cannot be printed is a result with its errors while the batch goes on.
/// </summary>
public sealed class RenderEachTests
{
    private static readonly ProcedureForm ChildAllowance = ProcedureForm.FromFile(Forms.ChildAllowancePath);

    private static JsonElement Sample(string form, string file) =>
        Forms.Json(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", form, "submissions", file)));

    private static List<(ProcedureForm, JsonElement?)> Documents()
    {
        var plain = Forms.SampleForms().Single(f => f.Name == "plain");
        var plainForm = ProcedureForm.FromFile(plain.FormPath);
        var valid = Sample("jido-teate-nintei", "valid.json");
        var invalid = Sample("jido-teate-nintei", "invalid-numbers.json");
        var plainValid = Forms.Json(File.ReadAllText(Path.Combine(plain.SubmissionsFolder, "valid.json")));
        return [(ChildAllowance, valid), (plainForm, plainValid), (ChildAllowance, invalid), (ChildAllowance, null), (plainForm, null), (ChildAllowance, valid)];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(0)]
    public void Results_come_in_input_order_with_the_bytes_of_a_sequential_run(int threads)
    {
        var documents = Documents();
        var results = FormRenderer.RenderEach(documents, maxDegreeOfParallelism: threads).ToList();
        Assert.Equal(Enumerable.Range(0, documents.Count), results.Select(r => r.Index));
        for (var i = 0; i < documents.Count; i++)
        {
            var (form, submission) = documents[i];
            if (i == 2)
            {
                Assert.False(results[i].Printed);
                Assert.Equal(form.Validate(submission!.Value).Errors.Select(e => (e.Pointer, e.Message)), results[i].Errors.Select(e => (e.Pointer, e.Message)));
                continue;
            }
            Assert.True(results[i].Printed, results[i].ToString());
            Assert.Empty(results[i].Errors);
            Assert.Equal(FormRenderer.Render(form, submission), results[i].Pdf);
            Assert.True(results[i].Pages > 0);
        }
    }

    [Fact]
    public void A_cancelled_batch_stops()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => FormRenderer.RenderEach(Documents(), cancellationToken: cancel.Token).ToList());
    }

    [Fact]
    public void A_caller_mistake_surfaces_as_itself_not_wrapped()
    {
        List<(ProcedureForm, JsonElement?)> documents = [(ChildAllowance, null), (null!, null), (ChildAllowance, null)];
        // As a sequential run: every earlier document's result first, then the mistake itself (not an AggregateException).
        var before = new List<BatchResult>();
        Assert.Throws<ArgumentNullException>(() =>
        {
            foreach (var result in FormRenderer.RenderEach(documents, maxDegreeOfParallelism: 2)) before.Add(result);
        });
        Assert.Equal([0], before.Select(r => r.Index));
        Assert.Throws<ArgumentOutOfRangeException>(() => FormRenderer.RenderEach(documents, maxDegreeOfParallelism: -1));
    }
}
