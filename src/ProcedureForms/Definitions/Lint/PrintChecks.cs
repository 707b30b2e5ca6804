using System.Text.Json;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Rendering.Layout;
using ProcedureForms.Validation;

namespace ProcedureForms.Definitions.Lint;

/// <summary>
/// What printing will meet: text of the form the font cannot draw, a declared page count the content overflows, and
/// fields whose longest value will not fit their cell (measured by laying out the widest submission): errors, so that a
/// form that lints clean prints every submission it accepts.
/// </summary>
internal static class PrintChecks
{
    /// <summary>Keywords whose string values (or values of their object and array entries) are printed.</summary>
    private static readonly string[] Printed =
    [
        "title", "description", "formNumber", "addressee", "declaration", "notes", "conditionLabel", "unit", "enumLabels", "eras",
        "booleanLabels", "staffArea", "signature", "sealBox",
    ];

    public static void Run(LintContext context)
    {
        var font = FontRegistry.Default.Get(FontRegistry.IpaexMincho);
        Characters(context, new PrintCheck(font));
        var measurer = new FontMeasurer(font);
        var engine = new FormLayoutEngine(measurer);
        // A template form's pages are the template's: only whether its values fit is ours to check.
        if (context.Form.Template is null) Pages(context, engine);
        Fit(context, engine, measurer);
    }

    private static void Characters(LintContext context, PrintCheck check)
    {
        foreach (var site in context.Model.Sites)
            foreach (var keyword in Printed)
                if (site.Schema.TryGetProperty(keyword, out var value))
                    foreach (var (pointer, text) in Strings(value, JsonPointers.Append(site.Pointer, keyword)))
                        if (check.FindUnprintable(text) is { } bad)
                            context.Error(pointer, "unprintable-text",
                                $"「{text}」の {bad.CodePointText} は印刷に使う書体（{FontRegistry.IpaexMincho}）にないため印刷できません（{Reason(bad.Reason)}）。");
    }

    private static string Reason(UnprintableReason reason) => reason switch
    {
        UnprintableReason.PrivateUse => "外字（私用領域）",
        UnprintableReason.Control => "制御文字",
        UnprintableReason.Malformed => "壊れた文字",
        _ => "字形がない",
    };

    private static IEnumerable<(string Pointer, string Text)> Strings(JsonElement value, string pointer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                yield return (pointer, value.GetString()!);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    foreach (var s in Strings(item, $"{pointer}/{i++}")) yield return s;
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    foreach (var s in Strings(property.Value, JsonPointers.Append(pointer, property.Name))) yield return s;
                break;
        }
    }

    private static void Pages(LintContext context, FormLayoutEngine engine)
    {
        var (pages, overflow, advice) = engine.Measure(context.Form);
        foreach (var (pointer, message) in advice.DistinctBy(a => a.Pointer))
            context.Warning(pointer, "column-too-narrow", message);
        if (!context.Form.Definition.TryGetProperty("pages", out var declared) || !declared.TryGetInt32(out var limit)) return;
        if (pages > limit)
            context.Error("/pages", "pages-overflow",
                $"様式は {limit} ページと宣言されていますが、内容が {pages} ページになります（{overflow / (72 / 25.4):0.0} mm あふれています）。行や注意事項を減らすか、rowHeight・lines を見直してください。");
    }

    /// <summary>
    /// The invariant: a form that lints clean prints every submission it accepts. The widest submission the schema
    /// admits (every string at its maxLength in wide characters, every choice at its longest label, every table at its
    /// rows and one more) is laid out; a field the schema bounds whose longest value does not fit is an error, with the
    /// fix. A field the schema does not bound is the resident's to shorten when too long: a warning says so.
    /// </summary>
    private static void Fit(LintContext context, FormLayoutEngine engine, ITextMeasurer measurer)
    {
        JsonElement widest;
        using (var document = JsonDocument.Parse(Model.WidestSubmission.Submission(context.Form).ToJsonString()))
            widest = document.RootElement.Clone();
        // A table's rows share one declaration: report each field once.
        var layout = context.Form.Template is null
            ? engine.Layout(context.Form, widest)
            : new Rendering.Layout.TemplateLayout(measurer).Layout(context.Form, widest, Rendering.Layout.LayoutOptions.Default);
        foreach (var problem in layout.Problems.DistinctBy(p => context.Model.Find(p.Pointer)?.Pointer ?? p.Pointer))
        {
            var node = context.Model.Find(problem.Pointer);
            if (node is not null && Model.WidestSubmission.Unbounded(node)) continue;
            var label = context.Form.LabelOf(problem.Pointer);
            var reason = problem.Reason.StartsWith('は') ? "は、この様式が受け付ける最長の値だと" + problem.Reason[1..] : problem.Reason;
            var fix = context.Form.Template is not null
                ? "template の placements でその欄の矩形（field・rect）を広げるか、minSize を下げるか、maxLength（表は maxItems）を様式の欄に合わせてください。"
                : node?.Kind switch
            {
                FieldKind.Text when node.Format == "jp-katakana" && Rendering.Layout.Values.TextValue.FuriganaWidth(node, measurer) is { } need =>
                    $"フリガナは折り返さず {FormStyle.MinValue} ポイントまで縮小して1行に書くため、{Model.WidestSubmission.Text(node)!.Length}文字には幅が約 {Math.Ceiling(need / FormStyle.Mm)} mm 要ります。列の width をそれ以上にするか maxLength を短くしてください。",
                FieldKind.Text => "欄を広げる（lines・rowHeight・width）か maxLength を短くしてください。",
                FieldKind.Boxes => "boxes を値の長さに合わせてください。",
                _ => "欄を広げる（width・rowHeight）か、選択肢の表示名（enumLabels）を短くしてください。",
            };
            context.Error(node?.Pointer ?? "", "value-does-not-fit",
                $"「{label}」{reason}受け付けた申請を印刷できなくなります。{fix}");
        }
        foreach (var node in context.Model.Nodes.Where(n => n.Parent is not null && Model.WidestSubmission.Unbounded(n) && n.Parts.Count > 0 && n.Parts[0].Role == Model.PartRole.Own))
            if (node.Type is "integer" or "number")
                context.Warning(node.Pointer, "number-without-limit",
                    $"「{node.Label}」に minimum・maximum の両方がないため、欄に入らない桁数の値は申請者の誤り（短くする）として受け付けません。紙の欄に合う範囲を書いてください。");
            else
                context.Warning(node.Pointer, "text-without-maxlength",
                    $"「{node.Label}」に maxLength がないため、欄に入らない長さの値は申請者の誤り（短くする）として受け付けません。紙の欄に合う maxLength を書いてください。");
    }
}
