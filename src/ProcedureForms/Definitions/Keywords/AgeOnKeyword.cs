using System.Text.Json;
using Json.Schema;
using ProcedureForms.Japanese;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// <c>ageOn</c>, placed on a birth-date field: the age (counted as Japanese law counts it) on a date derived from another
/// field must lie within <c>minimum</c>..<c>maximum</c>.
/// <c>{"reference": "/applicationDate", "on": "previousFiscalYearEnd", "maximum": 17}</c> is the 児童手当 rule
/// "paid through the March 31 after the 18th birthday".
/// </summary>
internal sealed class AgeOnKeyword : IKeywordHandler
{
    public static AgeOnKeyword Instance { get; } = new();

    public string Name => "ageOn";

    internal sealed record Rule(FieldReference Reference, AgeBasis On, int? Minimum, int? Maximum)
    {
        public DateOnly ReferenceDay(DateOnly reference) => On switch
        {
            AgeBasis.FiscalYearEnd => Age.FiscalYearEnd(reference),
            AgeBasis.PreviousFiscalYearEnd => Age.FiscalYearStart(reference).AddDays(-1),
            _ => reference,
        };
    }

    public object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("reference", out var reference))
            throw new JsonSchemaException("'ageOn' must be an object with a 'reference' pointer.");
        var on = AgeBasis.Date;
        if (value.TryGetProperty("on", out var onValue))
        {
            on = onValue.GetString() switch
            {
                "date" => AgeBasis.Date,
                "fiscalYearEnd" => AgeBasis.FiscalYearEnd,
                "previousFiscalYearEnd" => AgeBasis.PreviousFiscalYearEnd,
                _ => throw new JsonSchemaException("'ageOn.on' must be \"date\", \"fiscalYearEnd\" or \"previousFiscalYearEnd\"."),
            };
        }
        int? Bound(string name) => value.TryGetProperty(name, out var b) && b.TryGetInt32(out var i) ? i : null;
        var rule = new Rule(FieldReference.Parse(reference, "ageOn.reference"), on, Bound("minimum"), Bound("maximum"));
        if (rule.Minimum is null && rule.Maximum is null)
            throw new JsonSchemaException("'ageOn' needs 'minimum', 'maximum' or both.");
        return rule;
    }

    public void BuildSubschemas(KeywordData keyword, BuildContext context) { }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String ||
            !JapaneseDate.TryParseAny(context.Instance.GetString(), out var birth))
            return KeywordEvaluation.Ignore;
        var rule = (Rule)keyword.Value!;
        var other = rule.Reference.Find(context);
        if (other is not { ValueKind: JsonValueKind.String } o || !JapaneseDate.TryParseAny(o.GetString(), out var reference))
            return KeywordEvaluation.Ignore;
        int age;
        try
        {
            age = Age.On(birth, rule.ReferenceDay(reference));
        }
        catch (ArgumentOutOfRangeException)
        {
            // A reference at the calendar's very ends (0001, 9999) has no fiscal year to count on: no age can be given.
            return new KeywordEvaluation { Keyword = Name, IsValid = false, Error = ErrorCodes.AgeRange };
        }
        var ok = (rule.Minimum is null || age >= rule.Minimum) && (rule.Maximum is null || age <= rule.Maximum);
        return ok
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = ErrorCodes.AgeRange };
    }
}

/// <summary>Which day an <c>ageOn</c> rule measures the age on.</summary>
internal enum AgeBasis
{
    Date,
    FiscalYearEnd,
    PreviousFiscalYearEnd,
}
