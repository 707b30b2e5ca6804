using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Json.Schema;
using ProcedureForms.Definitions;
using ProcedureForms.Validation.Formats;

/// <summary>
/// Validations per second and bytes allocated per validation, through ProcedureForms and through raw JsonSchema.Net on
/// the same schema (plain 2020-12 $schema, the same format registry, formats asserted): the 児童手当 sample, and a plain
/// 2020-12 form of 42 fields (16 with formats, patterns, enums, a nested object and an array) in Forms/.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    [Params("jido-teate-nintei", "plain-40")]
    public string Form { get; set; } = "";

    private ProcedureForm _form = null!;
    private JsonSchema _raw = null!;
    private JsonElement _valid;
    private JsonElement _invalid;
    private static readonly EvaluationOptions RawFlag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true, FormatRegistry = FormFormats.Registry };
    private static readonly EvaluationOptions RawList = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true, FormatRegistry = FormFormats.Registry };

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var plainForm = Form == "plain-40";
        var formPath = plainForm
            ? Path.Combine(root, "tests", "ProcedureForms.Benchmarks", "Forms", "plain-40.json")
            : Path.Combine(root, "schemas", "forms", "jido-teate-nintei.json");
        _form = ProcedureForm.FromFile(formPath);
        var plain = JsonNode.Parse(File.ReadAllText(formPath))!.AsObject();
        plain["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        plain.Remove("$id");
        _raw = JsonSchema.FromText(plain.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var submissions = plainForm ? Path.Combine(root, "tests", "ProcedureForms.Benchmarks", "Forms") : Path.Combine(root, "samples", "jido-teate-nintei", "submissions");
        _valid = Read(Path.Combine(submissions, plainForm ? "plain-40-valid.json" : "valid.json"));
        _invalid = Read(Path.Combine(submissions, plainForm ? "plain-40-invalid.json" : "invalid-numbers.json"));
        if (!_form.Validate(_valid).IsValid || _form.Validate(_invalid).IsValid || !_raw.Evaluate(_valid, RawFlag).IsValid)
            throw new InvalidOperationException("The sample submissions do not behave as expected.");
    }

    [Benchmark(Baseline = true, Description = "raw JsonSchema.Net, valid (flag)")]
    public bool RawValid() => _raw.Evaluate(_valid, RawFlag).IsValid;

    [Benchmark(Description = "ProcedureForms, valid")]
    public bool FormValid() => _form.Validate(_valid).IsValid;

    [Benchmark(Description = "raw JsonSchema.Net, invalid (list output)")]
    public int RawInvalid() => _raw.Evaluate(_invalid, RawList).Details?.Count ?? 0;

    [Benchmark(Description = "ProcedureForms, invalid (worded errors)")]
    public int FormInvalid() => _form.Validate(_invalid).Errors.Count;

    private static JsonElement Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    internal static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProcedureForms.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
