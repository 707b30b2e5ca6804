using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ProcedureForms.Cli;

namespace ProcedureForms.Tests.Cli;

/// <summary>
/// Regressions from the hostile-input probe: Ctrl+C or SIGTERM left 0- or 4,096-byte PDFs under their final names and
/// rejected.jsonl cut mid-record; re-running into the same folder mixed old PDFs with new; two 20 MB lines took a batch
/// to 945 MB.
/// </summary>
public sealed class BatchInterruptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("procforms-batch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string Valid = JsonSerializer.Serialize(
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"))).RootElement,
        new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private string Input(int lines, Func<int, string?>? line = null)
    {
        var path = Path.Combine(_folder, $"in-{lines}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(1, lines).Select(i => line?.Invoke(i) ?? Valid.Replace("板橋 花子", $"板橋 花子{i}", StringComparison.Ordinal)));
        return path;
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder, "line-*.pdf").ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [SkippableFact]
    public void A_signal_mid_batch_leaves_whole_files_a_readable_report_and_resume_finishes_it()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Sends SIGINT and SIGTERM with kill(1): POSIX only.");
        var input = Input(300, i => i % 7 == 0 ? "{\"broken\": " : null); // some rejected lines, so the report is written to
        var whole = Path.Combine(_folder, "whole");
        Assert.Equal(1, CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", whole]).Code);

        foreach (var signal in (string[])["INT", "TERM"])
        {
            var interrupted = Path.Combine(_folder, "interrupted-" + signal);
            var cli = typeof(CliApp).Assembly.Location; // procforms.dll beside the tests
            using var process = Process.Start(new ProcessStartInfo("dotnet", [cli, "batch", Forms.ChildAllowancePath, input, "-o", interrupted])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(SpinWait.SpinUntil(() => Directory.Exists(interrupted) && Directory.GetFiles(interrupted, "line-*.pdf").Length >= 10, TimeSpan.FromSeconds(60)), "the batch did not start printing");
            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString()])) kill.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the batch did not stop");

            Assert.Equal(ExitCodes.Cancelled, process.ExitCode);
            Assert.Contains("printed", stdout.Result); // the summary
            Assert.Contains("--resume continues", stderr.Result);
            Assert.Empty(Directory.GetFiles(interrupted, "*.partial"));
            var printed = Hashes(interrupted);
            Assert.InRange(printed.Count, 10, 299);
            var expected = Hashes(whole);
            foreach (var (name, hash) in printed) Assert.Equal(expected[name], hash); // every file under a final name is whole
            foreach (var record in File.ReadAllLines(Path.Combine(interrupted, "rejected.jsonl")))
                JsonDocument.Parse(record).Dispose(); // every record complete

            var resumed = CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", interrupted, "--resume"]);
            Assert.Equal(1, resumed.Code); // some lines are rejected, as in the whole run
            Assert.Contains("already done", resumed.Out);
            Assert.Equal(expected, Hashes(interrupted));
            Assert.Equal(
                File.ReadAllLines(Path.Combine(whole, "rejected.jsonl")).Order(),
                File.ReadAllLines(Path.Combine(interrupted, "rejected.jsonl")).Order());
        }
    }

    [Fact]
    public void A_fresh_run_refuses_a_folder_an_earlier_run_wrote_unless_told()
    {
        var input = Input(3);
        var output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output]).Code);
        var again = CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output]);
        Assert.Equal(2, again.Code);
        Assert.Contains("is not empty", again.Err);
        File.WriteAllText(Path.Combine(output, "line-00009.pdf"), "left over from a longer run");
        Assert.Equal(0, CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output, "--overwrite"]).Code);
        Assert.Equal(["line-00001.pdf", "line-00002.pdf", "line-00003.pdf"], Directory.GetFiles(output, "*.pdf").Select(Path.GetFileName).Order());
        Assert.Equal(2, CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "--merge", Path.Combine(_folder, "m.pdf"), "--resume"]).Code);
    }

    [Fact]
    public void Resume_drops_a_report_record_cut_short_and_does_that_line_again()
    {
        var input = Input(4, i => i is 2 or 3 ? "not json" : null);
        var output = Path.Combine(_folder, "out");
        Assert.Equal(1, CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output]).Code);
        var report = Path.Combine(output, "rejected.jsonl");
        var records = File.ReadAllLines(report);
        File.WriteAllText(report, records[0] + "\n" + records[1][..10]); // killed while writing line 3's record
        File.Delete(Path.Combine(output, "line-00004.pdf"));
        var resumed = CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output, "--resume"]);
        Assert.Contains("2 line(s): 1 printed, 1 rejected, 2 already done (1 of them rejected)", resumed.Out);
        Assert.Equal(1, resumed.Code);
        // Resuming a run whose only rejections came before the stop still says some lines were rejected.
        File.Delete(Path.Combine(output, "line-00004.pdf"));
        File.WriteAllText(report, File.ReadAllLines(report)[0] + "\n" + File.ReadAllLines(report)[1] + "\n");
        Assert.Equal(1, CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output, "--resume"]).Code);
        Assert.Equal([2, 3], File.ReadAllLines(report).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void A_line_beyond_the_byte_limit_is_rejected_without_being_held_and_the_batch_goes_on()
    {
        var input = Input(3, i => i == 2 ? "{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}" : null);
        var output = Path.Combine(_folder, "out");
        var run = CliRunner.Run(["batch", Forms.ChildAllowancePath, input, "-o", output]);
        Assert.Equal(1, run.Code);
        Assert.Contains("3 line(s): 2 printed, 1 rejected", run.Out);
        Assert.Contains("longer than the limit of 1,048,576 bytes", File.ReadAllText(Path.Combine(output, "rejected.jsonl")));
    }
}
