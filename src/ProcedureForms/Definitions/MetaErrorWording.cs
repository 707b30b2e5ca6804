using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProcedureForms.Definitions;

/// <summary>One failure of the definition against its meta-schema, as JsonSchema.Net reports it.</summary>
internal sealed record MetaError(string Pointer, string Keyword, string Message, Uri SchemaLocation);

/// <summary>
/// Meta-schema failures as sentences a designer can act on, in Japanese, naming what is allowed:
/// 「type に "strng" は使えません。string, number, integer, boolean, object, array, null のいずれかです。」. The noise of
/// alternatives (the other branch of an anyOf) is dropped when a clearer error stands at the same place.
/// </summary>
internal static partial class MetaErrorWording
{
    private static readonly string[] SimpleTypes = ["string", "number", "integer", "boolean", "object", "array", "null"];

    private static readonly Lazy<JsonElement> FormMetaSchema = new(() =>
    {
        using var document = JsonDocument.Parse(FormDialect.MetaSchemaText);
        return document.RootElement.Clone();
    });

    public static List<FormLoadError> Word(JsonElement root, List<MetaError> errors)
    {
        var result = new List<FormLoadError>();
        var seen = new HashSet<string>();
        foreach (var group in errors.GroupBy(e => e.Pointer))
        {
            var list = group.ToList();
            // An enum failure says what is allowed; a type failure beside it comes from another branch of the same anyOf.
            if (list.Any(e => e.Keyword == "enum")) list.RemoveAll(e => e.Keyword is "type" or "anyOf" or "oneOf");
            if (list.Count > 1) list.RemoveAll(e => e.Keyword is "anyOf" or "oneOf" or "allOf" or "$ref");
            foreach (var error in list)
            {
                var text = Sentence(root, error);
                if (seen.Add(error.Pointer + "\n" + text)) result.Add(new FormLoadError(error.Pointer, text));
            }
        }
        return result;
    }

    private static string Sentence(JsonElement root, MetaError error)
    {
        var segments = JsonPointers.Split(error.Pointer);
        var name = segments.Length == 0 ? "様式" : segments[^1];
        var value = JsonPointers.Evaluate(root, error.Pointer);
        var shown = value is { } v ? Show(v) : "この値";
        switch (error.Keyword)
        {
            case "enum":
                var allowed = Allowed(error) ?? (name == "type" || (segments.Length > 1 && segments[^2] == "type") ? SimpleTypes : null);
                return allowed is null
                    ? $"{name} に {shown} は使えません。"
                    : $"{name} に {shown} は使えません。{string.Join(", ", allowed)} のいずれかです。";
            case "const":
                return $"{name} に {shown} は使えません。";
            case "type":
                var expected = ExpectedType().Match(error.Message) is { Success: true } m ? TypeWord(m.Groups[1].Value) : "別の型";
                return $"{name} は{expected}で書いてください（{(value is { } actual ? TypeWord(actual.ValueKind) : "値")}になっています）。";
            case "minimum" or "exclusiveMinimum" or "maximum" or "exclusiveMaximum" or "minItems" or "maxItems" or "minLength" or "maxLength":
                return $"{name} の {shown} は範囲外です（{error.Message}）。";
            case "required":
                return $"{name} に必要なキーワードがありません（{error.Message}）。";
            case "" or "false" or "additionalProperties" or "unevaluatedProperties":
                return $"{name} はここでは使えないキーワードです。";
            case "pattern" or "format":
                return $"{name} の {shown} は形式が正しくありません。";
            default:
                return $"{name} の値が正しくありません（{error.Keyword}: {error.Message}）。";
        }
    }

    /// <summary>The enum of the meta-schema's subschema that failed, when it is ours (the dialect's meta-schema).</summary>
    private static IReadOnlyList<string>? Allowed(MetaError error)
    {
        var location = error.SchemaLocation;
        if (FormLoader.StripFragment(location) != FormLoader.StripFragment(FormDialect.Id)) return null;
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        if (fragment.EndsWith("/enum", StringComparison.Ordinal)) fragment = fragment[..^5];
        if (JsonPointers.Evaluate(FormMetaSchema.Value, fragment) is not { ValueKind: JsonValueKind.Object } schema ||
            !schema.TryGetProperty("enum", out var values) || values.ValueKind != JsonValueKind.Array) return null;
        return [.. values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())];
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Object => "オブジェクト",
        JsonValueKind.Array => "配列",
        _ => value.GetRawText(),
    };

    private static string TypeWord(string jsonType) => jsonType switch
    {
        "string" => "文字列",
        "integer" => "整数",
        "number" => "数値",
        "boolean" => "true / false",
        "object" => "オブジェクト（{ }）",
        "array" => "配列（[ ]）",
        "null" => "null",
        _ => jsonType,
    };

    private static string TypeWord(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "文字列",
        JsonValueKind.Number => "数値",
        JsonValueKind.True or JsonValueKind.False => "true / false",
        JsonValueKind.Object => "オブジェクト",
        JsonValueKind.Array => "配列",
        _ => "null",
    };

    [GeneratedRegex("should be \"(\\w+)\"")]
    private static partial Regex ExpectedType();
}
