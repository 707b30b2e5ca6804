using ProcedureForms.Rendering.Fonts;

namespace ProcedureForms.Rendering;

/// <summary>How a form is printed.</summary>
public sealed record RenderOptions
{
    /// <summary>IPAex Mincho, no municipality, 個人番号 unmasked, plain PDF, fixed timestamp.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>The municipality profile of the host (it fills the addressee line: 「（宛先）板橋区長」). A string converts to a profile.</summary>
    public MunicipalityProfile? Municipality { get; init; }

    /// <summary>Print every 個人番号 as ＊ (for copies).</summary>
    public bool MaskMyNumber { get; init; }

    /// <summary>
    /// Write the PDF even when some values do not fit their cells (see <see cref="Layout.LayoutDocument.Problems"/>): those
    /// cells are left empty. For drafts of invalid submissions (<c>procforms render --force</c>); a character the font
    /// cannot draw is still refused.
    /// </summary>
    public bool LeaveUnfittedBlank { get; init; }

    /// <summary>Mark every page 「記入例」: the form filled from an example submission, for the counter or the website.</summary>
    public bool Example { get; init; }

    /// <summary>
    /// Print without validating the submission: a draft, or a 記入例 with placeholder values. Every page is then marked
    /// (「記入例」 with <see cref="Example"/>, otherwise 「下書き」), so unvalidated output cannot pass for a filed form.
    /// By default a submission that does not validate is refused with <see cref="SubmissionInvalidException"/>. Values
    /// that cannot be read one way only (a field named twice, a number too long to write out) are refused either way.
    /// </summary>
    public bool Unvalidated { get; init; }

    /// <summary>The limits the renderer's own validation holds each submission to (see <see cref="Validation.SubmissionLimits"/>).</summary>
    public Validation.SubmissionLimits Limits { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = Validation.SubmissionLimits.Default;

    /// <summary>
    /// The most pages one document may print (a table's extra rows go to continuation sheets); beyond it the document
    /// is refused with one <see cref="PrintCheckException"/> error, before anything is drawn. 100 by default.
    /// </summary>
    public int MaxPages { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A limit must be positive."); } = 100;

    /// <summary>
    /// The caller has just validated this very submission, with the print check in this font and these limits, and it
    /// was valid (the CLI's batch and render do): the renderer does not validate it again. Internal, so that no
    /// outside caller can print unvalidated output without the 下書き mark.
    /// </summary>
    internal bool Prevalidated { get; init; }

    /// <summary>
    /// Write PDF/A-2 (with content-derived document ids, so output stays byte-identical): level A for a generated form,
    /// which is tagged, level B for a template form.
    /// </summary>
    public bool PdfA { get; init; }

    /// <summary>
    /// Leave the structure tree out: only to measure what tagging costs (the benchmarks). Internal, since every
    /// generated form a caller prints is tagged.
    /// </summary>
    internal bool Untagged { get; init; }

    /// <summary>
    /// For a form printed on a template: keep the template's AcroForm fields fillable, each given its value and an
    /// appearance drawn with the embedded Japanese font (no viewer needs to make its own), for a ward that hands a
    /// pre-filled PDF to a resident. Values placed by page and rectangle are drawn on the page as usual. Default false:
    /// the page is flattened, exactly what was validated.
    /// </summary>
    public bool KeepFillable { get; init; }

    /// <summary>The font to print with, by name in <see cref="Fonts"/>.</summary>
    public string FontName { get; init; } = FontRegistry.IpaexMincho;

    /// <summary>The fonts available; register IPAmj Mincho here for MJ names.</summary>
    public FontRegistry Fonts { get; init; } = FontRegistry.Default;

    /// <summary>
    /// The creation and modification date written into the PDF. Fixed by default, so that the same input always gives
    /// the same bytes; hosts that want the real time pass it.
    /// </summary>
    public DateTime Timestamp { get; init; } = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
