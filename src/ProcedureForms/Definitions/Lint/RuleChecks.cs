using System.Text.Json;
using ProcedureForms.Definitions.Keywords;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Definitions.Lint;

/// <summary>
/// The vocabulary's rules (<c>dateNotAfter</c>, <c>dateNotBefore</c>, <c>ageOn</c>) stand on date fields and name a date
/// field the form declares.
/// </summary>
internal static class RuleChecks
{
    public static void Run(LintContext context)
    {
        ApplicationDateField(context);
        foreach (var site in context.Model.Sites)
        {
            foreach (var keyword in FormDialect.RuleKeywords)
            {
                if (!site.Schema.TryGetProperty(keyword, out var value)) continue;
                var at = JsonPointers.Append(site.Pointer, keyword);
                var node = context.NodeAt(site.Pointer);
                if (node is not null && node.Kind != FieldKind.Date && !site.InCondition)
                    context.Error(at, "rule-on-wrong-kind", $"{keyword} は日付の項目（format: date / jp-era-date）の規則ですが、この項目は{KeywordChecks.Describe(node.Kind)}です。");
                if (keyword is "formatMinimum" or "formatMaximum") continue; // a fixed date, not a field
                var reference = value.ValueKind == JsonValueKind.Object ? (value.TryGetProperty("reference", out var r) ? r : default) : value;
                if (reference.ValueKind != JsonValueKind.String) continue;
                var text = reference.GetString()!;
                var target = text.Length == 0 || text.StartsWith('/') ? text : Relative(InstancePointer(site.Pointer), text);
                var targetNode = target is null ? null : context.Model.Find(target);
                if (targetNode is null)
                    context.Error(at, "rule-target-missing", $"{keyword} が \"{text}\" を指していますが、そのような項目はこの様式にありません。");
                else if (targetNode.Kind != FieldKind.Date)
                    context.Error(at, "rule-on-wrong-kind", $"{keyword} が指す \"{text}\"（「{targetNode.Label}」）は日付の項目ではありません。");
            }
        }
    }

    /// <summary><c>applicationDateField</c> names a date field at the top of the form: otherwise no date is printed top right.</summary>
    private static void ApplicationDateField(LintContext context)
    {
        if (!context.Form.Definition.TryGetProperty("applicationDateField", out var named) || named.ValueKind != JsonValueKind.String) return;
        var name = named.GetString()!;
        var field = context.Model.Root.Child(name);
        if (field is null)
        {
            var near = context.Model.Root.Children.Select(c => (c.Name, Distance: KeywordChecks.Distance(c.Name, name))).Where(x => x.Distance <= 2).OrderBy(x => x.Distance).Select(x => x.Name).FirstOrDefault();
            context.Error("/applicationDateField", "reference-missing",
                $"applicationDateField が \"{name}\" を指していますが、様式の最上位にそのような項目はありません（右上に申請日が印字されません）" +
                (near is null ? "。" : $"。\"{near}\" の誤りではありませんか。"));
        }
        else if (field.Kind != FieldKind.Date)
            context.Error("/applicationDateField", "rule-on-wrong-kind",
                $"applicationDateField が指す \"{name}\"（「{field.Label}」）は日付の項目（format: date / jp-era-date）ではありません。");
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

    private static string? Relative(string instancePointer, string relative)
    {
        try
        {
            using var document = JsonDocument.Parse($"\"{JsonEncodedText.Encode(relative)}\"");
            return FieldReference.Parse(document.RootElement, "rule").Resolve(instancePointer);
        }
        catch (Json.Schema.JsonSchemaException)
        {
            return null;
        }
    }
}
