using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Definitions.Lint;

/// <summary>
/// Each field on its own: a title, labels for coded choices (and only for values the enum has), no duplicate values,
/// limits that do not contradict each other, and boxes that hold exactly the value.
/// </summary>
internal static partial class FieldChecks
{
    private static readonly Dictionary<string, int> FormatLengths = new()
    {
        ["jp-my-number"] = 12, ["jp-corporate-number"] = 13, ["jp-postal-code"] = 7, ["jp-bank-code"] = 4,
        ["jp-branch-code"] = 3, ["jp-account-number"] = 7,
    };

    private static readonly (string Low, string High, bool Strict)[] Limits =
    [
        ("minLength", "maxLength", false), ("minimum", "maximum", false), ("exclusiveMinimum", "exclusiveMaximum", true),
        ("minItems", "maxItems", false), ("minProperties", "maxProperties", false), ("minContains", "maxContains", false),
    ];

    public static void Run(LintContext context)
    {
        if (context.Form.UsesVocabulary && !context.Form.Definition.TryGetProperty("title", out _))
            context.Error("", "missing-title", "様式に title がありません。ルートに title（上部に印字する様式名）を書いてください。");
        foreach (var site in context.Model.Sites)
        {
            if (site.Schema.TryGetProperty("sealBox", out var seal) && seal.ValueKind == JsonValueKind.Object &&
                seal.TryGetProperty("size", out var size) && size.TryGetDouble(out var mm) && mm < 25)
                context.Error(JsonPointers.Append(JsonPointers.Append(site.Pointer, "sealBox"), "size"), "seal-box-too-small",
                    $"印影の枠が {mm} mm 四方ですが、登録できる印鑑は 25 mm 四方に収まる大きさまであるため、25 mm 以上にしてください。");
            Contradictions(context, site);
            Enum(context, site, isField: site.Role == SiteRole.Field && !site.InCondition);
        }
        foreach (var node in context.Model.Nodes.Where(n => n.Parent is not null && n.Name.Length > 0))
        {
            var declaration = node.Parts[0];
            if (node.Title is null && declaration.Role == PartRole.Own)
                context.Warning(declaration.Pointer, "missing-title", "この項目に title がありません。印刷とメッセージには項目名（プロパティ名）が出ます。紙の様式での名前を title に書いてください。");
            if (node.Keyword("boxes") is not null) Boxes(context, node);
        }
    }

    /// <summary>minLength above maxLength and the like: no value can satisfy both.</summary>
    private static void Contradictions(LintContext context, SchemaSite site)
    {
        foreach (var (low, high, strict) in Limits)
        {
            if (!site.Schema.TryGetProperty(low, out var lo) || !site.Schema.TryGetProperty(high, out var hi) ||
                !lo.TryGetDouble(out var l) || !hi.TryGetDouble(out var h)) continue;
            if (l > h || (strict && l >= h))
                context.Error(JsonPointers.Append(site.Pointer, low), "contradictory-limits",
                    $"{low}（{lo.GetRawText()}）が {high}（{hi.GetRawText()}）を超えているため、どんな値も受け付けられません。");
        }
        if (site.Schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String && FormatLengths.TryGetValue(f.GetString()!, out var fixedLength) &&
            site.Schema.TryGetProperty("maxLength", out var max) && max.TryGetInt32(out var m) && m < fixedLength &&
            !(f.GetString() == "jp-postal-code" && m >= 7))
            context.Error(JsonPointers.Append(site.Pointer, "maxLength"), "contradictory-limits",
                $"format {f.GetString()} の値は{fixedLength}文字ですが、maxLength が {m} のため、正しい値を受け付けられません。");
    }

