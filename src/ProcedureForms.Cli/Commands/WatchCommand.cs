using System.CommandLine;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// <c>procforms watch FORM.json [SUBMISSION.json] -o OUT.pdf</c>: renders once, then again on every save of the form
/// or the submission, printing the lint results each time. Runs until Ctrl+C.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var form = new Argument<string>("FORM") { Description = "The form definition (JSON)." };
        var submission = new Argument<string?>("SUBMISSION") { Description = "A submission to print filled (else the blank form).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output", "-o") { Description = "The PDF to write on every save.", Required = true };
        var municipality = new Option<string?>("--municipality") { Description = "The municipality name for the addressee line." };
        var profile = new Option<string?>("--profile") { Description = "A municipality profile (JSON: {\"name\": \"板橋区\", \"head\": \"板橋区長\"})." };
        var command = new Command("watch", "Re-render the form on every save and print lint results.") { form, submission, output, municipality, profile };
        command.SetAction((parse, cancellation) =>
        {
            var options = new RenderOptions { Municipality = Profiles.Read(parse.GetValue(municipality), parse.GetValue(profile), stderr) };
            return Task.FromResult(Watch(parse.GetValue(form)!, parse.GetValue(submission), parse.GetValue(output)!, options, stdout, stderr, cancellation));
        });
        return command;
    }

    /// <summary>Watches until <paramref name="cancellation"/> fires; returns 0, or 2 when the files to watch do not exist.</summary>
    public static int Watch(string formPath, string? submissionPath, string outputPath, RenderOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var watched = new[] { formPath, submissionPath }.OfType<string>().Select(Path.GetFullPath).ToList();
        foreach (var path in watched.Where(p => !File.Exists(p)))
        {
            stderr.WriteLine($"procforms: cannot watch {path}: no such file.");
            return ExitCodes.Unreadable;
        }
        using var changed = new SemaphoreSlim(0);
        var watchers = watched.Select(Path.GetDirectoryName).Distinct().Select(folder =>
        {
            var watcher = new FileSystemWatcher(folder!) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            void OnChange(object? sender, FileSystemEventArgs e)
            {
                if (watched.Contains(Path.GetFullPath(e.FullPath))) changed.Release();
            }
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Renamed += (sender, e) => OnChange(sender, e);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }).ToList();
        try
        {
            stdout.WriteLine($"Watching {string.Join(", ", watched)} (Ctrl+C to stop).");
            Build(formPath, submissionPath, outputPath, options, stdout, stderr);
            while (!cancellation.IsCancellationRequested)
            {
                try
                {
                    changed.Wait(cancellation);
                    // Editors save in several writes: wait until the files have been quiet for a moment.
                    while (changed.Wait(TimeSpan.FromMilliseconds(250), cancellation)) { }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                Build(formPath, submissionPath, outputPath, options, stdout, stderr);
            }
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var watcher in watchers) watcher.Dispose();
        }
    }

    private static void Build(string formPath, string? submissionPath, string outputPath, RenderOptions options, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Path.GetFileName(formPath)} changed.");
        if (FormFiles.TryLoad(formPath, stderr) is not { } form) return;
        if (LintCommand.Report(formPath, form, stdout, stderr) != ExitCodes.Ok)
        {
            // Printing a definition with design errors would only hide them: show them, keep the last good PDF.
            stderr.WriteLine($"{outputPath} was not written: fix the errors above.");
            return;
        }
        try
        {
            JsonDocument? document = null;
            var draft = false;
            try
            {
                if (submissionPath is not null)
                {
                    document = FormFiles.TryReadSubmission(submissionPath, stderr);
                    if (document is null || FormFiles.TryValidate(form, document.RootElement, submissionPath, null, stderr) is not { } report) return;
                    // A designer's preview: an invalid submission still prints, marked 下書き, with its errors listed.
                    if (!report.IsValid) ValidateCommand.WriteErrors(report.Errors, ProcedureForms.Validation.MessageLanguage.Japanese, stderr);
                    draft = !report.IsValid;
                }
                var pdf = FormRenderer.Render(form, document?.RootElement, options with { Unvalidated = draft });
                File.WriteAllBytes(outputPath, pdf);
                stdout.WriteLine($"Wrote {outputPath} ({pdf.Length:N0} bytes).");
            }
            finally
            {
                document?.Dispose();
            }
        }
        catch (PrintCheckException e) when (e.Errors.All(x => x.Keyword == "print"))
        {
            ValidateCommand.WritePrintProblems(e.Errors, ProcedureForms.Validation.MessageLanguage.Japanese, stderr);
        }
        catch (PrintCheckException e)
        {
            ValidateCommand.WriteErrors(e.Errors, ProcedureForms.Validation.MessageLanguage.Japanese, stderr);
        }
        catch (SubmissionInvalidException e)
        {
            // Valid by the schema, but longer than its box where the schema sets no limit: the resident's to shorten.
            ValidateCommand.WriteErrors(e.Report.Errors, ProcedureForms.Validation.MessageLanguage.Japanese, stderr);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"procforms: {e.Message}");
        }
    }
}
