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
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run into the same folder: lines already printed or reported are skipped." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the PDFs and report an earlier run left in the output folder." };
        var parallel = new Option<int>("--parallel") { Description = "Lines printed at once (default: the number of cores); the files are the same bytes whatever it is.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("batch", "Print one PDF per submission line, reporting every rejected line.")
        {
            form, submissions, output, merge, report, municipality, profile, limit, resume, overwrite, parallel,
        };
        // Ctrl+C cancels the token: the batch stops between lines, keeps what it printed and reports the rest as not read.
        command.SetAction((parse, cancellationToken) =>
        {
            if (CliLimits.Parse(parse.GetValue(limit), stderr) is not { } limits) return Task.FromResult(ExitCodes.Unreadable);
            if (parse.GetValue(parallel) is < 1 or > 512)
            {
                stderr.WriteLine("procforms: --parallel takes a number of lines from 1 to 512.");
                return Task.FromResult(ExitCodes.Unreadable);
            }
            // SIGTERM (a service manager, a container stop) and SIGINT stop the batch after the current document, like
            // Ctrl+C: the summary is written and what was printed is whole. Without this, SIGTERM killed it mid-file.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Stop(System.Runtime.InteropServices.PosixSignalContext context)
            {
                // The first signal stops after the current document; a second one ends the process at once.
                context.Cancel = !stop.IsCancellationRequested;
                stop.Cancel();
            }
            using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
            using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
            var run = new Run(parse.GetValue(form)!, parse.GetValue(submissions)!, parse.GetValue(output), parse.GetValue(merge),
                parse.GetValue(report), new RenderOptions { Municipality = Profiles.Read(parse.GetValue(municipality), parse.GetValue(profile), stderr), MaxPages = limits.MaxPages, Limits = limits.Submission }, stdout, stderr)
            {
                CancellationToken = stop.Token,
                Limits = limits,
                Resume = parse.GetValue(resume),
                Overwrite = parse.GetValue(overwrite),
                Parallelism = parse.GetValue(parallel),
            };
            return Task.FromResult(run.Execute());
        });
        return command;
    }

    internal sealed class Run(string formPath, string inputPath, string? outputFolder, string? mergePath, string? reportPath, RenderOptions options, TextWriter stdout, TextWriter stderr)
    {
        /// <summary>Stops the batch between lines (Ctrl+C, SIGTERM).</summary>
        public CancellationToken CancellationToken { get; init; }

        /// <summary>The limits of <c>--limit</c>; each line is held to the submission limits.</summary>
        public CliLimits Limits { get; init; } = CliLimits.Default;

        /// <summary>Continue an interrupted run into the same folder: lines with a PDF or a report record are skipped.</summary>
        public bool Resume { get; init; }

        /// <summary>Replace what an earlier run left in the output folder (its PDFs and report) instead of refusing.</summary>
        public bool Overwrite { get; init; }

        /// <summary>How many lines are checked and printed at once (-o DIR); the output is the same whatever it is.</summary>
        public int Parallelism { get; init; } = Environment.ProcessorCount;

        private const string Partial = ".partial";

        private bool _stopped;
        private int _lines;
        private int _printed;
        private int _rejected;
        private int _cannotPrint;
        private int _skipped;
        private int _rejectedEarlier;
        private HashSet<int> _done = [];

        public int Execute()
        {
            if ((outputFolder is null) == (mergePath is null))
            {
                stderr.WriteLine("procforms: give either -o DIR or --merge OUT.pdf.");
                return ExitCodes.Unreadable;
            }
            if (Resume && Overwrite)
            {
                stderr.WriteLine("procforms: give either --resume or --overwrite, not both.");
                return ExitCodes.Unreadable;
            }
            if (Resume && mergePath is not null)
            {
                stderr.WriteLine("procforms: --resume works with -o DIR (a merged PDF is written whole or not at all).");
                return ExitCodes.Unreadable;
            }
            if (FormFiles.TryLoad(formPath, stderr, Limits.Definition) is not { } loaded) return ExitCodes.Unreadable;
            if (!FormFiles.PassesLint(loaded, formPath, stderr, force: false)) return ExitCodes.Invalid;
            if (!File.Exists(inputPath))
            {
                stderr.WriteLine($"procforms: cannot read {inputPath}: no such file.");
                return ExitCodes.Unreadable;
            }
            reportPath ??= Path.Combine(outputFolder ?? Path.GetDirectoryName(Path.GetFullPath(mergePath!))!, "rejected.jsonl");
            try
            {
                if (outputFolder is not null && !PrepareFolder(outputFolder)) return ExitCodes.Unreadable;
                var total = CountLines();
                using var reportWriter = new StreamWriter(reportPath, append: Resume, new UTF8Encoding(false));
                using var progress = new Progress(total, stderr);
                if (outputFolder is not null) PrintEach(loaded, outputFolder, reportWriter, progress, total);
                else PrintMerged(loaded, mergePath!, reportWriter, progress);
                WriteSummary(total);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"procforms: {e.Message}");
                return ExitCodes.Unreadable;
            }
            if (_stopped) return ExitCodes.Cancelled;
            return _rejected + _rejectedEarlier == 0 ? ExitCodes.Ok
                : _rejectedEarlier == 0 && _cannotPrint == _rejected ? ExitCodes.CannotPrint
                : ExitCodes.Invalid;
        }

        private void WriteSummary(int total)
        {
            var skipped = _skipped > 0 ? $", {_skipped} already done{(_rejectedEarlier > 0 ? $" ({_rejectedEarlier} of them rejected)" : "")}" : "";
            var cannotPrint = _cannotPrint > 0 ? $" ({_cannotPrint} valid but not printable on this form)" : "";
            stdout.WriteLine($"{_lines} line(s): {_printed} printed, {_rejected} rejected{cannotPrint}{skipped}{(_rejected + _rejectedEarlier > 0 ? $" (see {reportPath})" : "")}.");
            if (_stopped)
                stderr.WriteLine($"procforms: stopped after line {_lines + _skipped} of {total}; the lines after it were not read (--resume continues).");
        }

        /// <summary>
        /// A fresh run into a folder an earlier run wrote would mix its PDFs with the new ones: refuse unless told
        /// (--resume continues it, --overwrite replaces it). Leftover partial files are never kept.
        /// </summary>
        private bool PrepareFolder(string folder)
        {
            Directory.CreateDirectory(folder);
            foreach (var partial in Directory.GetFiles(folder, "*" + Partial)) File.Delete(partial);
            var ours = Directory.GetFiles(folder, "line-*.pdf").Append(reportPath!).Where(File.Exists).ToList();
            if (Resume)
            {
                var rejected = RecordedLines(reportPath!);
                _rejectedEarlier = rejected.Count;
                _done = [.. Directory.GetFiles(folder, "line-*.pdf").Select(LineOf).OfType<int>(), .. rejected];
                return true;
            }
            if (Overwrite)
            {
                foreach (var file in ours) File.Delete(file);
            }
            if (Directory.EnumerateFileSystemEntries(folder).Any())
            {
                stderr.WriteLine($"procforms: {folder} is not empty; give --resume to continue an interrupted run or --overwrite to replace its PDFs and report.");
                return false;
            }
            return true;
        }

        private static int? LineOf(string pdf) =>
            int.TryParse(Path.GetFileNameWithoutExtension(pdf).AsSpan("line-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        /// <summary>
        /// The lines an interrupted run already reported. A record cut short by a kill (no final newline) is dropped from
        /// the report, and its line is done again.
        /// </summary>
        private static List<int> RecordedLines(string report)
        {
            if (!File.Exists(report)) return [];
            var text = File.ReadAllText(report, Encoding.UTF8);
            var complete = text.EndsWith('\n') ? text : text[..(text.LastIndexOf('\n') + 1)];
            if (complete.Length != text.Length) File.WriteAllText(report, complete, new UTF8Encoding(false));
            var lines = new List<int>();
            foreach (var record in complete.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    using var json = JsonDocument.Parse(record);
                    if (json.RootElement.TryGetProperty("line", out var line) && line.TryGetInt32(out var n)) lines.Add(n);
                }
                catch (JsonException)
                {
                    // Not ours: left in the report, its line printed again.
                }
            }
            return lines;
        }

        private void PrintEach(ProcedureForm form, string folder, StreamWriter report, Progress progress, int total)
        {
            var digits = Math.Max(5, total.ToString(CultureInfo.InvariantCulture).Length);
            var validation = Validation();
            // Lines are checked and printed on Parallelism threads and consumed in input order, so files, report records,
            // counts and progress are those of a sequential run (and the PDFs the same bytes). Leaving the loop on a
            // stop abandons the lines in flight; every file already under its final name is whole.
            var work = ReadLines()
                .AsParallel().AsOrdered()
                .WithDegreeOfParallelism(Math.Clamp(Parallelism, 1, 512))
                .WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(l => (l.Line, Done: _done.Contains(l.Line), Result: _done.Contains(l.Line) || CancellationToken.IsCancellationRequested
                    ? default
                    : CheckAndRender(form, l.Text, validation)));
            foreach (var (line, done, (pdf, errors)) in work)
            {
                if (done)
                {
                    _skipped++;
                    continue;
                }
                if (CancellationToken.IsCancellationRequested)
                {
                    _stopped = true;
                    break;
                }
                _lines++;
                progress.Report(_lines + _skipped);
                if (errors is not null)
                {
                    Reject(report, line, errors);
                    continue;
                }
                // Written under a temporary name and renamed when complete: a final name always holds a whole PDF.
                var path = Path.Combine(folder, $"line-{line.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}.pdf");
                var temporary = path + Partial;
                try
                {
                    File.WriteAllBytes(temporary, pdf!);
                    File.Move(temporary, path, overwrite: true);
                    _printed++;
                }
                catch
                {
                    File.Delete(temporary);
                    throw;
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
            IEnumerable<(ProcedureForm, JsonElement?, string?)> Documents()
            {
                foreach (var (line, text) in ReadLines())
                {
                    if (!accepted.Contains(line) || text is null) continue;
                    using var document = SubmissionReader.Parse(text, Limits.Submission);
                    // The bookmark names the input line, so staff find a resident's sheet from the report or the file.
                    yield return (form, document.RootElement.Clone(), $"{line}行目");
                }
            }
            var temporary = path + Partial;
            try
            {
                using (var file = File.Create(temporary)) FormRenderer.RenderManyLabelled(Documents(), file, options, CancellationToken);
                File.Move(temporary, path, overwrite: true);
                _printed = accepted.Count;
            }
            catch (OperationCanceledException)
            {
                // A merged PDF cut short is no PDF: nothing is kept rather than a broken file.
                File.Delete(temporary);
                _stopped = true;
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }

        /// <summary>The lines that parse, validate and pass the print check; every other line goes to the report.</summary>
        private IEnumerable<(int Line, JsonDocument Document)> Accepted(ProcedureForm form, StreamWriter report, Progress progress)
        {
            var validation = Validation();
            foreach (var (line, text) in ReadLines())
            {
                if (_done.Contains(line))
                {
                    _skipped++;
                    continue;
                }
                if (CancellationToken.IsCancellationRequested)
                {
                    _stopped = true;
                    yield break;
                }
                _lines++;
                progress.Report(_lines + _skipped);
                var (document, errors) = Check(form, text, validation);
                if (errors is not null) Reject(report, line, errors);
                else yield return (line, document!);
            }
        }

        private ValidationOptions Validation() =>
            new() { PrintCheck = new PrintCheck(options.Fonts.Get(options.FontName)), Limits = Limits.Submission };

        /// <summary>
        /// One line, read and validated: the parsed document, or why the line is rejected. Pure (no counters, no
        /// report), so lines can be checked on several threads.
        /// </summary>
        private (JsonDocument? Document, List<Error>? Errors) Check(ProcedureForm form, string? text, ValidationOptions validation)
        {
            if (text is null)
                return (null, [new Error("", "limit:maxBytes", "", $"The line is longer than the limit of {Limits.Submission.MaxBytes:N0} bytes (--limit bytes).")]);
            if (string.IsNullOrWhiteSpace(text)) return (null, [new Error("", "json", "", "The line is empty.")]);
            JsonDocument document;
            try
            {
                document = SubmissionReader.Parse(text, Limits.Submission);
            }
            catch (SubmissionFormatException e)
            {
                // Position or kind only: the parser's own message can quote the line.
                return (null, [new Error("", "json", "", e.BytePosition is { } b ? $"Not valid JSON (byte {b})." : e.Message)]);
            }
            try
            {
                var result = form.Validate(document.RootElement, validation);
                if (result.IsPrintable) return (document, null);
                document.Dispose();
                // The resident's errors first; what the form cannot print only once the submission is valid.
                return (null, [.. (result.IsValid ? result.PrintProblems : result.Errors).Select(x => new Error(x.Pointer, x.Keyword, x.Label, x.Message))]);
            }
            catch (SubmissionFormatException e)
            {
                document.Dispose();
                return (null, [new Error("", "json", "", e.Message)]);
            }
        }

        /// <summary>One line checked and, when it passes, printed to bytes: the unit of work of a parallel batch.</summary>
        private (byte[]? Pdf, List<Error>? Errors) CheckAndRender(ProcedureForm form, string? text, ValidationOptions validation)
        {
            var (document, errors) = Check(form, text, validation);
            if (errors is not null) return (null, errors);
            using (document)
            {
                try
                {
                    // Check just validated this document with the print check, the renderer's font and the limits.
                    return (FormRenderer.Render(form, document!.RootElement, options with { Prevalidated = true }), null);
                }
                catch (Exception e) when (e is PrintCheckException or SubmissionInvalidException)
                {
                    var refused = e is PrintCheckException p ? p.Errors : ((SubmissionInvalidException)e).Report.Errors;
                    return (null, [.. refused.Select(x => new Error(x.Pointer, x.Keyword, x.Label, x.Message))]);
                }
            }
        }

        private sealed record Error(string Pointer, string Keyword, string Label, string Message);

        private void Reject(StreamWriter report, int line, IReadOnlyList<Error> errors)
        {
            _rejected++;
            // A valid line the form cannot print is the form's problem: said apart, so staff fix the form, not the data.
            var cannotPrint = errors.Count > 0 && errors.All(e => e.Keyword == "print");
            if (cannotPrint) _cannotPrint++;
            // Written field by field: no reflection, so the NativeAOT build of the CLI keeps it.
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ReportJson.Encoder }))
            {
                json.WriteStartObject();
                json.WriteNumber("line", line);
                json.WriteString("kind", cannotPrint ? "cannot-print" : "invalid");
                ValidationReport.WriteErrors(json, errors.Select(e => new ValidationError(e.Pointer, e.Keyword, e.Label, e.Message)));
                json.WriteEndObject();
            }
            // One whole record per write, flushed: a stop or a kill leaves at most the last record cut short.
            report.Write(Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
            report.Flush();
        }

        /// <summary>
        /// The input's lines, numbered from 1; null for a line longer than the byte limit, which is skipped to its end
        /// without being held (two 20 MB lines took a 10,000-line batch to 945 MB). A final newline ends the last line
        /// rather than starting an empty one.
        /// </summary>
        private IEnumerable<(int Line, string? Text)> ReadLines()
        {
            using var reader = new StreamReader(inputPath, Encoding.UTF8);
            var limit = Limits.Submission.MaxBytes; // a UTF-8 byte is at most one UTF-16 char: more chars is more bytes
            var buffer = new char[64 * 1024];
            var text = new StringBuilder();
            var tooLong = false;
            var number = 0;
            var pendingEmpty = false;
            int read;
            while ((read = reader.Read(buffer)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (pendingEmpty)
                    {
                        pendingEmpty = false;
                        yield return (++number, "");
                    }
                    var c = buffer[i];
                    if (c == '\n')
                    {
                        if (text.Length == 0 && !tooLong) pendingEmpty = true;
                        else yield return (++number, tooLong ? null : text.ToString().TrimEnd('\r'));
                        text.Clear();
                        tooLong = false;
                    }
                    else if (!tooLong)
                    {
                        if (text.Length >= limit)
                        {
                            tooLong = true;
                            text.Clear();
                        }
                        else
                        {
                            text.Append(c);
                        }
                    }
                }
            }
            if (text.Length > 0 || tooLong) yield return (++number, tooLong ? null : text.ToString().TrimEnd('\r'));
        }

        private int CountLines() => ReadLines().Count();
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
