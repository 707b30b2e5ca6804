namespace ProcedureForms.Validation;

/// <summary>
/// Bounds on what one submission may cost, checked before any schema is evaluated: a submission beyond one is answered
/// at once with an error naming the limit and where (<c>limit:…</c> keywords), never with minutes of work. The defaults
/// are far above any paper form (a form's longest table has tens of rows) and keep the worst case well under a second.
/// </summary>
public sealed record SubmissionLimits
{
    /// <summary>1 MiB, depth 32, 1,000 properties per object and items per array, 10,000 code points per string, 100 errors, 1 s of regex time.</summary>
    public static SubmissionLimits Default { get; } = new();

    /// <summary>The largest submission read from text or a stream, in UTF-8 bytes. Larger input is unreadable (<c>SubmissionFormatException</c>).</summary>
    public int MaxBytes { get; init => field = Positive(value); } = 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays.</summary>
    /// <remarks>At most 1,000: deeper documents are refused by the parser whatever this says.</remarks>
    public int MaxDepth { get; init => field = value is > 0 and <= 1_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The depth limit must be between 1 and 1,000."); } = 32;

    /// <summary>The most properties in one object.</summary>
    public int MaxProperties { get; init => field = Positive(value); } = 1_000;

    /// <summary>The most items in one array, checked before any item is evaluated.</summary>
    public int MaxItems { get; init => field = Positive(value); } = 1_000;

    /// <summary>The longest string, in Unicode code points.</summary>
    public int MaxStringLength { get; init => field = Positive(value); } = 10_000;

    /// <summary>The most errors a report lists; one more error then says how many were left out.</summary>
    public int MaxErrors { get; init => field = Positive(value); } = 100;

    /// <summary>
    /// The total time <c>pattern</c> and <c>patternProperties</c> may spend matching in one validation (each match is also
    /// bounded). When it is spent, the remaining matches fail with an error instead of running.
    /// </summary>
    public TimeSpan MaxRegexTime
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A limit must be positive.");
    } = TimeSpan.FromSeconds(1);

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A limit must be positive.");
}
