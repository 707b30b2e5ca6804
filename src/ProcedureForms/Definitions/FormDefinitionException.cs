namespace ProcedureForms.Definitions;

/// <summary>One problem in a form definition, located by a JSON Pointer into the definition.</summary>
/// <param name="Pointer">Where in the definition, e.g. <c>/properties/name/maxLength</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong, in English.</param>
/// <param name="Source">The file or resource the definition came from, when the error is reported by a catalog.</param>
public sealed record FormLoadError(string Pointer, string Message, string? Source = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"{(Source is null ? "" : Source + ":")}{(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}

/// <summary>A form definition could not be loaded; <see cref="Errors"/> lists every problem found.</summary>
public sealed class FormDefinitionException : Exception
{
    /// <summary>Creates the exception for a definition from <paramref name="source"/>.</summary>
    public FormDefinitionException(string? source, IReadOnlyList<FormLoadError> errors)
        : base(BuildMessage(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The file or resource the definition came from, when known.</summary>
    public new string? Source { get; }

    /// <summary>Every problem found, each with a JSON Pointer into the definition.</summary>
    public IReadOnlyList<FormLoadError> Errors { get; }

    private static string BuildMessage(string? source, IReadOnlyList<FormLoadError> errors) =>
        $"The form definition{(source is null ? "" : $" {source}")} has {errors.Count} error(s):" +
        string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
