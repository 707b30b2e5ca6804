using System.Text.Json;
using Json.Schema;
using ProcedureForms.Japanese;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>Shared logic of <c>dateNotAfter</c> and <c>dateNotBefore</c>: compare this date field with another one.</summary>
/// <remarks>Either side may be ISO (2026-11-26) or 和暦 (令和8年11月26日). When either is absent or unreadable the rule
/// stays silent: <c>required</c> and <c>format</c> report those.</remarks>
internal abstract class DateComparisonKeyword : IKeywordHandler
{
    public abstract string Name { get; }

    protected abstract bool InOrder(DateOnly value, DateOnly other);

    public object? ValidateKeywordValue(JsonElement value) => FieldReference.Parse(value, Name);

    public void BuildSubschemas(KeywordData keyword, BuildContext context) { }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String ||
            !JapaneseDate.TryParseAny(context.Instance.GetString(), out var value))
            return KeywordEvaluation.Ignore;
        var other = ((FieldReference)keyword.Value!).Find(context);
        if (other is not { ValueKind: JsonValueKind.String } o || !JapaneseDate.TryParseAny(o.GetString(), out var otherDate))
            return KeywordEvaluation.Ignore;
        return InOrder(value, otherDate)
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
