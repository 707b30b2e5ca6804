using System.CommandLine;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Validation;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// <c>procforms validate FORM.json SUBMISSION.json [--lang ja|en] [--json]</c>: 0 valid, 1 invalid, 2 unreadable, 3 valid
/// but not printable on this form. With <c>--json</c>, stdout is exactly one JSON object:
/// <c>{"valid": bool, "errors": [...], "printable": bool, "printProblems": [...]}</c>.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var form = new Argument<string>("FORM") { Description = "The form definition (JSON)." };
        var submission = new Argument<string>("SUBMISSION") { Description = "The submission to validate (JSON)." };
        var lang = new Option<string>("--lang") { Description = "Message language: ja (default) or en.", DefaultValueFactory = _ => "ja" };
        lang.AcceptOnlyFromAmong("ja", "en");
        var json = new Option<bool>("--json") { Description = "Write the report as one JSON object on stdout." };
        var limit = CliLimits.CreateOption();
        var command = new Command("validate", "Validate a submission against a form definition.") { form, submission, lang, json, limit };
        command.SetAction(parse =>
        {
            var formPath = parse.GetValue(form)!;
            var submissionPath = parse.GetValue(submission)!;
            if (CliLimits.Parse(parse.GetValue(limit), stderr) is not { } limits) return ExitCodes.Unreadable;
            var options = new ValidationOptions
            {
                Limits = limits.Submission,
                Language = parse.GetValue(lang) == "en" ? MessageLanguage.English : MessageLanguage.Japanese,
                // What validates must print: characters the embedded font lacks, and values the form's cells, boxes or
                // date lines cannot hold, are errors here as they are for render.
                PrintCheck = new PrintCheck(ProcedureForms.Rendering.Fonts.FontRegistry.Default.Get(ProcedureForms.Rendering.Fonts.FontRegistry.IpaexMincho)),
            };

            if (FormFiles.TryLoad(formPath, stderr, limits.Definition) is not { } loaded) return ExitCodes.Unreadable;

            using var document = FormFiles.TryReadSubmission(submissionPath, stderr, limits.Submission);
            if (document is null || FormFiles.TryValidate(loaded, document.RootElement, submissionPath, options, stderr) is not { } report)
                return ExitCodes.Unreadable;

            if (parse.GetValue(json))
            {
                stdout.WriteLine(report.ToJson());
            }
            else if (report.IsPrintable)
            {
                stdout.WriteLine($"OK: {submissionPath} is valid for {FormFiles.Describe(loaded)}.");
            }
            else if (!report.IsValid)
            {
                WriteErrors(report.Errors, options.Language, stderr);
            }
            else
            {
                WritePrintProblems(report.PrintProblems, options.Language, stderr);
            }
            return report.IsPrintable ? ExitCodes.Ok : report.IsValid ? ExitCodes.CannotPrint : ExitCodes.Invalid;
        });
        return command;
    }

    /// <summary>What the form cannot print of a valid submission: one line each, then a line saying whose problem it is.</summary>
    public static void WritePrintProblems(IReadOnlyList<ValidationError> problems, MessageLanguage language, TextWriter stderr)
    {
        foreach (var problem in problems)
            stderr.WriteLine(TerminalText.Safe($"{(problem.Pointer.Length == 0 ? "/" : problem.Pointer)}: {problem.Message}"));
        stderr.WriteLine(language == MessageLanguage.English
            ? $"The submission is valid, but this form cannot print {problems.Count} value(s): a problem of the form (exit 3)."
            : $"申請内容は正しいものの、この様式では{problems.Count}件の値を印刷できません（様式の問題です。終了コード3）。");
    }

    /// <summary>One line per error, then the count: how every command reports a submission's problems.</summary>
    public static void WriteErrors(IReadOnlyList<ValidationError> errors, MessageLanguage language, TextWriter stderr)
    {
        foreach (var error in errors)
            stderr.WriteLine(TerminalText.Safe($"{(error.Pointer.Length == 0 ? "/" : error.Pointer)}: {error.Message}"));
        stderr.WriteLine(language == MessageLanguage.English ? $"{errors.Count} error(s)." : $"{errors.Count}件のエラーがあります。");
    }
}
