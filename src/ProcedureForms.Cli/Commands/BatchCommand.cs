using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Validation;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// <c>procforms batch FORM.json SUBMISSIONS.jsonl -o DIR/ [--merge OUT.pdf] [--report FILE]</c>: one PDF per line (or
/// one merged PDF), going on past invalid lines, every rejected line written with its errors to a JSONL report, and
/// counts at the end. Lines are streamed: memory stays flat however long the input. Exit 0 when every line printed,
/// 1 when some were rejected, 2 when the inputs cannot be read.
/// </summary>
internal static class BatchCommand
{
    private static readonly JsonSerializerOptions ReportJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var form = new Argument<string>("FORM") { Description = "The form definition (JSON)." };
        var submissions = new Argument<string>("SUBMISSIONS") { Description = "One submission per line (JSON Lines)." };
        var output = new Option<string?>("--output", "-o") { Description = "The folder for one PDF per line (line-00001.pdf, …)." };
        var merge = new Option<string?>("--merge") { Description = "Write all printed lines into this one PDF instead." };
        var report = new Option<string?>("--report") { Description = "The JSONL report of rejected lines (default: rejected.jsonl beside the output)." };
        var municipality = new Option<string?>("--municipality") { Description = "The municipality name for the addressee line." };
        var profile = new Option<string?>("--profile") { Description = "A municipality profile (JSON: {\"name\": \"板橋区\", \"head\": \"板橋区長\"})." };
        var limit = CliLimits.CreateOption();
        var command = new Command("batch", "Print one PDF per submission line, reporting every rejected line.")
        {
            form, submissions, output, merge, report, municipality, profile, limit,
        };
        // Ctrl+C cancels the token: the batch stops between lines, keeps what it printed and reports the rest as not read.
        command.SetAction((parse, cancellationToken) =>
        {
            if (CliLimits.Parse(parse.GetValue(limit), stderr) is not { } limits) return Task.FromResult(ExitCodes.Unreadable);
            var run = new Run(parse.GetValue(form)!, parse.GetValue(submissions)!, parse.GetValue(output), parse.GetValue(merge),
                parse.GetValue(report), new RenderOptions { Municipality = Profiles.Read(parse.GetValue(municipality), parse.GetValue(profile), stderr), MaxPages = limits.MaxPages, Limits = limits.Submission }, stdout, stderr)
            {
                CancellationToken = cancellationToken,
                Limits = limits,
            };
            return Task.FromResult(run.Execute());
        });
        return command;
    }

    internal sealed class Run(string formPath, string inputPath, string? outputFolder, string? mergePath, string? reportPath, RenderOptions options, TextWriter stdout, TextWriter stderr)
    {
        /// <summary>Stops the batch between lines (Ctrl+C).</summary>
        public CancellationToken CancellationToken { get; init; }

        /// <summary>The limits of <c>--limit</c>; each line is held to the submission limits.</summary>
        public CliLimits Limits { get; init; } = CliLimits.Default;

        private bool _stopped;
        private int _lines;
        private int _printed;
        private int _rejected;

        public int Execute()
        {
            if ((outputFolder is null) == (mergePath is null))
            {
                stderr.WriteLine("procforms: give either -o DIR or --merge OUT.pdf.");
                return ExitCodes.Unreadable;
            }
            if (FormFiles.TryLoad(formPath, stderr, Limits.Definition) is not { } loaded) return ExitCodes.Unreadable;
            if (!FormFiles.PassesLint(loaded, formPath, stderr, force: false)) return ExitCodes.Invalid;
            if (!File.Exists(inputPath))
            {
                stderr.WriteLine($"procforms: cannot read {inputPath}: no such file.");
                return ExitCodes.Unreadable;
            }
            var total = CountLines();
            reportPath ??= Path.Combine(outputFolder ?? Path.GetDirectoryName(Path.GetFullPath(mergePath!))!, "rejected.jsonl");
            try
            {
                if (outputFolder is not null) Directory.CreateDirectory(outputFolder);
                using var reportWriter = new StreamWriter(reportPath, append: false, new UTF8Encoding(false));
                using var progress = new Progress(total, stderr);
                if (outputFolder is not null) PrintEach(loaded, outputFolder, reportWriter, progress);
                else PrintMerged(loaded, mergePath!, reportWriter, progress);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"procforms: {e.Message}");
                return ExitCodes.Unreadable;
            }
            stdout.WriteLine($"{_lines} line(s): {_printed} printed, {_rejected} rejected{(_rejected > 0 ? $" (see {reportPath})" : "")}.");
            if (_stopped)
            {
                stderr.WriteLine($"procforms: stopped after line {_lines} of {total}; the lines after it were not read.");
                return ExitCodes.Cancelled;
            }
            return _rejected == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
        }

        private void PrintEach(ProcedureForm form, string folder, StreamWriter report, Progress progress)
        {
            var digits = Math.Max(5, CountLines().ToString(CultureInfo.InvariantCulture).Length);
            foreach (var (line, document) in Accepted(form, report, progress))
            {
                using (document)
                {
                    var path = Path.Combine(folder, $"line-{line.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}.pdf");
                    using var file = File.Create(path);
                    FormRenderer.Render(form, document.RootElement, file, options);
                    _printed++;
                }
            }
        }

        private void PrintMerged(ProcedureForm form, string path, StreamWriter report, Progress progress)
        {
            // First pass: check every line and remember which ones print; the renderer then reads them twice more
            // (characters, drawing) straight from the file, so no submission is held in memory.
            var accepted = new HashSet<int>();
            foreach (var (line, document) in Accepted(form, report, progress))
            {
                document.Dispose();
                accepted.Add(line);
            }
            if (accepted.Count == 0 || _stopped) return;
            IEnumerable<(ProcedureForm, JsonElement?)> Documents()
            {
                foreach (var (line, text) in ReadLines())
                {
                    if (!accepted.Contains(line)) continue;
                    using var document = SubmissionReader.Parse(text, Limits.Submission);
                    yield return (form, document.RootElement.Clone());
                }
            }
            try
            {
                using (var file = File.Create(path)) FormRenderer.RenderMany(Documents(), file, options, CancellationToken);
                _printed = accepted.Count;
            }
            catch (OperationCanceledException)
            {
                // A merged PDF cut short is no PDF: nothing is kept rather than a broken file.
                File.Delete(path);
                _stopped = true;
            }
        }

        /// <summary>The lines that parse, validate and pass the print check; every other line goes to the report.</summary>
        private IEnumerable<(int Line, JsonDocument Document)> Accepted(ProcedureForm form, StreamWriter report, Progress progress)
        {
            var font = options.Fonts.Get(options.FontName);
            var validation = new ValidationOptions { PrintCheck = new PrintCheck(font), Limits = Limits.Submission };
            foreach (var (line, text) in ReadLines())
            {
                if (CancellationToken.IsCancellationRequested)
                {
                    _stopped = true;
                    yield break;
                }
                _lines++;
                progress.Report(_lines);
                if (string.IsNullOrWhiteSpace(text))
                {
                    Reject(report, line, [new Error("", "json", "", "The line is empty.")]);
                    continue;
                }
                JsonDocument document;
                try
                {
                    document = SubmissionReader.Parse(text, Limits.Submission);
                }
                catch (SubmissionFormatException e)
                {
                    // Position or kind only: the parser's own message can quote the line.
                    Reject(report, line, [new Error("", "json", "", e.BytePosition is { } b ? $"Not valid JSON (byte {b})." : e.Message)]);
                    continue;
                }
                ValidationReport result;
                try
                {
                    result = form.Validate(document.RootElement, validation);
                }
                catch (SubmissionFormatException e)
                {
                    document.Dispose();
                    Reject(report, line, [new Error("", "json", "", e.Message)]);
                    continue;
                }
                if (!result.IsValid)
                {
                    document.Dispose();
                    Reject(report, line, result.Errors.Select(x => new Error(x.Pointer, x.Keyword, x.Label, x.Message)).ToList());
                    continue;
                }
                yield return (line, document);
            }
        }

        private sealed record Error(string Pointer, string Keyword, string Label, string Message);

        private void Reject(StreamWriter report, int line, IReadOnlyList<Error> errors)
        {
            _rejected++;
            // Written field by field: no reflection, so the NativeAOT build of the CLI keeps it.
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ReportJson.Encoder }))
            {
                json.WriteStartObject();
                json.WriteNumber("line", line);
                ValidationReport.WriteErrors(json, errors.Select(e => new ValidationError(e.Pointer, e.Keyword, e.Label, e.Message)));
                json.WriteEndObject();
            }
            report.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }

        private IEnumerable<(int Line, string Text)> ReadLines()
        {
            using var reader = new StreamReader(inputPath, Encoding.UTF8);
            var number = 0;
            while (reader.ReadLine() is { } text)
            {
                number++;
                if (text.Length == 0 && reader.Peek() < 0) yield break; // a final newline is not a line
                yield return (number, text);
            }
        }

        private int CountLines()
        {
            using var reader = new StreamReader(inputPath, Encoding.UTF8);
            var count = 0;
            while (reader.ReadLine() is { } text)
                if (text.Length > 0 || reader.Peek() >= 0) count++;
            return count;
        }
    }

    /// <summary>A progress bar on a terminal; plain progress lines (every 10%) when stderr is redirected.</summary>
    private sealed class Progress(int total, TextWriter stderr) : IDisposable
    {
        private readonly bool _terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        private int _lastShown = -1;

        public void Report(int done)
        {
            if (total == 0) return;
            var percent = (int)(100L * done / total);
            if (_terminal)
            {
                if (percent == _lastShown && done != total) return;
                _lastShown = percent;
                var filled = percent / 4;
                stderr.Write($"\r[{new string('#', filled)}{new string('.', 25 - filled)}] {done}/{total} ({percent}%)");
            }
            else if (percent / 10 != _lastShown / 10 || done == total)
            {
                if (percent / 10 == _lastShown / 10 && done != total) return;
                _lastShown = percent;
                stderr.WriteLine($"progress: {done}/{total} lines ({percent}%)");
            }
        }

        public void Dispose()
        {
            if (_terminal && _lastShown >= 0) stderr.WriteLine();
        }
    }
}
