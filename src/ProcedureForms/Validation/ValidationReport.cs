using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ProcedureForms.Validation;

/// <summary>The outcome of validating one submission.</summary>
public sealed class ValidationReport
{
    internal ValidationReport(IReadOnlyList<ValidationError> errors, IReadOnlyList<ValidationError>? printProblems = null)
    {
        Errors = errors;
        PrintProblems = printProblems ?? [];
    }

    /// <summary>The report of a valid submission (immutable, so one serves every call).</summary>
    internal static ValidationReport Valid { get; } = new([]);

    /// <summary>True when the resident made no error (<see cref="Errors"/> is empty); see <see cref="IsPrintable"/> for the form's side.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>True when the submission is valid and the form can print all of it: what the renderer will accept.</summary>
    public bool IsPrintable => Errors.Count == 0 && PrintProblems.Count == 0;

    /// <summary>Every error the resident can correct, in the order of the form's fields.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>
    /// What the form cannot print of a submission, found by the print check (<see cref="ValidationOptions.PrintCheck"/>):
    /// a character its font lacks, a value its cell or boxes cannot hold. These are the form's faults, not the resident's:
    /// keyword <c>print</c>, worded for staff and the form's designer, in the order of the form's fields.
    /// </summary>
    public IReadOnlyList<ValidationError> PrintProblems { get; }

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// Writes <c>{"valid": bool, "errors": [{"pointer", "keyword", "label", "message"}], "printable": bool, "printProblems": [...]}</c>,
    /// the CLI's <c>--json</c> output.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("valid", IsValid);
        WriteErrors(writer, Errors);
        writer.WriteBoolean("printable", IsPrintable);
        WriteErrors(writer, PrintProblems, "printProblems");
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"errors": [{"pointer", "keyword", "label", "message"}]</c> into an open object (also the batch report's).</summary>
    internal static void WriteErrors(Utf8JsonWriter writer, IEnumerable<ValidationError> errors, string name = "errors")
    {
        writer.WriteStartArray(name);
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("pointer", error.Pointer);
            writer.WriteString("keyword", error.Keyword);
            writer.WriteString("label", error.Label);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>The report as one line of JSON (see <see cref="WriteJson"/>).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) WriteJson(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>One problem with a submission.</summary>
/// <param name="Pointer">JSON Pointer to the field in the submission (a missing field's own pointer).</param>
/// <param name="Keyword">The schema keyword that failed (<c>required</c>, <c>format</c>, <c>ageOn</c>, <c>print</c>, …).</param>
/// <param name="Label">The field as the paper form names it: its title, with the titles of enclosing blocks for nested fields.</param>
/// <param name="Message">A sentence for the resident, naming the label and the limit.</param>
public sealed record ValidationError(string Pointer, string Keyword, string Label, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}
