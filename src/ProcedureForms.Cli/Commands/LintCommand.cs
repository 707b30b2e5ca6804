using System.CommandLine;

namespace ProcedureForms.Cli.Commands;

/// <summary><c>procforms lint FORM.json</c>: 0 when the definition loads, else 1 with its errors.</summary>
internal static class LintCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var form = new Argument<string>("FORM") { Description = "The form definition (JSON)." };
        var command = new Command("lint", "Check that a form definition loads; print each error with its JSON Pointer.") { form };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(form)!;
            if (FormFiles.TryLoad(path, stderr) is not { } loaded) return ExitCodes.Invalid;
            stdout.WriteLine($"OK: {path} loads ({FormFiles.Describe(loaded)}).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
