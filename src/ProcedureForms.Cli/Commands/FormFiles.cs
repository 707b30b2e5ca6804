using ProcedureForms.Definitions;

namespace ProcedureForms.Cli.Commands;

/// <summary>Loading a form for a command, with its errors written for people, one per line: <c>FORM:/pointer: message</c>.</summary>
internal static class FormFiles
{
    public static ProcedureForm? TryLoad(string path, TextWriter stderr)
    {
        try
        {
            return ProcedureForm.FromFile(path);
        }
        catch (FormDefinitionException e)
        {
            foreach (var error in e.Errors)
                stderr.WriteLine($"{path}:{(error.Pointer.Length == 0 ? "/" : error.Pointer)}: {error.Message}");
            stderr.WriteLine($"{e.Errors.Count} error(s) in the form definition.");
            return null;
        }
    }

    public static string Describe(ProcedureForm form) =>
        form.Id is null ? $"plain JSON Schema 2020-12, \"{form.Title}\"" : $"{form.Id} {form.Version}, \"{form.Title}\"";
}

/// <summary>The municipality a command prints for: <c>--profile FILE</c>, else <c>--municipality NAME</c>.</summary>
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
