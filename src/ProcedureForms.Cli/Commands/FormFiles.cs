using ProcedureForms.Definitions;

namespace ProcedureForms.Cli.Commands;

/// <summary>Loading a form for a command, with its errors written for people, one per line: <c>FORM:/pointer: message</c>.</summary>
internal static class FormFiles
{
    public static ProcedureForm? TryLoad(string path, TextWriter stderr, DefinitionLimits? limits = null)
    {
        try
        {
            return ProcedureForm.FromFile(path, limits is null ? null : new FormLoadOptions { Limits = limits });
        }
        catch (FormDefinitionException e)
        {
            foreach (var error in e.Errors)
                stderr.WriteLine(TerminalText.Safe($"{path}:{(error.Pointer.Length == 0 ? "/" : error.Pointer)}: {error.Message}"));
            stderr.WriteLine($"{e.Errors.Count} error(s) in the form definition.");
            return null;
        }
    }

    /// <summary>
    /// Reads a submission, or writes one line saying why it cannot be read (position only: a parse error can quote
    /// submission data) and returns null.
    /// </summary>
    public static System.Text.Json.JsonDocument? TryReadSubmission(string path, TextWriter stderr, ProcedureForms.Validation.SubmissionLimits? limits = null)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return SubmissionReader.Parse(stream, limits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"procforms: cannot read the submission {path}: {e.Message}");
        }
        catch (SubmissionFormatException e)
        {
            stderr.WriteLine($"procforms: {path}: {e.Message}");
        }
        return null;
    }

    /// <summary>Validates, or writes why the submission is not readable text (an unpaired surrogate) and returns null.</summary>
    public static ProcedureForms.Validation.ValidationReport? TryValidate(ProcedureForm form, System.Text.Json.JsonElement submission, string path, ProcedureForms.Validation.ValidationOptions? options, TextWriter stderr)
    {
        try
        {
            return form.Validate(submission, options);
        }
        catch (SubmissionFormatException e)
        {
            stderr.WriteLine($"procforms: {path}: {e.Message}");
            return null;
        }
    }

    public static string Describe(ProcedureForm form) =>
        form.Id is null ? $"plain JSON Schema 2020-12, \"{form.Title}\"" : $"{form.Id} {form.Version}, \"{form.Title}\"";

    /// <summary>The lint error whose risk the print check of each submission already covers.</summary>
    private const string PerSubmission = "value-does-not-fit";

    /// <summary>
    /// The gate before printing: a definition with lint errors is refused (its errors on stderr), unless
    /// <paramref name="force"/>, when they are printed and printing goes on.
    /// </summary>
    public static bool PassesLint(ProcedureForm form, string path, TextWriter stderr, bool force)
    {
        var all = FormLinter.Lint(form).Where(f => f.Severity == LintSeverity.Error).ToList();
        // A longest value that would not fit is guarded for each submission by the print check (exit 3 for the one that
        // does not fit): said, but every submission that fits still prints.
        foreach (var finding in all.Where(f => f.Code == PerSubmission))
            stderr.WriteLine(TerminalText.Safe($"{path}:{(finding.Pointer.Length == 0 ? "/" : finding.Pointer)}: error {finding.Code} (each submission is still checked): {finding.Message}"));
        var errors = all.Where(f => f.Code != PerSubmission).ToList();
        foreach (var finding in errors)
            stderr.WriteLine(TerminalText.Safe($"{path}:{(finding.Pointer.Length == 0 ? "/" : finding.Pointer)}: error {finding.Code}: {finding.Message}"));
        if (errors.Count == 0 || force) return true;
        stderr.WriteLine($"{errors.Count} design error(s) in the form definition (procforms lint): nothing was printed{(force ? "" : "; --force prints it anyway")}.");
        return false;
    }
}

internal static class Profiles
{
    public static ProcedureForms.Rendering.MunicipalityProfile? Read(string? name, string? profilePath, TextWriter stderr)
    {
        if (profilePath is null) return name is null ? null : new ProcedureForms.Rendering.MunicipalityProfile(name);
        try
        {
            return ProcedureForms.Rendering.MunicipalityProfile.FromJson(File.ReadAllText(profilePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            stderr.WriteLine($"procforms: the profile {profilePath} cannot be used: {e.Message}");
            throw new OperationCanceledException("bad profile");
        }
    }
}
