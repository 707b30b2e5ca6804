namespace ProcedureForms.Validation;

/// <summary>How a submission is validated and in which language its messages are written.</summary>
public sealed record ValidationOptions
{
    /// <summary>Japanese messages, formats asserted as the form was loaded, no print check.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>The language of the messages.</summary>
    public MessageLanguage Language { get; init; } = MessageLanguage.Japanese;

    /// <summary>
    /// When set, every string is also checked for characters that cannot be printed (see <see cref="Validation.PrintCheck"/>);
    /// with a font of the renderer's (<c>FontRegistry</c>), also every value the printed form cannot hold: too long for its
    /// cell even shrunk and wrapped, more characters than its boxes, a date in an era its date line does not print.
    /// </summary>
    public PrintCheck? PrintCheck { get; init; }

    /// <summary>What one submission may cost (see <see cref="SubmissionLimits"/>).</summary>
    public SubmissionLimits Limits { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = SubmissionLimits.Default;

    /// <summary>The renderer lays the form out itself: it asks for the character check only.</summary>
    internal bool SkipLayoutCheck { get; init; }
}

/// <summary>The language of validation messages.</summary>
public enum MessageLanguage
{
    /// <summary>日本語 (default).</summary>
    Japanese,
    /// <summary>English.</summary>
    English,
}
