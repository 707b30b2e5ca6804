using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Running;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

// dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- first-render      (a fresh process's first page)
// dotnet run -c Release --project tests/ProcedureForms.Benchmarks -- pages 1000       (under /usr/bin/time -v: peak memory)
// ... -- jsonl 10000 OUT.jsonl   (batch input: the sample submission varied; every 97th line invalid, every 1000th not JSON)
// ... -- phases FORM   (a warm one-page render, phase by phase)
// ... -- tagcost FORM 30   (issue 18: one form rendered with and without its structure tree, alternating rounds)
// ... -- mergecost 1000   (issue 18: the same for a merged print of the 児童手当 sample, bytes and time)
// ... -- writer-spike FORM   (issue 17: the cost of writing one filled page on each candidate PDF layer)
// ... -- template-spike FILE.pdf ...   (issue 17: a template's pages and AcroForm fields as PDFsharp reads them)
if (args is ["template-spike", .. var templates])
{
    TemplateSpike.Run(templates);
    return;
}
if (args is ["phases", var phaseForm])
{
    PhaseProfile.Run(phaseForm);
    return;
}
if (args is ["writer-spike", var spikeForm])
{
    WriterSpike.Run(spikeForm);
    return;
}
if (args is ["jsonl", var countText, var path])
{
    var root = ValidationBenchmarks.FindRoot();
    var template = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "samples", "jido-teate-nintei", "submissions", "valid.json")))!;
    using var writer = new StreamWriter(path);
    for (var i = 1; i <= int.Parse(countText); i++)
    {
        if (i % 1000 == 0)
        {
            writer.WriteLine("{\"applicationDate\": \"2026-11-26\", broken");
            continue;
        }
        var line = template.DeepClone();
        line["claimant"]!["name"] = $"板橋 花子{i}";
        line["children"]![0]!["name"] = $"板橋 一郎{i}";
        if (i % 97 == 0) line["claimant"]!["myNumber"] = "123456789019";
        writer.WriteLine(line.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
    return;
}
if (args is ["first-render"] or ["pages", _])
{
    var clock = Stopwatch.StartNew();
    var root = ValidationBenchmarks.FindRoot();
    var form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", "jido-teate-nintei.json"));
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", "jido-teate-nintei", "submissions", "valid.json")));
    var pages = args[0] == "pages" ? int.Parse(args[1]) : 1;
    var loaded = clock.Elapsed;
    using var output = File.Create(Path.Combine(Path.GetTempPath(), "procforms-benchmark.pdf"));
    FormRenderer.RenderMany(Enumerable.Repeat<(ProcedureForm, JsonElement?)>((form, document.RootElement), pages), output);
    Console.WriteLine($"{pages} document(s): form loaded in {loaded.TotalMilliseconds:F0} ms, rendered in {(clock.Elapsed - loaded).TotalMilliseconds:F0} ms, {output.Length:N0} bytes, " +
        $"{GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB allocated, {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections (gen 0/1/2)");
    return;
}
if (args is ["mergecost", var mergeCount, ..])
{
    var only = args.Length > 2 ? args[2] : null; // "tagged" or "untagged": one kind only, for a profiler
    var root = ValidationBenchmarks.FindRoot();
    var form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", "jido-teate-nintei.json"));
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", "jido-teate-nintei", "submissions", "valid.json")));
    var documents = Enumerable.Repeat<(ProcedureForm, JsonElement?)>((form, document.RootElement), int.Parse(mergeCount)).ToList();
    foreach (var round in Enumerable.Range(0, 4))
        foreach (var untagged in new[] { true, false })
        {
            if (only is not null && only != (untagged ? "untagged" : "tagged")) continue;
            using var output = new MemoryStream();
            var lap = Stopwatch.StartNew();
            FormRenderer.RenderMany(documents, output, new RenderOptions { Untagged = untagged });
            Console.WriteLine($"round {round} {(untagged ? "untagged" : "tagged  ")}: {lap.Elapsed.TotalMilliseconds:F0} ms, {output.Length:N0} bytes");
        }
    return;
}
if (args is ["tagcost", var tagForm, var tagRounds])
{
    var root = ValidationBenchmarks.FindRoot();
    var form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", tagForm + ".json"));
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", tagForm, "submissions", "valid.json")));
    var times = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
    for (var r = 0; r < int.Parse(tagRounds); r++)
        foreach (var untagged in new[] { false, true })
        {
            var options = new RenderOptions { Untagged = untagged };
            for (var w = 0; w < 20; w++) FormRenderer.Render(form, document.RootElement, options);
            var lap = Stopwatch.StartNew();
            for (var i = 0; i < 200; i++) FormRenderer.Render(form, document.RootElement, options);
            times[untagged].Add(lap.Elapsed.TotalMilliseconds / 200);
        }
    double Median(List<double> l) => l.Order().ElementAt(l.Count / 2);
    Console.WriteLine($"{tagForm}: untagged {Median(times[true]):F3} ms, tagged {Median(times[false]):F3} ms, +{(Median(times[false]) / Median(times[true]) - 1) * 100:F1} % (medians of {tagRounds} alternating rounds of 200); " +
        $"fastest rounds {times[true].Min():F3} / {times[false].Min():F3} ms, +{(times[false].Min() / times[true].Min() - 1) * 100:F1} %");
    return;
}
// ... -- each 1000 2   (FormRenderer.RenderEach: 1,000 documents on 2 threads, each its own PDF; wall time)
if (args is ["each", var countText2, var threadsText, ..])
{
    var root = ValidationBenchmarks.FindRoot();
    var formId = args.Length > 3 ? args[3] : "jido-teate-nintei";
    var form = ProcedureForm.FromFile(Path.Combine(root, "schemas", "forms", formId + ".json"));
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", formId, "submissions", "valid.json")));
    var documents = Enumerable.Repeat<(ProcedureForm, JsonElement?)>((form, document.RootElement), int.Parse(countText2)).ToList();
    FormRenderer.Render(form, document.RootElement); // warm: fonts, the form's sheet
    var clock = Stopwatch.StartNew();
    long bytes = 0;
    if (threadsText == "rounds")
    {
        for (var round = 0; round < 5; round++)
        {
            var lap = Stopwatch.StartNew();
            foreach (var (f, d) in documents) bytes += FormRenderer.Render(f, d).Length;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            Console.WriteLine($"round {round}: {lap.Elapsed.TotalMilliseconds / documents.Count:F2} ms a document ({FormRenderer.Render(form, document.RootElement, null, out var pages).Length:N0} bytes, {pages} page(s)), {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0:F0} KB for one more");
        }
        return;
    }
    if (threadsText == "seq") foreach (var (f, d) in documents) bytes += FormRenderer.Render(f, d).Length;
    else foreach (var result in FormRenderer.RenderEach(documents, maxDegreeOfParallelism: int.Parse(threadsText))) bytes += result.Pdf!.Length;
    Console.WriteLine($"{documents.Count} documents on {threadsText} thread(s): {clock.Elapsed.TotalSeconds:F2} s, {bytes:N0} bytes");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ValidationBenchmarks).Assembly).Run(args);
