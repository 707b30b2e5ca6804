using System.Text.Json;
using ProcedureForms.Definitions.Model;

namespace ProcedureForms.Definitions.Lint;

/// <summary>
/// Keywords nobody knows (an error when it is a near miss of a known one: <c>requried</c>, <c>maxLenght</c>), and known
/// keywords where they have no effect: form keywords below the root, string limits on numbers, presentation keywords
/// inside conditions or on fields of another kind, <c>then</c> without <c>if</c>.
/// </summary>
internal static class KeywordChecks
{
    private static readonly string[] StandardKeywords =
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

    private static readonly string[] StringKeywords = ["minLength", "maxLength", "pattern", "format"];
    private static readonly string[] NumberKeywords = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "numberStyle"];
    private static readonly string[] ObjectKeywords = ["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas"];
    private static readonly string[] ArrayKeywords = ["items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "rows"];

    /// <summary>Presentation keywords and the kinds of field they act on.</summary>
    private static readonly Dictionary<string, FieldKind[]> PresentationKinds = new()
    {
        ["boxes"] = [FieldKind.Boxes, FieldKind.Text],
        ["enumLabels"] = [FieldKind.Choice, FieldKind.MultiChoice],
        ["enumLabelsEn"] = [FieldKind.Choice, FieldKind.MultiChoice],
        ["choiceStyle"] = [FieldKind.Choice, FieldKind.Boolean],
        ["eras"] = [FieldKind.Date],
        ["unit"] = [FieldKind.Text],
        ["numberStyle"] = [FieldKind.Text, FieldKind.Boxes],
        ["descriptionStyle"] = [FieldKind.Group, FieldKind.Table],
        ["kanaAboveName"] = [FieldKind.Table],
        ["lines"] = [FieldKind.Text],
        ["booleanLabels"] = [FieldKind.Boolean],
        ["rows"] = [FieldKind.Table],
        ["signature"] = [FieldKind.Group],
        ["sealBox"] = [FieldKind.Group],
        ["pageBreakBefore"] = [FieldKind.Group, FieldKind.Table],
    };

    public static void Run(LintContext context)
    {
        var known = StandardKeywords.Concat(FormDialect.AnnotationKeywords).Concat(FormDialect.RuleKeywords).ToHashSet(StringComparer.Ordinal);
        foreach (var site in context.Model.Sites)
        {
            foreach (var property in site.Schema.EnumerateObject())
            {
                var at = JsonPointers.Append(site.Pointer, property.Name);
                if (!known.Contains(property.Name))
                {
                    Unknown(context, property.Name, at, known);
                    continue;
                }
                if (site.Role != SiteRole.Root && FormDialect.FormKeywords.Contains(property.Name))
                    context.Error(at, "misplaced-keyword", $"{property.Name} は様式全体の設定で、ルート（最上位）にだけ書けます。ここでは効果がありません。");
            }
            if ((site.Schema.TryGetProperty("then", out _) || site.Schema.TryGetProperty("else", out _)) && !site.Schema.TryGetProperty("if", out _))
                context.Error(JsonPointers.Append(site.Pointer, site.Schema.TryGetProperty("then", out _) ? "then" : "else"), "branch-without-if",
                    "if のない then / else は評価されません。if を書くか、条件なしの規則なら allOf に移してください。");
            if (site.InCondition)
            {
                foreach (var keyword in FormDialect.AnnotationKeywords.Where(k => k is not "conditionLabel" and not "errorMessage"))
                    if (site.Schema.TryGetProperty(keyword, out _))
                        context.Error(JsonPointers.Append(site.Pointer, keyword), "keyword-in-condition",
                            $"{keyword} は印刷の設定ですが、条件（if / not / anyOf / oneOf）の中では使われません。項目の宣言に書いてください。");
                continue;
            }
            if (context.NodeAt(site.Pointer) is { } node && site.Role is SiteRole.Field or SiteRole.Refinement or SiteRole.Items or SiteRole.Root)
            {
                WrongKind(context, site, node);
                InBranch(context, site, node);
            }
        }
    }

    /// <summary>
    /// Print keywords on a field's schema inside <c>then</c>/<c>else</c> (or an alternative): the sheet is the same for every
    /// submission, so they are never read. The field is declared in <c>properties</c> and only required in the branch.
    /// </summary>
    private static void InBranch(LintContext context, SchemaSite site, FormNode node)
    {
        if (node.Parts.FirstOrDefault(p => p.Pointer == site.Pointer) is not { Role: not PartRole.Own }) return;
        foreach (var keyword in FormDialect.AnnotationKeywords.Where(k => k is not "conditionLabel" and not "errorMessage"))
            if (site.Schema.TryGetProperty(keyword, out _))
                context.Error(JsonPointers.Append(site.Pointer, keyword), "keyword-in-branch",
                    $"{keyword} は印刷の設定ですが、条件の分岐（then / else）の中では読まれません（様式は申請ごとに変わらないため）。" +
                    "項目は properties で宣言してそこに書き、then / else では required だけを書いてください（「（…の場合に記入）」と印字されます）。");
    }

    private static void Unknown(LintContext context, string name, string at, HashSet<string> known)
    {
        if (name.StartsWith("x-", StringComparison.Ordinal)) return; // extensions are the designer's own
        var nearest = known.Select(k => (Keyword: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant()))).MinBy(x => x.Distance);
        var limit = name.Length <= 4 ? 1 : 2;
        if (nearest.Distance <= limit)
            context.Error(at, "misspelled-keyword", $"{name} というキーワードはありません。{nearest.Keyword} の誤りではありませんか（このままでは無視されます）。");
        else
            context.Warning(at, "unknown-keyword", $"{name} は JSON Schema 2020-12 にも ProcedureForms にもないキーワードで、無視されます（独自の注記なら x- で始めてください）。");
    }

    /// <summary>Keywords the field's type or kind makes meaningless.</summary>
    private static void WrongKind(LintContext context, SchemaSite site, FormNode node)
    {
        var type = node.Type;
        void Check(string[] keywords, string expected, string typeWord)
        {
            if (type is null || type == expected || (expected == "number" && type == "integer")) return;
            foreach (var keyword in keywords)
                if (site.Schema.TryGetProperty(keyword, out _))
                    context.Error(JsonPointers.Append(site.Pointer, keyword), "keyword-without-effect",
                        $"{keyword} は{typeWord}にだけ効きますが、この項目の type は {type} です。");
        }
        Check(StringKeywords, "string", "文字列");
        Check(NumberKeywords, "number", "数値");
        Check(ObjectKeywords, "object", "オブジェクト");
        Check([.. ArrayKeywords.Where(k => k != "rows")], "array", "配列");
        foreach (var (keyword, kinds) in PresentationKinds)
            if (site.Schema.TryGetProperty(keyword, out _) && !kinds.Contains(node.Kind))
                context.Error(JsonPointers.Append(site.Pointer, keyword), "keyword-without-effect",
                    $"{keyword} は{string.Join("・", kinds.Select(Describe))}の項目にだけ効きますが、この項目は{Describe(node.Kind)}として印刷されます。");
    }

    internal static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Text => "文字",
        FieldKind.Boxes => "マス目（boxes）",
        FieldKind.Choice => "選択肢（enum）",
        FieldKind.Boolean => "はい・いいえ（boolean）",
        FieldKind.Date => "日付（format: date / jp-era-date）",
        FieldKind.Group => "ブロック（object）",
        FieldKind.MultiChoice => "複数選択（enum の配列）",
        _ => "表（array）",
    };

    /// <summary>Optimal string alignment distance: a swap of two neighbours counts once (maxLenght → maxLength).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