    private static void Enum(LintContext context, SchemaSite site, bool isField)
    {
        var schema = site.Schema;
        var values = schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : null;
        if (values is not null)
        {
            for (var i = 0; i < values.Count; i++)
                for (var j = 0; j < i; j++)
                    if (JsonElement.DeepEquals(values[i], values[j]))
                        context.Error($"{JsonPointers.Append(site.Pointer, "enum")}/{i}", "duplicate-enum-value",
                            $"enum に {LintContext.Show(values[i])} が2回あります（{j}番目と{i}番目）。");
            if (schema.TryGetProperty("const", out var c) && !values.Any(v => JsonElement.DeepEquals(v, c)))
                context.Error(JsonPointers.Append(site.Pointer, "const"), "const-not-in-enum",
                    $"const {LintContext.Show(c)} は同じ項目の enum にない値なので、どんな値も受け付けられません。");
        }
        foreach (var labelsKeyword in (ReadOnlySpan<string>)["enumLabels", "enumLabelsEn"])
        {
            if (!schema.TryGetProperty(labelsKeyword, out var labels) || labels.ValueKind != JsonValueKind.Object) continue;
            var node = context.NodeAt(site.Pointer);
            var keys = values?.Select(LintContext.Key).ToHashSet() ?? node?.Options.Select(o => LintContext.Key(o.Value)).ToHashSet() ?? [];
            foreach (var label in labels.EnumerateObject())
                if (!keys.Contains(label.Name))
                    context.Error(JsonPointers.Append(JsonPointers.Append(site.Pointer, labelsKeyword), label.Name), "label-for-missing-value",
                        keys.Count == 0
                            ? $"{labelsKeyword} がありますが、この項目に enum がありません。"
                            : $"{labelsKeyword} の \"{label.Name}\" は enum にない値です（enum: {string.Join(", ", keys)}）。");
        }
        if (isField && values is not null)
        {
            var labels = schema.TryGetProperty("enumLabels", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            var missing = values.Where(v => v.ValueKind != JsonValueKind.Null).Select(LintContext.Key)
                .Where(v => labels.ValueKind != JsonValueKind.Object || !labels.TryGetProperty(v, out _)).ToList();
            // Values that are already Japanese words print well as they are; codes such as "male" do not.
            if (missing.Any(v => v.All(char.IsAscii)))
                context.Warning(JsonPointers.Append(site.Pointer, "enum"), "enum-without-labels",
                    $"enumLabels にない値はコードのまま印刷されます：{string.Join(", ", missing)}。");
        }
    }

    /// <summary>Boxes must hold exactly the value: as many as its fixed length, never fewer than its longest value.</summary>
    private static void Boxes(LintContext context, FormNode node)
    {
        var part = node.OwnParts.First(p => p.Schema.ValueKind == JsonValueKind.Object && p.Schema.TryGetProperty("boxes", out _));
        var pointer = JsonPointers.Append(part.Pointer, "boxes");
        var count = node.BoxGroups.Sum();
        var fixedLength = FixedLength(node);
        var longest = node.Keyword("maxLength") is { } max && max.TryGetInt32(out var m) ? m : (int?)null;
        if (node.Format == "jp-postal-code") longest = 7; // the hyphen is not boxed
        if (node.IsNumber && WidestSubmission.Number(node) is { } widestNumber) longest = widestNumber.TrimStart('-').Length; // digits, in boxes
        if (fixedLength is { } length && length != count)
            context.Error(pointer, "boxes-length-mismatch", $"マス目が{count}個ですが、この項目の値は{length}文字です。同じ数にしてください（{(count < length ? "入りきらない桁が印刷されません" : "余るマス目が空欄のまま残ります")}）。");
        else if (fixedLength is null && longest is { } n && n > count)
            context.Error(pointer, "boxes-too-few", $"マス目が{count}個ですが、maxLength は {n} です。{n}文字の値は印刷できません。");
        else if (fixedLength is null && longest is null)
            context.Error(pointer, "boxes-without-length", $"マス目が{count}個ですが、長さが決まっていません（maxLength か jp- の番号形式が必要です）。長い値は印刷できません。");
    }

    /// <summary>The length a boxed field always has: from its jp-* format, equal min/max length, or a pattern such as ^[0-9]{10}$.</summary>
    private static int? FixedLength(FormNode node)
    {
        if (node.Format is { } f && FormatLengths.TryGetValue(f, out var fixedLength)) return fixedLength;
        if (node.Keyword("minLength") is { } min && node.Keyword("maxLength") is { } max && min.TryGetInt32(out var lo) && max.TryGetInt32(out var hi) && lo == hi) return hi;
        if (node.String("pattern") is { } p && FixedPattern().Match(p) is { Success: true } match)
            return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return null;
    }

    private static Regex FixedPattern() => WidestSubmission.FixedPattern();
}
