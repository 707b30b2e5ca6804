namespace ProcedureForms.Templates;

/// <summary>
/// A template PDF cannot be used: it is protected by a password, is an XFA form, is damaged, exceeds the reading
/// limits, or is not the file the definition pinned. The message names the file and the problem, never its content.
/// </summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public TemplateException(string file, string problem, Exception? inner = null)
        : base($"Template {file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The template's file name (or the name it was given).</summary>
    public string File { get; }

    /// <summary>What is wrong, in English.</summary>
    public string Problem { get; }
}

/// <summary>
/// Bounds on reading a template PDF, so a hostile file cannot hang or exhaust the process: the file's size, the number
/// of objects, how deeply arrays and dictionaries nest, and the bytes its compressed streams may expand to.
/// </summary>
public sealed record TemplateLimits
{
    /// <summary>The defaults: 20 MB, 100,000 objects, nesting 64, 200 MB expanded, 50 pages.</summary>
    public static TemplateLimits Default { get; } = new();

    /// <summary>The largest template file, in bytes.</summary>
    public long MaxBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>The most objects a template may hold.</summary>
    public int MaxObjects { get; init; } = 100_000;

    /// <summary>The deepest nesting of arrays and dictionaries.</summary>
    public int MaxNesting { get; init; } = 64;

    /// <summary>The most bytes the template's compressed streams may expand to, together.</summary>
    public long MaxExpandedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>The most pages a template may have.</summary>
    public int MaxPages { get; init; } = 50;
}
