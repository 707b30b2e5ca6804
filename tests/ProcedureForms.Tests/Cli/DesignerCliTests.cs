using System.Text.Json;
using ProcedureForms.Cli;
using ProcedureForms.Cli.Commands;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

namespace ProcedureForms.Tests.Cli;

/// <summary>lint's design checks, batch and watch.</summary>
public sealed class DesignerCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string Temp(string name, string text)
    {
        var folder = Directory.CreateTempSubdirectory("procforms-cli-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Lint_reports_design_mistakes_errors_fail_and_warnings_do_not()
    {
        var bad = Temp("form.json", """
            {"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"テスト","type":"object","required":["agent"],
             "properties":{
               "name":{"type":"string"},
               "kind":{"title":"区分","enum":["new","renew"]},
               "myNumber":{"title":"個人番号","type":"string","format":"jp-my-number","boxes":11},
               "insured":{"title":"被保険者番号","type":"string","pattern":"^[0-9]{10}$","boxes":9},
               "birth":{"title":"生年月日","type":"string","dateNotAfter":"/applicationDat"},
               "rows":{"title":"明細","type":"array","items":{"type":"object","properties":{"d":{"title":"日","type":"string","dateNotAfter":"2/applicationDate"}}}}},
             "if":{"required":["kind"]},"then":{"properties":{"agent":{"title":"代理人"}}},
             "maxLenght":3}
            """);
        var (code, _, stderr) = Run("lint", bad);
        Assert.Equal(1, code);
        foreach (var expected in (string[])[
            "/properties/name: warning missing-title",
            "/properties/kind/enum: warning enum-without-labels",
            "/properties/myNumber/boxes: error boxes-length-mismatch",
            "/properties/insured/boxes: error boxes-length-mismatch",
            "/properties/birth/dateNotAfter: error rule-target-missing",
            "/properties/rows/items/properties/d/dateNotAfter: error rule-target-missing",
            "/required/0: error required-hidden-by-condition",
            "/maxLenght: error misspelled-keyword"])
            Assert.Contains(expected, stderr);

        var onlyWarnings = Temp("form.json", """{"$schema":"https://procedureforms.dev/schema/2026-11/form","title":"テスト","properties":{"name":{"type":"string"}}}""");
        var warned = Run("lint", onlyWarnings);
        Assert.Equal(0, warned.Code);
        Assert.Contains("warning missing-title", warned.Err);
    }

    [Fact]
    public void Batch_prints_every_valid_line_and_reports_exactly_the_rejected_ones()
    {
        var valid = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"));
        var line = JsonSerializer.Serialize(JsonDocument.Parse(valid).RootElement, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var lines = new List<string>();
        for (var i = 1; i <= 12; i++)
            lines.Add(i switch
            {
                4 => line.Replace("123456789018", "123456789019", StringComparison.Ordinal), // check digit
                7 => "{\"applicationDate\": broken", // not JSON
                9 => "", // empty
                11 => line.Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal), // unprintable
                _ => line,
            });
        var input = Temp("day.jsonl", string.Join("\n", lines) + "\n");
        var output = Path.Combine(Path.GetDirectoryName(input)!, "out");
        var (code, stdout, _) = Run("batch", Forms.ChildAllowancePath, input, "-o", output);
        Assert.Equal(1, code);
        Assert.Contains("12 line(s): 8 printed, 4 rejected (1 valid but not printable on this form)", stdout);
        Assert.Equal(8, Directory.GetFiles(output, "*.pdf").Length);
        var report = File.ReadAllLines(Path.Combine(output, "rejected.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([4, 7, 9, 11], report.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("/claimant/myNumber", report[0].GetProperty("errors")[0].GetProperty("pointer").GetString());
        Assert.Equal("print", report[3].GetProperty("errors")[0].GetProperty("keyword").GetString());
        Assert.Equal(["invalid", "invalid", "invalid", "cannot-print"], report.Select(r => r.GetProperty("kind").GetString()));
        Assert.DoesNotContain("broken", File.ReadAllText(Path.Combine(output, "rejected.jsonl"))); // no submission text in the report

        var merged = Path.Combine(Path.GetDirectoryName(input)!, "all.pdf");
        Assert.Equal(1, Run("batch", Forms.ChildAllowancePath, input, "--merge", merged).Code);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(merged);
        using var one = UglyToad.PdfPig.PdfDocument.Open(Directory.GetFiles(output, "*.pdf")[0]);
        Assert.Equal(8 * one.NumberOfPages, pdf.NumberOfPages);
    }

    [Fact]
    public void A_batch_whose_only_rejections_the_form_cannot_print_exits_3()
    {
        var valid = File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json"));
        var line = JsonSerializer.Serialize(JsonDocument.Parse(valid).RootElement, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var input = Temp("day.jsonl", line + "\n" + line.Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal) + "\n");
        var (code, stdout, _) = Run("batch", Forms.ChildAllowancePath, input, "-o", Path.Combine(Path.GetDirectoryName(input)!, "out"));
        Assert.Equal(3, code);
        Assert.Contains("2 line(s): 1 printed, 1 rejected (1 valid but not printable on this form)", stdout);
    }

    [Fact]
    public async Task Watch_renders_again_when_the_form_is_saved()
    {
        var form = Temp("form.json", File.ReadAllText(Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede.json")));
        var output = Path.Combine(Path.GetDirectoryName(form)!, "out.pdf");
        var stdout = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var synced = TextWriter.Synchronized(stdout); // its writes lock on the wrapper (MethodImplOptions.Synchronized)
        var watching = Task.Run(() => WatchCommand.Watch(form, null, output, RenderOptions.Default, synced, TextWriter.Null, stop.Token));
        string Printed()
        {
            lock (synced) return stdout.ToString();
        }
        int Writes() => Printed().Split("Wrote ").Length - 1;
        Assert.True(SpinWait.SpinUntil(() => Writes() == 1, TimeSpan.FromSeconds(30)), "no first render");
        File.WriteAllText(form, File.ReadAllText(form).Replace("\"妊娠届出書\"", "\"妊娠届出書（改）\"", StringComparison.Ordinal));
        Assert.True(SpinWait.SpinUntil(() => Writes() >= 2, TimeSpan.FromSeconds(30)), "no re-render after the save");
        stop.Cancel();
        Assert.Equal(0, await watching);
        Assert.Contains("妊娠届出書（改）", Printed());
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(output);
        Assert.Equal("妊娠届出書（改）", pdf.Information.Title);
    }

    [Fact]
    public async Task Watch_shows_lint_errors_instead_of_writing_a_pdf()
    {
        var form = Temp("form.json", File.ReadAllText(Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede.json")));
        var output = Path.Combine(Path.GetDirectoryName(form)!, "out.pdf");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (syncedOut, syncedErr) = (TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        var watching = Task.Run(() => WatchCommand.Watch(form, null, output, RenderOptions.Default, syncedOut, syncedErr, stop.Token));
        string Err()
        {
            lock (syncedErr) return stderr.ToString();
        }
        int Writes()
        {
            lock (syncedOut) return stdout.ToString().Split("Wrote ").Length - 1;
        }
        Assert.True(SpinWait.SpinUntil(() => Writes() == 1, TimeSpan.FromSeconds(30)), "no first render");
        var written = File.GetLastWriteTimeUtc(output);
        File.WriteAllText(form, File.ReadAllText(form).Replace("\"maxLength\"", "\"maxLenght\"", StringComparison.Ordinal));
        Assert.True(SpinWait.SpinUntil(() => Err().Contains("misspelled-keyword"), TimeSpan.FromSeconds(30)), "the lint error is not shown");
        stop.Cancel();
        Assert.Equal(0, await watching);
        Assert.Equal(1, Writes());
        Assert.Equal(written, File.GetLastWriteTimeUtc(output)); // the last good PDF stays
        Assert.Contains("was not written", Err());
    }

    [Fact]
    public void A_cancelled_batch_stops_between_lines_and_says_so()
    {
        var lines = Enumerable.Repeat(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")).ReplaceLineEndings(" "), 20);
        var input = Temp("day.jsonl", string.Join("\n", lines) + "\n");
        var output = Path.Combine(Path.GetDirectoryName(input)!, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = new BatchCommand.Run(Forms.ChildAllowancePath, input, output, null, null, RenderOptions.Default, stdout, stderr) { CancellationToken = new CancellationToken(true) };
        Assert.Equal(ExitCodes.Cancelled, run.Execute());
        Assert.Contains("0 line(s): 0 printed", stdout.ToString());
        Assert.Contains("stopped after line 0 of 20", stderr.ToString());
        Assert.Empty(Directory.GetFiles(output, "*.pdf"));
    }
}
