using ProcedureForms.Validation;

namespace ProcedureForms.Rendering;

/// <summary>One document of <see cref="FormRenderer.RenderEach"/>: its PDF, or the errors that kept it from being printed.</summary>
public sealed class BatchResult
{
    internal BatchResult(int index, byte[]? pdf, int pages, IReadOnlyList<ValidationError> errors) =>
        (Index, Pdf, Pages, Errors) = (index, pdf, pages, errors);

    /// <summary>The document's position in the input, from 0.</summary>
    public int Index { get; }

    /// <summary>The PDF, or null when the document was not printed (see <see cref="Errors"/>).</summary>
    public byte[]? Pdf { get; }

    /// <summary>How many pages the PDF has; 0 when not printed.</summary>
    public int Pages { get; }

    /// <summary>Why the document was not printed (validation, print check or limits), worded as validation words them; empty when printed.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>A failure that is not the document's own (thrown by <see cref="FormRenderer.RenderEach"/> in its turn).</summary>
    internal System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; init; }

    /// <summary>Whether the document was printed.</summary>
    public bool Printed => Pdf is not null;

    /// <inheritdoc/>
    public override string ToString() => Printed ? $"#{Index}: {Pages} page(s), {Pdf!.Length:N0} bytes" : $"#{Index}: not printed, {Errors.Count} error(s)";
}
