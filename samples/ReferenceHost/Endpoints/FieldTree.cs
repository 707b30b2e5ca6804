using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ProcedureForms.Definitions;

namespace ProcedureForms.ReferenceHost.Endpoints;

/// <summary>The library's field tree (<see cref="ProcedureForm.Fields"/>) as JSON, for front ends that build their own page.</summary>
public static class FieldTree
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Json(ProcedureForm form)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id", form.Id);
            writer.WriteString("version", form.Version);
            writer.WriteString("title", form.Title);
            writer.WritePropertyName("fields");
            Write(writer, form.Fields);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<FormField> fields)
    {
        writer.WriteStartArray();
        foreach (var field in fields)
        {
            writer.WriteStartObject();
            writer.WriteString("pointer", field.Pointer);
            writer.WriteString("name", field.Name);
            writer.WriteString("label", field.Label);
            if (field.LabelEn is { } en) writer.WriteString("labelEn", en);
            writer.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(field.Kind.ToString()));
            if (field.Type is { } type) writer.WriteString("type", type);
            if (field.Format is { } format) writer.WriteString("format", format);
            if (field.Help is { } help) writer.WriteString("help", help);
            writer.WriteBoolean("required", field.Required);
            if (field.ConditionText is { } condition) writer.WriteString("conditionText", condition);
            if (field.ShownWhen is { } when)
            {
                writer.WriteStartObject("shownWhen");
                writer.WriteBoolean("whenFalse", when.WhenFalse);
                writer.WriteStartArray("tests");
                foreach (var test in when.Tests)
                {
                    writer.WriteStartObject();
                    writer.WriteString("field", test.Field);
                    writer.WriteBoolean("required", test.Required);
                    writer.WriteStartArray("values");
                    foreach (var value in test.Values) value.WriteTo(writer);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            if (field.Options.Count > 0)
            {
                writer.WriteStartArray("options");
                foreach (var option in field.Options)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("value");
                    option.Value.WriteTo(writer);
                    writer.WriteString("label", option.Label);
                    if (option.LabelEn is { } optionEn) writer.WriteString("labelEn", optionEn);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            if (field.MaxLength is { } maxLength) writer.WriteNumber("maxLength", maxLength);
            if (field.MinLength is { } minLength) writer.WriteNumber("minLength", minLength);
            if (field.MaxItems is { } maxItems) writer.WriteNumber("maxItems", maxItems);
            if (field.MinItems is { } minItems) writer.WriteNumber("minItems", minItems);
            if (field.Minimum is { } minimum) writer.WriteNumber("minimum", minimum);
            if (field.Maximum is { } maximum) writer.WriteNumber("maximum", maximum);
            if (field.Pattern is { } pattern) writer.WriteString("pattern", pattern);
            if (field.Unit is { } unit) writer.WriteString("unit", unit);
            if (field.Eras.Count > 0)
            {
                writer.WriteStartArray("eras");
                foreach (var era in field.Eras) writer.WriteStringValue(era);
                writer.WriteEndArray();
            }
            if (field.Rows > 0) writer.WriteNumber("rows", field.Rows);
            if (field.Fields.Count > 0)
            {
                writer.WritePropertyName("fields");
                Write(writer, field.Fields);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
