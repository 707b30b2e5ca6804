using System.Text.Json;
using ProcedureForms.Definitions.Keywords;

namespace ProcedureForms.Definitions;

/// <summary>How serious a lint finding is: errors fail <c>procforms lint</c>, warnings do not.</summary>
public enum LintSeverity
{
    /// <summary>Worth fixing; the form still works.</summary>
    Warning,
    /// <summary>The form would mislead residents or staff, or a rule cannot work.</summary>
    Error,
}

/// <summary>A design mistake found in a form that loads.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Pointer">Where in the definition.</param>
/// <param name="Code">A stable name for the check, e.g. <c>missing-title</c>.</param>
/// <param name="Message">What is wrong and what to do, in English.</param>
public sealed record LintFinding(LintSeverity Severity, string Pointer, string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{(Severity == LintSeverity.Error ? "error" : "warning")} {Code} {(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}

/// <summary>
/// Design checks beyond what loading enforces: fields without titles, enums without labels, box counts that differ
/// from the field's length, required fields a blank form would show only under a condition, rules naming fields that do
/// not exist, and keywords nobody knows (typos).
/// </summary>
public static class FormLinter
{
    private static readonly Dictionary<string, int> FormatLengths = new()
    {
        ["jp-my-number"] = 12, ["jp-corporate-number"] = 13, ["jp-postal-code"] = 7, ["jp-bank-code"] = 4,
        ["jp-branch-code"] = 3, ["jp-account-number"] = 7,
    };

    private static readonly HashSet<string> StandardKeywords =
    [
        "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains",
        "minContains", "maxProperties", "minProperties", "required", "dependentRequired", "title", "description",
        "default", "deprecated", "readOnly", "writeOnly", "examples", "format", "contentEncoding", "contentMediaType",
        "contentSchema",
    ];

    /// <summary>Checks a loaded form's design.</summary>
    public static IReadOnlyList<LintFinding> Lint(ProcedureForm form)
    {
        var findings = new List<LintFinding>();
        var root = form.Definition;
        if (root.ValueKind != JsonValueKind.Object) return findings;
        var known = new HashSet<string>(StandardKeywords.Concat(FormDialect.AnnotationKeywords).Concat(FormDialect.RuleKeywords));
        if (form.UsesVocabulary && !root.TryGetProperty("title", out _))
            findings.Add(new(LintSeverity.Error, "", "missing-title", "The form has no title: give the root a \"title\" (printed at the top)."));
        Walk(form, root, "", isField: false, inCondition: false, known, findings, parentDeclared: []);
        CheckConditionalRequirements(root, "", findings);
        return findings;
    }

    private static void Walk(ProcedureForm form, JsonElement schema, string pointer, bool isField, bool inCondition, HashSet<string> known, List<LintFinding> findings, HashSet<string> parentDeclared)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        foreach (var property in schema.EnumerateObject())
            if (!known.Contains(property.Name))
                findings.Add(new(LintSeverity.Warning, JsonPointers.Append(pointer, property.Name), "unknown-keyword",
                    $"'{property.Name}' is not a JSON Schema 2020-12 or ProcedureForms keyword (a typo?); it is ignored."));

        if (isField) CheckField(schema, pointer, findings);
        CheckRules(form, schema, pointer, findings);

        // A branch (then, else, allOf) that names a property the enclosing schema already declares only adds rules to
        // it: that is not another field to title and label.
        var declared = schema.TryGetProperty("properties", out var own) && own.ValueKind == JsonValueKind.Object
            ? own.EnumerateObject().Select(p => p.Name).ToHashSet()
            : [];
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            foreach (var p in properties.EnumerateObject())
            {
                var refinement = inCondition || parentDeclared.Contains(p.Name);
                Walk(form, p.Value, JsonPointers.Append(JsonPointers.Append(pointer, "properties"), p.Name), isField: !refinement, refinement, known, findings, []);
            }
        if (schema.TryGetProperty("items", out var items))
            Walk(form, items, JsonPointers.Append(pointer, "items"), isField: false, inCondition, known, findings, []);
        // Subschemas that only test a submission (if, not, contains, …) describe conditions, not printed fields.
        foreach (var keyword in (string[])["then", "else", "additionalProperties", "unevaluatedProperties", "unevaluatedItems"])
            if (schema.TryGetProperty(keyword, out var sub))
                Walk(form, sub, JsonPointers.Append(pointer, keyword), isField: false, inCondition, known, findings, keyword is "then" or "else" ? [.. declared, .. parentDeclared] : []);
        foreach (var keyword in (string[])["if", "not", "contains", "propertyNames"])
            if (schema.TryGetProperty(keyword, out var sub))
                Walk(form, sub, JsonPointers.Append(pointer, keyword), isField: false, inCondition: true, known, findings, []);
        foreach (var keyword in (string[])["allOf", "anyOf", "oneOf", "prefixItems"])
            if (schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
                for (var i = 0; i < list.GetArrayLength(); i++)
                    Walk(form, list[i], $"{JsonPointers.Append(pointer, keyword)}/{i}", isField: false, inCondition: inCondition || keyword is "anyOf" or "oneOf", known, findings, keyword == "allOf" ? [.. declared, .. parentDeclared] : []);
        foreach (var keyword in (string[])["$defs", "dependentSchemas", "patternProperties"])
            if (schema.TryGetProperty(keyword, out var map) && map.ValueKind == JsonValueKind.Object)
                foreach (var entry in map.EnumerateObject())
                    Walk(form, entry.Value, JsonPointers.Append(JsonPointers.Append(pointer, keyword), entry.Name), isField: keyword == "$defs", inCondition, known, findings, []);
    }

    private static void CheckField(JsonElement field, string pointer, List<LintFinding> findings)
    {
        if (!field.TryGetProperty("title", out _) && !field.TryGetProperty("$ref", out _))
            findings.Add(new(LintSeverity.Warning, pointer, "missing-title",
                "The field has no title: the form prints its property name and messages use it. Give it the name the paper form uses."));

        if (field.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            var labels = field.TryGetProperty("enumLabels", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            var missing = values.EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
                .Where(v => labels.ValueKind != JsonValueKind.Object || !labels.TryGetProperty(v, out _))
                .ToList();
            // Values that are already Japanese words print well as they are; codes such as "male" do not.
            if (missing.Any(v => v.All(char.IsAscii)))
                findings.Add(new(LintSeverity.Warning, JsonPointers.Append(pointer, "enum"), "enum-without-labels",
                    $"enum values without a label in enumLabels print as codes: {string.Join(", ", missing)}."));
        }

        if (field.TryGetProperty("boxes", out var boxes))
        {
            var count = boxes.ValueKind == JsonValueKind.Array ? boxes.EnumerateArray().Sum(b => b.TryGetInt32(out var n) ? n : 0) : boxes.TryGetInt32(out var c) ? c : 0;
            var length = FixedLength(field);
            if (length is null)
                findings.Add(new(LintSeverity.Warning, JsonPointers.Append(pointer, "boxes"), "boxes-without-length",
                    $"{count} boxes, but the field has no fixed length (maxLength or a jp-* number format): a longer value cannot be printed."));
            else if (length != count)
                findings.Add(new(LintSeverity.Error, JsonPointers.Append(pointer, "boxes"), "boxes-length-mismatch",
                    $"{count} boxes for a field of {length} characters: they must be equal."));
        }
    }

    /// <summary>The length a boxed field always has: from its jp-* format, maxLength, or a pattern such as ^[0-9]{10}$.</summary>
    private static int? FixedLength(JsonElement field)
    {
        if (field.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String && FormatLengths.TryGetValue(f.GetString()!, out var fixedLength))
            return fixedLength;
        if (field.TryGetProperty("maxLength", out var max) && max.TryGetInt32(out var m)) return m;
        if (field.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String &&
            System.Text.RegularExpressions.Regex.Match(p.GetString()!, @"^\^(?:\\d|\[0-9\]|\[0-9A-Za-z\]|\[A-Z0-9\])\{(\d+)\}\$$") is { Success: true } match)
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }

    /// <summary>Rules (dateNotAfter, dateNotBefore, ageOn) must name a field the form declares.</summary>
    private static void CheckRules(ProcedureForm form, JsonElement schema, string pointer, List<LintFinding> findings)
    {
        foreach (var keyword in (string[])["dateNotAfter", "dateNotBefore", "ageOn"])
        {
            if (!schema.TryGetProperty(keyword, out var value)) continue;
            var reference = keyword == "ageOn" ? (value.TryGetProperty("reference", out var r) ? r : default) : value;
            if (reference.ValueKind != JsonValueKind.String) continue;
            var text = reference.GetString()!;
            var instancePointer = InstancePointer(pointer);
            var target = text.StartsWith('/') || text.Length == 0 ? text : RelativeTarget(instancePointer, text);
            if (target is null || !Declares(form.Definition, JsonPointers.Split(target)))
                findings.Add(new(LintSeverity.Error, JsonPointers.Append(pointer, keyword), "rule-target-missing",
                    $"{keyword} names '{text}', which is not a field of this form."));
        }
    }

    /// <summary>A required property that the form declares only inside a then/else branch prints only under a condition.</summary>
    private static void CheckConditionalRequirements(JsonElement schema, string pointer, List<LintFinding> findings)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        var declared = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet()
            : [];
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!))
            {
                if (declared.Contains(name)) continue;
                var conditional = ((string[])["then", "else"]).Any(b => schema.TryGetProperty(b, out var branch) &&
                    branch.TryGetProperty("properties", out var bp) && bp.ValueKind == JsonValueKind.Object && bp.TryGetProperty(name, out _));
                findings.Add(conditional
                    ? new(LintSeverity.Error, JsonPointers.Append(pointer, "required"), "required-hidden-by-condition",
                        $"'{name}' is always required but only a conditional branch declares it, so the blank form prints it as conditional. Declare it in \"properties\".")
                    : new(LintSeverity.Warning, JsonPointers.Append(pointer, "required"), "required-undeclared",
                        $"'{name}' is required but not declared in \"properties\": it has no title and is not printed."));
            }
        }
        if (properties.ValueKind == JsonValueKind.Object)
            foreach (var p in properties.EnumerateObject())
            {
                CheckConditionalRequirements(p.Value, JsonPointers.Append(JsonPointers.Append(pointer, "properties"), p.Name), findings);
                if (p.Value.TryGetProperty("items", out var items))
                    CheckConditionalRequirements(items, JsonPointers.Append(JsonPointers.Append(JsonPointers.Append(pointer, "properties"), p.Name), "items"), findings);
            }
    }

    /// <summary>The submission pointer a definition pointer describes: /properties/a/items/properties/b → /a/0/b.</summary>
    private static string InstancePointer(string definitionPointer)
    {
        var segments = JsonPointers.Split(definitionPointer);
        var result = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] == "properties" && i + 1 < segments.Length) result.Add(segments[++i]);
            else if (segments[i] == "items") result.Add("0");
        }
        return JsonPointers.Join(result);
    }

    private static string? RelativeTarget(string instancePointer, string relative)
    {
        try
        {
            using var document = JsonDocument.Parse(JsonSerializer.Serialize(relative));
            return FieldReference.Parse(document.RootElement, "rule").Resolve(instancePointer);
        }
        catch (Json.Schema.JsonSchemaException)
        {
            return null;
        }
    }

    /// <summary>Whether the definition declares a property at this submission path (array indices walk into items).</summary>
    private static bool Declares(JsonElement schema, string[] path)
    {
        var current = new List<JsonElement> { schema };
        foreach (var segment in path)
        {
            var next = new List<JsonElement>();
            foreach (var s in current.SelectMany(Parts))
            {
                if (segment.All(char.IsAsciiDigit) && s.TryGetProperty("items", out var items)) next.Add(items);
                if (s.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(segment, out var p))
                    next.Add(p);
            }
            if (next.Count == 0) return false;
            current = next;
        }
        return true;
    }

    private static IEnumerable<JsonElement> Parts(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) yield break;
        yield return schema;
        foreach (var keyword in (string[])["then", "else"])
            if (schema.TryGetProperty(keyword, out var branch)) yield return branch;
        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
            foreach (var item in all.EnumerateArray()) yield return item;
    }
}
