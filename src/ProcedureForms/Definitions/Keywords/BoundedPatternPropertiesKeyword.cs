using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace ProcedureForms.Definitions.Keywords;

/// <summary><c>patternProperties</c> with bounded regexes.</summary>
/// <remarks>
/// Registered after the stock keyword in the same dialect: it replaces it by name, while the stock type stays known
/// to the dialect for the keywords whose evaluation order depends on it (additionalProperties, unevaluatedProperties).
/// </remarks>
internal sealed class BoundedPatternPropertiesKeyword : PatternPropertiesKeyword
{
    public static new BoundedPatternPropertiesKeyword Instance { get; } = new();

    private BoundedPatternPropertiesKeyword() { }

    public override object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new JsonSchemaException($"'{Name}' value must be an object, found {value.ValueKind}");
        var regexes = new Dictionary<string, Regex>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
                throw new JsonSchemaException("Values must be valid schemas");
            regexes.Add(property.Name, BoundedRegex.Create(property.Name));
        }
        return regexes;
    }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) =>
        BoundedRegex.Guard(Name, () => base.Evaluate(keyword, context));
}
