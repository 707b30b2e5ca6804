using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace ProcedureForms.Definitions.Keywords;

/// <summary>
/// <c>additionalProperties</c> that never compiles patternProperties' regexes a second time with the unbounded engine:
/// which names patternProperties matched is taken from its (bounded) annotation, as the stock keyword's evaluation does.
/// </summary>
internal sealed class BoundedAdditionalPropertiesKeyword : AdditionalPropertiesKeyword
{
    public static new BoundedAdditionalPropertiesKeyword Instance { get; } = new();

    private BoundedAdditionalPropertiesKeyword() { }

    public override void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
        if (context.LocalSchema.ValueKind == JsonValueKind.Object && context.LocalSchema.TryGetProperty("patternProperties", out _))
            context.LocalSchema = WithoutPatternProperties(context.LocalSchema);
        base.BuildSubschemas(keyword, context);
    }

    private static JsonElement WithoutPatternProperties(JsonElement schema)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in schema.EnumerateObject())
            {
                if (property.NameEquals("patternProperties")) continue;
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
