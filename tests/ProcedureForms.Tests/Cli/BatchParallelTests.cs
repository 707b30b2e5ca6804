using System.Security.Cryptography;

namespace ProcedureForms.Tests.Cli;

/// <summary><c>batch --parallel N</c> writes the same files, report and counts as a sequential run.</summary>
public sealed class BatchParallelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("procforms-parallel-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parallel_output_is_byte_identical_to_sequential_output_in_input_order()
    {
        var valid = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")).ReplaceLineEndings(" ");
        var input = Path.Combine(_folder, "in.jsonl");
        File.WriteAllLines(input, Enumerable.Range(1, 40).Select(i => i % 9 == 0 ? "{broken" : i % 11 == 0 ? "" : valid.Replace("板橋 花子", $"板橋 花子{i}", StringComparison.Ordinal)));
        var runs = new[] { 1, 4, 7 }.Select(n =>
        {
            var output = Path.Combine(_folder, $"out-{n}");
            var run = CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output, "--parallel", n.ToString()]);
            var files = Directory.GetFiles(output, "*.pdf").Order(StringComparer.Ordinal)
                .Select(f => Path.GetFileName(f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
            return (run.Code, Summary: run.Out.Replace(output, "OUT", StringComparison.Ordinal), Files: string.Join("\n", files), Report: File.ReadAllText(Path.Combine(output, "rejected.jsonl")));
        }).ToList();
        Assert.Equal(1, runs[0].Code);
        Assert.Contains("40 line(s): 33 printed, 7 rejected", runs[0].Summary);
        foreach (var run in runs.Skip(1)) Assert.Equal(runs[0], run);
        Assert.Equal(2, CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", Path.Combine(_folder, "x"), "--parallel", "0"]).Code);
    }
}
