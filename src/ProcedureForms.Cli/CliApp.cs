using System.CommandLine;
using ProcedureForms.Cli.Commands;

namespace ProcedureForms.Cli;

/// <summary>The <c>procforms</c> command line. Exit codes are a contract that scripts depend on: see <see cref="ExitCodes"/>.</summary>
public static class CliApp
{
    /// <summary>Runs the command line with the given arguments and writers, returning the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("procforms: lint, validate, print, watch and batch-print ProcedureForms definitions (行政手続の申請書).")
        {
            LintCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout, stderr),
            RenderCommand.Create(stdout, stderr),
            BatchCommand.Create(stdout, stderr),
            WatchCommand.Create(stdout, stderr),
            TemplateCommand.Create(stdout, stderr),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"procforms: {error.Message}");
            stderr.WriteLine("Run 'procforms --help' for usage.");
            return ExitCodes.Unreadable;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Unreadable; // the command already said what it could not read
        }
        catch (Exception e)
        {
            // A bug, not a user mistake: say so in one line (no stack trace, and no exception message, which might quote
            // input) and exit 2 so that scripts never read it as "invalid".
            stderr.WriteLine($"procforms: internal error ({e.GetType().Name}). Please report it with the command you ran.");
            return ExitCodes.Unreadable;
        }
    }
}

/// <summary>The exit codes of <c>procforms</c>.</summary>
public static class ExitCodes
{
    /// <summary>The definition loads (lint) or the submission is valid (validate).</summary>
    public const int Ok = 0;
    /// <summary>The definition has errors (lint) or the submission is invalid (validate).</summary>
    public const int Invalid = 1;
    /// <summary>The form or submission cannot be read, or the command line is wrong.</summary>
    public const int Unreadable = 2;
    /// <summary>
    /// The submission is valid but this form cannot print it (a character its font lacks, a value its cell cannot hold):
    /// the form's problem, for staff and the designer, not the resident's.
    /// </summary>
    public const int CannotPrint = 3;
    /// <summary>Stopped by Ctrl+C (batch): what was printed is kept.</summary>
    public const int Cancelled = 130;
}
