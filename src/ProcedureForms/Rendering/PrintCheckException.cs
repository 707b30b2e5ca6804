using ProcedureForms.Validation;

namespace ProcedureForms.Rendering;

/// <summary>
/// A valid submission that this form cannot print: a character its font lacks, a value its cell or boxes cannot hold.
/// The form's fault, not the resident's (<see cref="ValidationReport.PrintProblems"/> gives the same before printing):
/// staff print with another font or by hand, the designer widens the cell. <see cref="Errors"/> names each field (and
/// the character); the message itself names only the fields, so that logging it never writes a resident's data.
/// </summary>
public sealed class PrintCheckException(IReadOnlyList<ValidationError> errors)
    : Exception($"The form cannot print {errors.Count} value(s) of this submission, a problem of the form rather than of the submission ({string.Join(", ", errors.Select(e => e.Pointer.Length == 0 ? "/" : e.Pointer))}).")
{
    /// <summary>
    /// One entry per field, keyword <c>print</c>, worded for staff and the designer. A draft
    /// (<see cref="RenderOptions.Unvalidated"/>) also lists here what no sheet prints (keyword <c>character</c>: private-use
    /// or control characters) and values that cannot be read one way (<c>duplicate</c>, <c>number-length</c>, limits).
    /// </summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
