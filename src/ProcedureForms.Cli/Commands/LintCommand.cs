using System.CommandLine;
using ProcedureForms.Definitions;

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
            try
            {
                var loaded = ProcedureForm.FromFile(path);
                stdout.WriteLine($"OK: {path} loads ({Describe(loaded)}).");
                return ExitCodes.Ok;
            }
            catch (FormDefinitionException e)
            {
                foreach (var error in e.Errors)
                    stderr.WriteLine($"{path}:{(error.Pointer.Length == 0 ? "/" : error.Pointer)}: {error.Message}");
                stderr.WriteLine($"{e.Errors.Count} error(s).");
                return ExitCodes.Invalid;
            }
        });
        return command;
    }

    internal static string Describe(ProcedureForm form) =>
        form.Id is null ? $"plain JSON Schema 2020-12, \"{form.Title}\"" : $"{form.Id} {form.Version}, \"{form.Title}\"";
}
