namespace ProcedureForms.Definitions;

/// <summary>How form definitions are loaded.</summary>
public sealed record FormLoadOptions
{
    /// <summary>The defaults: formats asserted, no documents beyond the form itself.</summary>
    public static FormLoadOptions Default { get; } = new();

    /// <summary>
    /// Whether <c>format</c> is an assertion (the default, for every form, plain 2020-12 ones included) or only an
    /// annotation, as the core JSON Schema specification has it. With assertion on, an unknown format name is a load error.
    /// </summary>
    public bool AssertFormats { get; init; } = true;

    /// <summary>Other schema documents a form may <c>$ref</c> (shared definitions in a catalog). Nothing else is ever fetched.</summary>
    public IReadOnlyList<ReferenceDocument> Documents { get; init; } = [];

    /// <summary>What a definition may hold (see <see cref="DefinitionLimits"/>).</summary>
    public DefinitionLimits Limits { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = DefinitionLimits.Default;
}

/// <summary>A schema document that forms may reference by <paramref name="Uri"/> (or by its own <c>$id</c>).</summary>
/// <param name="Uri">The absolute URI the document is known by.</param>
/// <param name="Text">The document's JSON text.</param>
public sealed record ReferenceDocument(Uri Uri, string Text);
