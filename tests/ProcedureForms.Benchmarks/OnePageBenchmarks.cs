using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

/// <summary>
/// Issue 17's target: a warm one-page filled form (validation, layout and writing: the whole <c>FormRenderer.Render</c>
/// call a host makes) in at most 2 ms, now that the form's font stream is written from bytes made once.
/// Run: dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- --filter '*OnePage*'
/// </summary>
[MemoryDiagnoser]
public class OnePageBenchmarks
{
    private ProcedureForm _form = null!;
    private JsonElement _submission;

    [Params("inkan-toroku-shinsei", "kokuho-shikaku-shutoku")]
    public string Form { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = ValidationBenchmarks.FindRoot();
        _form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", Form + ".json"));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", Form, "submissions", "valid.json")));
        _submission = document.RootElement.Clone();
        if (FormRenderer.Layout(_form, _submission).Pages.Count != 1) throw new InvalidOperationException($"{Form} is not a one-page form.");
        FormRenderer.Render(_form, _submission); // fonts and the form's sheet made once, as in a host
    }

    [Benchmark(Description = "one filled page, warm")]
    public int Render() => FormRenderer.Render(_form, _submission).Length;
}
