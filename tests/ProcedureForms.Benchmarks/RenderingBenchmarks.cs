using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

/// <summary>
/// Printing the 児童手当 sample: one filled page, and documents of 10 and 1,000 pages (one form per page) written to a
/// stream. Time per operation divided by the page count gives ms per page; allocations show whether memory stays flat.
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private ProcedureForm _form = null!;
    private JsonElement _submission;

    [Params(1, 10, 1000)]
    public int Pages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = ValidationBenchmarks.FindRoot();
        _form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", "jido-teate-nintei.json"));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", "jido-teate-nintei", "submissions", "valid.json")));
        _submission = document.RootElement.Clone();
        FormRenderer.Render(_form, _submission); // fonts loaded once per process, as in a host
    }

    [Benchmark(Description = "render filled pages")]
    public long Render()
    {
        using var output = new CountingStream();
        FormRenderer.RenderMany(Enumerable.Repeat<(ProcedureForm, JsonElement?)>((_form, _submission), Pages), output);
        return output.Length;
    }

    /// <summary>Counts bytes without keeping them, so the benchmark measures the renderer, not a growing buffer.</summary>
    private sealed class CountingStream : ProcedureForms.Rendering.Pdf.WriteOnlyStream
    {
        private long _length;
        protected override long Written => _length;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
