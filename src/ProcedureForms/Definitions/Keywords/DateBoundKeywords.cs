using System.Text.Json;
using Json.Schema;
using ProcedureForms.Japanese;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// Shared logic of <c>formatMinimum</c> and <c>formatMaximum</c> on a date field: a fixed first or last day
/// (<c>"2019-05-01"</c> or <c>"令和元年5月1日"</c>), inclusive. They also decide which eras the date line prints.
/// </summary>
/// <remarks>An absent or unreadable value stays silent here: <c>required</c> and <c>format</c> report those.</remarks>
internal abstract class DateBoundKeyword : IKeywordHandler
{
    public abstract string Name { get; }

    protected abstract bool Within(DateOnly value, DateOnly bound);

    public object? ValidateKeywordValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && JapaneseDate.TryParseAny(value.GetString(), out var bound)
            ? bound
            : throw new JsonSchemaException($"'{Name}' must be a date such as \"2019-05-01\" or \"令和元年5月1日\".");

    public void BuildSubschemas(KeywordData keyword, BuildContext context) { }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String || !JapaneseDate.TryParseAny(context.Instance.GetString(), out var value))
            return KeywordEvaluation.Ignore;
        return Within(value, (DateOnly)keyword.Value!)
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = ErrorCodes.DateOrder };
    }
}

/// <summary><c>formatMinimum</c>: the earliest date the field accepts (inclusive).</summary>
internal sealed class FormatMinimumKeyword : DateBoundKeyword
{
    public static FormatMinimumKeyword Instance { get; } = new();
    public override string Name => "formatMinimum";
    protected override bool Within(DateOnly value, DateOnly bound) => value >= bound;
}

/// <summary><c>formatMaximum</c>: the latest date the field accepts (inclusive).</summary>
internal sealed class FormatMaximumKeyword : DateBoundKeyword
{
    public static FormatMaximumKeyword Instance { get; } = new();
    public override string Name => "formatMaximum";
    protected override bool Within(DateOnly value, DateOnly bound) => value <= bound;
}
