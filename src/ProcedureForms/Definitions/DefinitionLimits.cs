namespace ProcedureForms.Definitions;

/// <summary>
/// Bounds on a form definition, checked before it is compiled: a definition beyond one fails to load with an error
/// naming the limit and the pointer (and <c>procforms lint</c> reports it), instead of taking minutes to build.
/// </summary>
public sealed record DefinitionLimits
{
    /// <summary>4 MiB, 1,000 values per enum, 1,000 characters per pattern.</summary>
    public static DefinitionLimits Default { get; } = new();

    /// <summary>The largest definition (and each referenced document), in UTF-8 bytes.</summary>
    public int MaxBytes { get; init => field = Positive(value); } = 4 * 1024 * 1024;

    /// <summary>The most values in one <c>enum</c>.</summary>
    public int MaxEnumValues { get; init => field = Positive(value); } = 1_000;

    /// <summary>The longest regular expression in <c>pattern</c> or a <c>patternProperties</c> name, in characters.</summary>
    public int MaxPatternLength { get; init => field = Positive(value); } = 1_000;

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A limit must be positive.");
}
