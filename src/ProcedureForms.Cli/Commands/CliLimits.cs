using System.CommandLine;
using System.Globalization;
using ProcedureForms.Definitions;
using ProcedureForms.Validation;

namespace ProcedureForms.Cli.Commands;

/// <summary>
/// <c>--limit NAME=VALUE</c> (repeatable): the library's <see cref="SubmissionLimits"/>, <see cref="DefinitionLimits"/>
/// and <c>RenderOptions.MaxPages</c>, raised or lowered for one run. Unknown names and non-positive values are usage errors.
/// </summary>
internal sealed record CliLimits(SubmissionLimits Submission, DefinitionLimits Definition, int MaxPages)
{
    public static CliLimits Default { get; } = new(SubmissionLimits.Default, DefinitionLimits.Default, ProcedureForms.Rendering.RenderOptions.Default.MaxPages);

    private static readonly string[] Names =
    [
        "bytes", "depth", "properties", "items", "string-length", "errors", "regex-ms", "pages",
        "definition-bytes", "enum-values", "pattern-length",
    ];

    public static Option<string[]> CreateOption() => new("--limit")
    {
        Description = "Change a limit for this run, NAME=VALUE (repeatable): " + string.Join(", ", Names) + ". Defaults: " + Defaults() + ".",
        Arity = ArgumentArity.ZeroOrMore,
    };

    // Read from the library's defaults, so the help cannot drift from them.
    private static string Defaults()
    {
        var (s, d) = (Default.Submission, Default.Definition);
        return string.Create(CultureInfo.InvariantCulture,
            $"bytes={s.MaxBytes} depth={s.MaxDepth} properties={s.MaxProperties} items={s.MaxItems} string-length={s.MaxStringLength} " +
            $"errors={s.MaxErrors} regex-ms={s.MaxRegexTime.TotalMilliseconds} pages={Default.MaxPages} definition-bytes={d.MaxBytes} " +
            $"enum-values={d.MaxEnumValues} pattern-length={d.MaxPatternLength}");
    }

    /// <summary>The limits the option gives, or null after writing one line saying what is wrong.</summary>
    public static CliLimits? Parse(string[]? values, TextWriter stderr)
    {
        var limits = Default;
        foreach (var value in values ?? [])
        {
            var eq = value.IndexOf('=');
            var name = eq < 0 ? value : value[..eq];
            if (eq < 0 || !int.TryParse(value[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                stderr.WriteLine($"procforms: --limit {name}: give NAME=VALUE with a positive whole number.");
                return null;
            }
            var s = limits.Submission;
            var d = limits.Definition;
            limits = name switch
            {
                "bytes" => limits with { Submission = s with { MaxBytes = n } },
                "depth" => limits with { Submission = s with { MaxDepth = n } },
                "properties" => limits with { Submission = s with { MaxProperties = n } },
                "items" => limits with { Submission = s with { MaxItems = n } },
                "string-length" => limits with { Submission = s with { MaxStringLength = n } },
                "errors" => limits with { Submission = s with { MaxErrors = n } },
                "regex-ms" => limits with { Submission = s with { MaxRegexTime = TimeSpan.FromMilliseconds(n) } },
                "pages" => limits with { MaxPages = n },
                "definition-bytes" => limits with { Definition = d with { MaxBytes = n } },
                "enum-values" => limits with { Definition = d with { MaxEnumValues = n } },
                "pattern-length" => limits with { Definition = d with { MaxPatternLength = n } },
                _ => null,
            };
            if (limits is null)
            {
                stderr.WriteLine($"procforms: --limit: no limit is called '{name}' (one of: {string.Join(", ", Names)}).");
                return null;
            }
        }
        return limits;
    }
}
