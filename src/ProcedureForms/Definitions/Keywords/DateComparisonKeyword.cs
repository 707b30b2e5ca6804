using System.Text.Json;
using Json.Schema;
using ProcedureForms.Japanese;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// Shared logic of <c>dateNotAfter</c> and <c>dateNotBefore</c>: compare this date field with another one, or with a
/// number of days from it: <c>{"reference": "/applicationDate", "days": 14}</c> (at most 14 days after it, for
/// <c>dateNotAfter</c>; a negative number counts back).
/// </summary>
/// <remarks>Either side may be ISO (2026-11-26) or 和暦 (令和8年11月26日). When either is absent or unreadable the rule
/// stays silent: <c>required</c> and <c>format</c> report those.</remarks>
internal abstract class DateComparisonKeyword : IKeywordHandler
{
    /// <summary>The date a rule compares with: another field's, moved by <paramref name="Days"/>.</summary>
    internal sealed record Rule(FieldReference Reference, int Days);

    public abstract string Name { get; }

    protected abstract bool InOrder(DateOnly value, DateOnly other);

    public object? ValidateKeywordValue(JsonElement value) => Read(value, Name);

    /// <summary>Reads <c>"/pointer"</c> or <c>{"reference": "/pointer", "days": n}</c>.</summary>
    internal static Rule Read(JsonElement value, string keyword)
    {
        if (value.ValueKind != JsonValueKind.Object) return new Rule(FieldReference.Parse(value, keyword), 0);
        if (!value.TryGetProperty("reference", out var reference))
            throw new JsonSchemaException($"'{keyword}' as an object needs a 'reference' pointer and 'days'.");
        var days = 0;
        if (value.TryGetProperty("days", out var d) && (!d.TryGetInt32(out days) || Math.Abs(days) > 36600))
            throw new JsonSchemaException($"'{keyword}.days' must be a whole number of days (at most 36600 either way).");
        return new Rule(FieldReference.Parse(reference, keyword + ".reference"), days);
    }

    public void BuildSubschemas(KeywordData keyword, BuildContext context) { }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String ||
            !JapaneseDate.TryParseAny(context.Instance.GetString(), out var value))
            return KeywordEvaluation.Ignore;
        var rule = (Rule)keyword.Value!;
        var other = rule.Reference.Find(context);
        if (other is not { ValueKind: JsonValueKind.String } o || !JapaneseDate.TryParseAny(o.GetString(), out var otherDate))
            return KeywordEvaluation.Ignore;
        // Beyond the calendar's ends a moved date is out of any range a form admits.
        var moved = otherDate.DayNumber + rule.Days;
        if (moved < DateOnly.MinValue.DayNumber || moved > DateOnly.MaxValue.DayNumber)
            return new KeywordEvaluation { Keyword = Name, IsValid = false, Error = ErrorCodes.DateOrder };
        return InOrder(value, DateOnly.FromDayNumber(moved))
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = ErrorCodes.DateOrder };
    }
}

/// <summary><c>dateNotAfter</c>: this date may not be later than the date at the given pointer (a birth date not after the application date).</summary>
internal sealed class DateNotAfterKeyword : DateComparisonKeyword
{
    public static DateNotAfterKeyword Instance { get; } = new();
    public override string Name => "dateNotAfter";
    protected override bool InOrder(DateOnly value, DateOnly other) => value <= other;
}

/// <summary><c>dateNotBefore</c>: this date may not be earlier than the date at the given pointer.</summary>
internal sealed class DateNotBeforeKeyword : DateComparisonKeyword
{
    public static DateNotBeforeKeyword Instance { get; } = new();
    public override string Name => "dateNotBefore";
    protected override bool InOrder(DateOnly value, DateOnly other) => value >= other;
}
