using ProcedureForms.Validation;

namespace ProcedureForms.Rendering;

/// <summary>
/// The form cannot be printed: some text holds characters the chosen font cannot draw, or private-use (外字) or control
/// characters. <see cref="Errors"/> names each field and character; the message itself names only the fields, so that
/// logging it never writes a resident's data.
/// </summary>
public sealed class PrintCheckException(IReadOnlyList<ValidationError> errors)
    : Exception($"The form cannot be printed: {errors.Count} field(s) hold characters the font cannot draw ({string.Join(", ", errors.Select(e => e.Pointer.Length == 0 ? "/" : e.Pointer))}).")
{
    /// <summary>One error per field, with keyword <c>print</c>, naming the character.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
