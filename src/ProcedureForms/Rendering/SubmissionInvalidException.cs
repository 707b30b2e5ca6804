using ProcedureForms.Validation;

namespace ProcedureForms.Rendering;

/// <summary>
/// <see cref="FormRenderer"/> was asked to print a submission that does not validate against its form; nothing is
/// written. Set <see cref="RenderOptions.Unvalidated"/> to print a draft or a 記入例 anyway (its pages are then marked).
/// </summary>
/// <remarks>The message gives only the count: the errors' pointers and messages are in <see cref="Report"/>.</remarks>
public sealed class SubmissionInvalidException(ValidationReport report)
    : Exception($"The submission is not valid for this form ({report.Errors.Count} error(s), see Report); nothing was printed.")
{
    /// <summary>The validation report, as <see cref="Definitions.ProcedureForm.Validate(System.Text.Json.JsonElement, ValidationOptions?)"/> gives it.</summary>
    public ValidationReport Report { get; } = report;
}
