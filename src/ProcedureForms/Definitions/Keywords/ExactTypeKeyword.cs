using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// <c>type</c> deciding <c>integer</c> from the number's text (see <see cref="JsonNumbers"/>): JsonSchema.Net reads it
/// through <see cref="double"/>, so <c>1e-400</c> and <c>1.0000000000000000001</c> passed as integers and were printed so.
/// </summary>
internal sealed class ExactTypeKeyword : TypeKeyword, IKeywordHandler
{
    public static new ExactTypeKeyword Instance { get; } = new();

    private ExactTypeKeyword() { }

    // Re-implements the interface: TypeKeyword.Evaluate is not virtual.
    public new KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.Number) return base.Evaluate(keyword, context);
        var expected = (SchemaValueType)keyword.Value!;
        var valid = expected.HasFlag(SchemaValueType.Number) ||
                    (expected.HasFlag(SchemaValueType.Integer) && JsonNumbers.IsInteger(context.Instance));
        return new KeywordEvaluation
        {
            Keyword = Name,
            IsValid = valid,
            Error = valid ? null : $"expected {expected.ToString().ToLowerInvariant()}",
        };
    }
}
