using System.Text.Json;
using Json.Schema;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// A presentation or metadata keyword of our vocabulary (title in English, boxes, notes, …): it asserts nothing and is
/// collected as an annotation. Its value's shape is checked by the dialect's meta-schema.
/// </summary>
internal sealed class VocabularyAnnotationKeyword(string name) : IKeywordHandler
{
    public string Name { get; } = name;

    public object? ValidateKeywordValue(JsonElement value) => null;

    public void BuildSubschemas(KeywordData keyword, BuildContext context) { }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) =>
        new() { Keyword = Name, IsValid = true, Annotation = keyword.RawValue };
}
