using System.Text.Json;
using ProcedureForms.Definitions.Lint;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Definitions;

/// <summary>How serious a lint finding is: errors fail <c>procforms lint</c> and stop <c>render</c>; warnings do not.</summary>
public enum LintSeverity
{
    /// <summary>Worth fixing; the form still works.</summary>
    Warning,
    /// <summary>The form would mislead residents or staff, or a rule cannot work.</summary>
    Error,
    /// <summary>What lint chose where the definition is silent (the eras a date line prints): nothing to fix. Below <see cref="Warning"/>, so comparisons by order keep their meaning.</summary>
    Info = -1,
}

/// <summary>A design mistake found in a form that loads.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Pointer">Where in the definition.</param>
/// <param name="Code">A stable name for the check, e.g. <c>missing-title</c>.</param>
/// <param name="Message">What is wrong and what to do, in Japanese.</param>
public sealed record LintFinding(LintSeverity Severity, string Pointer, string Code, string Message)
{
    /// <summary><c>error</c>, <c>warning</c> or <c>info</c>, as the CLI prints it.</summary>
    public string SeverityText => Severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "info",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{SeverityText} {Code} {(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}

/// <summary>
/// Design checks beyond what loading enforces, read from the form model: misspelled and misplaced keywords, names in
/// <c>required</c> that no field declares, conditions that can never hold, contradictory limits, labels for values that
/// do not exist, rules on fields of the wrong kind, boxes that cannot hold the value, text the font cannot draw, and
/// pages that overflow. Errors make <c>procforms lint</c> fail and <c>render</c>/<c>watch</c> refuse the form.
/// </summary>
public static class FormLinter
{
    /// <summary>Checks a loaded form's design.</summary>
    public static IReadOnlyList<LintFinding> Lint(ProcedureForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = new LintContext(form);
        if (form.Definition.ValueKind != JsonValueKind.Object) return [];
        KeywordChecks.Run(context);
        FieldChecks.Run(context);
        ConditionChecks.Run(context);
        RuleChecks.Run(context);
        DateChecks.Run(context);
        PrintChecks.Run(context);
        return [.. context.Findings.DistinctBy(f => (f.Pointer, f.Code, f.Message))];
    }

    /// <summary>Whether any finding is an error.</summary>
    public static bool HasErrors(IEnumerable<LintFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Any(f => f.Severity == LintSeverity.Error);
    }
}
