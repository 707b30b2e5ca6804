using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcedureForms.Definitions;
using ProcedureForms.Hosting;
using ProcedureForms.Rendering;
using ProcedureForms.Tests.Cli;
using ProcedureForms.Validation;

namespace ProcedureForms.Tests.Hostile;

/// <summary>
/// A recognisable 個人番号, a name and a hostile key (a name with terminal escapes and a newline) are fed through every
/// error path — validate in Japanese, English and JSON, render, batch and its report, exception messages and logs — and
/// none of them appears anywhere. Regression: a submitted property name was echoed in pointers on stderr, in --json and
/// in rejected.jsonl, and forged an error line on a terminal.
/// </summary>
public sealed class PersonalDataTests : IDisposable
{
    private const string MyNumber = "987654321099"; // wrong check digit: an error is reported at its field
    private const string Name = "秘密野 花子";
    private const string HostileKey = "\u001b[31m山田太郎\n/pregnantPerson/name: 偽のエラー";
    private static readonly string[] Secrets = [MyNumber, "秘密野", "山田太郎", "\u001b", "偽のエラー"];

    private static readonly string FormPath = Path.Combine(Forms.RepoRoot, "schemas", "forms", "ninshin-todokede.json");
    private static readonly ProcedureForm Form = ProcedureForm.FromFile(FormPath);
    private readonly string _folder = Directory.CreateTempSubdirectory("procforms-pii-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Submission()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "ninshin-todokede", "submissions", "valid.json")))!;
        var person = json["pregnantPerson"]!;
        person["myNumber"] = MyNumber;
        person["name"] = Name + new string('あ', 40); // too long: an error at the name
        person[HostileKey] = MyNumber;                 // not on the form
        json[MyNumber] = new JsonObject { [HostileKey] = Name }; // a key that is a 個人番号, holding another
        json["delegation"]!["agent"]![MyNumber] = 1; // digits under a declared object
        return json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static void AssertClean(string text, string where)
    {
        foreach (var secret in Secrets)
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} contains submitted data ({Uri.EscapeDataString(secret)}): {text}");
    }

    [Fact]
    public void The_library_reports_exceptions_and_json_hold_none_of_it()
    {
        var submission = Submission();
        foreach (var language in (MessageLanguage[])[MessageLanguage.Japanese, MessageLanguage.English])
        {
            var report = Form.Validate(submission, new ValidationOptions { Language = language });
            Assert.Contains(report.Errors, e => e.Pointer == "/pregnantPerson/myNumber");
            Assert.Contains(report.Errors, e => e.Pointer == "/pregnantPerson" && e.Keyword == "additionalProperties");
            foreach (var error in report.Errors) AssertClean(error.ToString(), $"{language} error");
            AssertClean(report.ToJson(), $"{language} JSON report");
        }
        var invalid = Assert.Throws<SubmissionInvalidException>(() => FormRenderer.Render(Form, Forms.Json(submission)));
        AssertClean(invalid.Message, "SubmissionInvalidException");
        var draft = Assert.Throws<PrintCheckException>(() => FormRenderer.Render(Form, Forms.Json(submission.Replace(Name, Name + "😀", StringComparison.Ordinal)), new RenderOptions { Unvalidated = true }));
        AssertClean(draft.Message, "PrintCheckException");
        foreach (var error in draft.Errors) AssertClean(error.ToString(), "print error");
        var malformed = Assert.Throws<SubmissionFormatException>(() => Form.Validate(submission[..^5]));
        AssertClean(malformed.Message, "SubmissionFormatException");
        var duplicated = Assert.Throws<SubmissionFormatException>(() => Form.Validate(submission.Replace("{\"applicationDate\"", $"{{\"{MyNumber}\":1,\"{MyNumber}\":2,\"applicationDate\"", StringComparison.Ordinal)));
        AssertClean(duplicated.Message, "duplicate-key exception");
    }

    [Fact]
    public void The_cli_writes_none_of_it_on_any_stream_or_in_the_batch_report()
    {
        var submission = Submission();
        var path = Path.Combine(_folder, "s.json");
        File.WriteAllText(path, submission);
        foreach (var args in (string[][])[
                     ["validate", FormPath, path], ["validate", FormPath, path, "--lang", "en"], ["validate", FormPath, path, "--json"],
                     ["render", FormPath, path, "-o", Path.Combine(_folder, "o.pdf")],
                     ["render", FormPath, path, "-o", Path.Combine(_folder, "f.pdf"), "--force"]])
        {
            var (code, stdout, stderr) = CliRunner.Run(args);
            Assert.Equal(args[^1] == "--force" ? 0 : 1, code); // --force prints the draft, marked 下書き
            AssertClean(stdout + stderr, string.Join(' ', args[..1]));
            Assert.DoesNotContain("偽のエラー", stderr); // no forged line
        }
        var input = Path.Combine(_folder, "in.jsonl");
        File.WriteAllText(input, submission + "\n" + submission[..^3] + "\n");
        var batch = CliRunner.Run(["batch", FormPath, input, "-o", Path.Combine(_folder, "out")]);
        Assert.Equal(1, batch.Code);
        AssertClean(batch.Out + batch.Err, "batch output");
        AssertClean(File.ReadAllText(Path.Combine(_folder, "out", "rejected.jsonl")), "rejected.jsonl");
    }

    [Fact]
    public async Task The_logs_hold_none_of_it()
    {
        var log = new List<string>();
        var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new Capture(log)).SetMinimumLevel(LogLevel.Trace))
            .AddProcedureForms()
            .BuildServiceProvider();
        var service = provider.GetRequiredService<FormService>();
        var form = service.Find("ninshin-todokede", new DateOnly(2026, 11, 26));
        await using var body = new MemoryStream(Encoding.UTF8.GetBytes(Submission()));
        Assert.False((await service.ValidateAsync(form, body)).IsValid);
        await Assert.ThrowsAsync<SubmissionInvalidException>(() => service.RenderAsync(form, Forms.Json(Submission()), Stream.Null));
        Assert.NotEmpty(log);
        foreach (var line in log) AssertClean(line, "log");
    }

    [Fact]
    public void Digit_keys_where_the_form_has_rows_are_not_read_as_row_numbers()
    {
        // Regression: {"children": {"12345678": …}} was reported as 「児童（12345679）」, and a 12-digit key overflowed.
        var form = ProcedureForm.FromFile(Forms.ChildAllowancePath);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Forms.RepoRoot, "samples", "jido-teate-nintei", "submissions", "valid.json")))!;
        json["children"] = new JsonObject { [MyNumber] = "\u0007", ["12345678"] = 1e300 };
        var report = form.Validate(json.ToJsonString(), new ValidationOptions { PrintCheck = new PrintCheck(ProcedureForms.Rendering.Fonts.FontRegistry.Default.Get(ProcedureForms.Rendering.Fonts.FontRegistry.IpaexMincho)) });
        Assert.False(report.IsValid);
        foreach (var error in report.Errors)
        {
            AssertClean(error.ToString(), "error");
            Assert.DoesNotContain("1234567", error.ToString());
        }
        Assert.NotNull(form.LabelOf("/children/99999999999")); // no OverflowException
    }

    private sealed class Capture(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too, not only the formatted line: a sink may store them.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lock (lines) lines.Add($"{formatter(state, exception)} {values} {exception}");
        }
        public void Dispose() { }
    }
}
