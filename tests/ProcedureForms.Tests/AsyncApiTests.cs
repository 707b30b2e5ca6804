using System.Text;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

namespace ProcedureForms.Tests;

/// <summary>The asynchronous entry points: same results as the synchronous ones, cancellation honoured.</summary>
public sealed class AsyncApiTests
{
    private static readonly string ValidJson = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"));

    [Fact]
    public async Task ValidateAsync_reads_a_stream_and_reports_as_Validate_does()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var invalid = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "invalid-numbers.json"));
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(invalid));
        var report = await form.ValidateAsync(stream);
        Assert.Equal(form.Validate(invalid).Errors, report.Errors);
        await using var broken = new MemoryStream(Encoding.UTF8.GetBytes("{\"claimant\": 個人番号123}"));
        var error = await Assert.ThrowsAsync<SubmissionFormatException>(() => form.ValidateAsync(broken));
        Assert.DoesNotContain("個人番号123", error.Message);
    }

    [Fact]
    public async Task RenderAsync_writes_the_same_bytes_and_a_cancelled_token_writes_nothing()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        await using var output = new MemoryStream();
        await FormRenderer.RenderAsync(form, Forms.Json(ValidJson), output);
        Assert.Equal(FormRenderer.Render(form, Forms.Json(ValidJson)), output.ToArray());
        await using var none = new MemoryStream();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FormRenderer.RenderAsync(form, Forms.Json(ValidJson), none, cancellationToken: new CancellationToken(true)));
        Assert.Equal(0, none.Length);
    }

    [Fact]
    public void RenderMany_stops_between_documents_when_cancelled()
    {
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        using var cancel = new CancellationTokenSource();
        var produced = 0;
        IEnumerable<(ProcedureForm, System.Text.Json.JsonElement?)> Documents()
        {
            for (var i = 0; i < 1000; i++)
            {
                if (++produced == 5) cancel.Cancel();
                yield return (form, Forms.Json(ValidJson));
            }
        }
        Assert.Throws<OperationCanceledException>(() => FormRenderer.RenderMany(Documents(), Stream.Null, null, cancel.Token));
        Assert.True(produced < 10, $"{produced} documents were produced after cancelling");
    }

    [Fact]
    public async Task Forms_and_catalogs_load_from_streams()
    {
        await using var stream = File.OpenRead(Forms.ChildAllowancePath);
        var form = await ProcedureForm.FromStreamAsync(stream);
        Assert.Equal("jido-teate-nintei", form.Id);
        var files = Directory.GetFiles(Path.Combine(Forms.RepoRoot, "schemas", "forms"), "*.json");
        var streams = files.Select(f => (Path.GetFileName(f), new Uri(f), (Stream)File.OpenRead(f))).ToList();
        try
        {
            var catalog = await FormCatalog.FromStreamsAsync(streams);
            Assert.Equal(files.Length, catalog.Forms.Length);
        }
        finally
        {
            foreach (var (_, _, s) in streams) await s.DisposeAsync();
        }
    }
}
