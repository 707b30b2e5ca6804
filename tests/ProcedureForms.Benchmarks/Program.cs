using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Running;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

// dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- first-render      (a fresh process's first page)
// dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- pages 1000       (under /usr/bin/time -v: peak memory)
if (args is ["first-render"] or ["pages", _])
{
    var clock = Stopwatch.StartNew();
    var root = ValidationBenchmarks.FindRoot();
    var form = ProcedureForm.FromFile(Path.Combine(root, "samples", "jido-teate", "form.json"));
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", "jido-teate", "submissions", "valid.json")));
    var pages = args[0] == "pages" ? int.Parse(args[1]) : 1;
    var loaded = clock.Elapsed;
    using var output = File.Create(Path.Combine(Path.GetTempPath(), "procforms-benchmark.pdf"));
    FormRenderer.RenderMany(Enumerable.Repeat<(ProcedureForm, JsonElement?)>((form, document.RootElement), pages), output);
    Console.WriteLine($"{pages} page(s): form loaded in {loaded.TotalMilliseconds:F0} ms, rendered in {(clock.Elapsed - loaded).TotalMilliseconds:F0} ms, {output.Length:N0} bytes");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ValidationBenchmarks).Assembly).Run(args);
