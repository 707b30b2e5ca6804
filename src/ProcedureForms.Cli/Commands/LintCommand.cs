using System.CommandLine;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// <c>procforms lint FORM.json</c>: 0 when the definition loads and has no design errors (warnings are printed but do
/// not fail), else 1 with every error.
/// </summary>
internal static class LintCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var form = new Argument<string>("FORM") { Description = "The form definition (JSON)." };
        var limit = CliLimits.CreateOption();
        var command = new Command("lint", "Check that a form definition loads; print each error with its JSON Pointer.") { form, limit };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(form)!;
            if (CliLimits.Parse(parse.GetValue(limit), stderr) is not { } limits) return ExitCodes.Unreadable;
            if (FormFiles.TryLoad(path, stderr, limits.Definition) is not { } loaded) return ExitCodes.Invalid;
            return Report(path, loaded, stdout, stderr);
        });
        return command;
    }

    /// <summary>Prints the design findings; 1 when any is an error.</summary>
    public static int Report(string path, ProcedureForms.Definitions.ProcedureForm loaded, TextWriter stdout, TextWriter stderr)
    {
        var findings = ProcedureForms.Definitions.FormLinter.Lint(loaded);
        foreach (var finding in findings)
            stderr.WriteLine(TerminalText.Safe($"{path}:{(finding.Pointer.Length == 0 ? "/" : finding.Pointer)}: {finding.SeverityText} {finding.Code}: {finding.Message}"));
        var errors = findings.Count(f => f.Severity == ProcedureForms.Definitions.LintSeverity.Error);
        var warnings = findings.Count(f => f.Severity == ProcedureForms.Definitions.LintSeverity.Warning);
        if (errors > 0)
        {
            stderr.WriteLine($"{errors} error(s), {warnings} warning(s).");
            return ExitCodes.Invalid;
        }
        stdout.WriteLine($"OK: {path} loads ({FormFiles.Describe(loaded)}){(warnings > 0 ? $", {warnings} warning(s)" : "")}.");
        return ExitCodes.Ok;
    }
}
