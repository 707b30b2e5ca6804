using System.CommandLine;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Rendering;
using ProcedureForms.Validation;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// <c>procforms render FORM.json [SUBMISSION.json] -o OUT.pdf [--blank] [--pdfa] [--keep-fillable] [--municipality NAME]</c>:
/// 0 written; 1 the submission is invalid or unprintable (errors as <c>validate</c> prints them, no PDF unless
/// <c>--force</c>); 2 inputs cannot be read.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var form = new Argument<string>("FORM") { Description = "The form definition (JSON)." };
        var submission = new Argument<string?>("SUBMISSION") { Description = "The submission to print (JSON); omit with --blank.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output", "-o") { Description = "The PDF to write.", Required = true };
        var blank = new Option<bool>("--blank") { Description = "Print the blank form for handwriting." };
        var pdfa = new Option<bool>("--pdfa") { Description = "Write PDF/A-2a (tagged, and PDF/UA-1 as every generated form)." };
        var keepFillable = new Option<bool>("--keep-fillable") { Description = "A template form: keep its AcroForm fields fillable, filled with the values (default: flattened)." };
        var municipality = new Option<string?>("--municipality") { Description = "The municipality name for the addressee line, e.g. 板橋区." };
        var profile = new Option<string?>("--profile") { Description = "A municipality profile (JSON: {\"name\": \"板橋区\", \"head\": \"板橋区長\"})." };
        var mask = new Option<bool>("--mask-my-number") { Description = "Print 個人番号 as ＊ (for copies)." };
        var example = new Option<bool>("--example") { Description = "Mark every page 記入例 (a sample filled in, for the counter or the website)." };
        var force = new Option<bool>("--force") { Description = "Write the PDF even when the submission is invalid or the definition has lint errors." };
        var limit = CliLimits.CreateOption();
        var command = new Command("render", "Print the official PDF form, filled from a submission or blank.")
        {
            form, submission, output, blank, pdfa, keepFillable, municipality, profile, mask, example, force, limit,
        };
        command.SetAction(parse =>
        {
            var formPath = parse.GetValue(form)!;
            var submissionPath = parse.GetValue(submission);
            var outputPath = parse.GetValue(output)!;
            if (parse.GetValue(blank) == (submissionPath is not null))
            {
                stderr.WriteLine("procforms: give either a SUBMISSION or --blank.");
                return ExitCodes.Unreadable;
            }
            if (CliLimits.Parse(parse.GetValue(limit), stderr) is not { } limits) return ExitCodes.Unreadable;
            if (FormFiles.TryLoad(formPath, stderr, limits.Definition) is not { } loaded) return ExitCodes.Unreadable;
            if (!FormFiles.PassesLint(loaded, formPath, stderr, parse.GetValue(force))) return ExitCodes.Invalid;

            JsonDocument? document = null;
            var draft = false;
            try
            {
                if (submissionPath is not null)
                {
                    document = FormFiles.TryReadSubmission(submissionPath, stderr, limits.Submission);
                    if (document is null || FormFiles.TryValidate(loaded, document.RootElement, submissionPath, new ValidationOptions { Limits = limits.Submission }, stderr) is not { } report)
                        return ExitCodes.Unreadable;
                    if (!report.IsValid)
                    {
                        ValidateCommand.WriteErrors(report.Errors, MessageLanguage.Japanese, stderr);
                        if (!parse.GetValue(force)) return ExitCodes.Invalid;
                        draft = true; // printed anyway, marked 下書き (or 記入例 with --example) on every page
                        stderr.WriteLine("--force: 検証に通らない内容のため、各ページに「下書き」と表示して印刷します。");
                    }
                }
                var options = new RenderOptions
                {
                    Municipality = Profiles.Read(parse.GetValue(municipality), parse.GetValue(profile), stderr),
                    PdfA = parse.GetValue(pdfa),
                    KeepFillable = parse.GetValue(keepFillable),
                    MaskMyNumber = parse.GetValue(mask),
                    LeaveUnfittedBlank = parse.GetValue(force),
                    Example = parse.GetValue(example),
                    Unvalidated = draft,
                    MaxPages = limits.MaxPages,
                    Limits = limits.Submission,
                };
                if (options.PdfA && loaded.Template is not null)
                {
                    stderr.WriteLine(TerminalText.Safe($"procforms: --pdfa: {loaded.Title} prints on a template PDF, whose fonts and content are not this library's: PDF/A cannot be claimed for it. Render without --pdfa."));
                    return ExitCodes.Unreadable;
                }
                if (options.KeepFillable && loaded.Template is null)
                    stderr.WriteLine("procforms: --keep-fillable applies to forms printed on a template; this form is printed flat as always.");
                if (parse.GetValue(force) && document is not null)
                    foreach (var problem in FormRenderer.Layout(loaded, document.RootElement, options).Problems)
                        stderr.WriteLine($"{problem.Pointer}: 「{loaded.LabelOf(problem.Pointer)}」{problem.Reason}（--force のため空欄のまま印刷します）");
                byte[] pdf;
                try
                {
                    pdf = FormRenderer.Render(loaded, document?.RootElement, options);
                }
                catch (PrintCheckException e) when (e.Errors.All(x => x.Keyword == "print"))
                {
                    ValidateCommand.WritePrintProblems(e.Errors, MessageLanguage.Japanese, stderr);
                    return ExitCodes.CannotPrint;
                }
                catch (PrintCheckException e)
                {
                    ValidateCommand.WriteErrors(e.Errors, MessageLanguage.Japanese, stderr);
                    return ExitCodes.Invalid;
                }
                catch (SubmissionInvalidException e)
                {
                    ValidateCommand.WriteErrors(e.Report.Errors, MessageLanguage.Japanese, stderr);
                    return ExitCodes.Invalid;
                }
                try
                {
                    File.WriteAllBytes(outputPath, pdf);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"procforms: cannot write {outputPath}: {e.Message}");
                    return ExitCodes.Unreadable;
                }
                stdout.WriteLine($"Wrote {outputPath} ({pdf.Length:N0} bytes, {FormFiles.Describe(loaded)}).");
                return ExitCodes.Ok;
            }
            finally
            {
                document?.Dispose();
            }
        });
        return command;
    }
}
