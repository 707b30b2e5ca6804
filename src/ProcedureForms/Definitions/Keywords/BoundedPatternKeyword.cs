using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace ProcedureForms.Definitions.Keywords;

/// <summary><c>pattern</c> with a bounded regex (see <see cref="BoundedRegex"/>); JsonSchema.Net's own backtracks without limit.</summary>
internal sealed class BoundedPatternKeyword : PatternKeyword
{
    public static new BoundedPatternKeyword Instance { get; } = new();

    private BoundedPatternKeyword() { }

    public override object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
            throw new JsonSchemaException($"'{Name}' value must be a string, found {value.ValueKind}");
        return BoundedRegex.Create(value.GetString()!);
    }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) =>
        BoundedRegex.Guard(Name, () => base.Evaluate(keyword, context));
}
