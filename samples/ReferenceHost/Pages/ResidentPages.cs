using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ProcedureForms.Definitions;
using ProcedureForms.Hosting;
using ProcedureForms.ReferenceHost.Endpoints;

namespace ProcedureForms.ReferenceHost.Pages;

/// <summary>
/// The page a resident fills in, made from the form's field tree (the same one the PDF is printed from): blocks as
/// fieldsets, labels bound to inputs, help text and errors tied to them with aria-describedby, choices as radio buttons
/// or check boxes, table rows added and removed, and conditional blocks shown when their condition holds. Plain HTML and
/// one small script (wwwroot/form.js) that sends the JSON and puts the server's messages next to their fields.
/// </summary>
public static class ResidentPages
{
    internal static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static void Map(WebApplication app)
    {
        app.MapGet("/", (FormService forms, TimeProvider clock) =>
        {
            var today = ResidentApi.Today(clock);
            var items = new StringBuilder();
            foreach (var id in forms.Catalog.Ids.Order(StringComparer.Ordinal))
                if (forms.Catalog.FindEffective(id, today) is { } form)
                    items.Append($"<li><a href=\"/apply/{E(id)}\">{E(form.Title)}</a> <a class=\"secondary\" href=\"/forms/{E(id)}/blank.pdf\">印刷用の様式（PDF）</a></li>");
            return Page("オンライン申請", $"<h1>オンライン申請</h1><p>申請する手続を選んでください。</p><ul class=\"forms\">{items}</ul><p class=\"secondary\"><a href=\"/staff\">職員の方</a></p>");
        });

        // The resident's own page for one submission: its status and history, and the PDF. The receipt is the key.
        app.MapGet("/receipt/{receipt}", async (string receipt, Storage.SubmissionStore store, FormService forms, CancellationToken ct) =>
        {
            if (await store.FindByReceiptAsync(receipt, ct) is not { } submission) return Results.NotFound();
            var history = await store.HistoryAsync(submission.Id, ct);
            forms.Catalog.TryGet(submission.FormId, submission.FormVersion, out var form);
            var jst = TimeSpan.FromHours(9);
            var body = new StringBuilder();
            body.Append($"<p class=\"breadcrumb\"><a href=\"/\">オンライン申請</a></p><h1>受付状況</h1>");
            body.Append($"<dl class=\"facts\"><dt>申請書</dt><dd>{E(form?.Title ?? submission.FormId)}</dd><dt>受付番号</dt><dd>{E(submission.ReceptionNumber)}</dd>");
            body.Append($"<dt>受付日時</dt><dd>{submission.ReceivedAt.ToOffset(jst):yyyy年M月d日 HH:mm}</dd><dt>状況</dt><dd><strong>{E(Storage.Statuses.Labels[submission.Status])}</strong></dd></dl>");
            body.Append("<h2>経過</h2><table class=\"list\"><thead><tr><th scope=\"col\">日時</th><th scope=\"col\">状況</th><th scope=\"col\">理由・連絡</th></tr></thead><tbody>");
            foreach (var h in history)
                body.Append($"<tr><td>{h.ChangedAt.ToOffset(jst):yyyy-MM-dd HH:mm}</td><td>{E(Storage.Statuses.Labels[h.Status])}</td><td>{E(h.Reason ?? "")}</td></tr>");
            body.Append($"</tbody></table><p><a href=\"/submissions/{E(receipt)}/pdf\">申請書（PDF）をダウンロード</a></p>");
            return Page("受付状況", body.ToString());
        });

        app.MapGet("/apply/{id}", (string id, FormService forms, TimeProvider clock) =>
            ResidentApi.Find(forms, id, clock) is { } form ? ApplyPage(form, id, staff: false) : Results.NotFound());
    }

    /// <summary>
    /// The page a form is filled in on: by the resident online, or, with <paramref name="staff"/>, by staff at the
    /// counter for a resident (書かない窓口), who then print it for the resident's signature.
    /// </summary>
    internal static IResult ApplyPage(ProcedureForm form, string id, bool staff)
    {
        var body = new StringBuilder();
        body.Append(staff
            ? $"<p class=\"breadcrumb\"><a href=\"/staff\">申請の一覧</a> › <a href=\"/staff/new\">窓口で入力</a></p><h1>{E(form.Title)}（窓口で入力）</h1>"
            : $"<p class=\"breadcrumb\"><a href=\"/\">オンライン申請</a></p><h1>{E(form.Title)}</h1>");
        body.Append(staff
            ? "<p>申請者から聞き取って入力し、「申請する」を押してください。受け付けた申請書を印刷し、申請者の署名をもらってください。</p>"
            : "<p>入力して「申請する」を押してください。<span class=\"required\">必須</span>の項目は必ず入力してください。</p>");
        body.Append($"<form id=\"application\" data-form=\"{E(id)}\"{(staff ? $" data-action=\"/api/staff/forms/{E(id)}/submissions\"" : "")} novalidate>");
        // Announced when it appears (role=alert), and focused, so keyboard and screen-reader users land on it.
        body.Append("<div id=\"summary\" class=\"summary\" role=\"alert\" tabindex=\"-1\" hidden></div>");
        foreach (var field in form.Fields) Field(body, field);
        body.Append("<p><button type=\"submit\" class=\"primary\">申請する</button></p></form>");
        // Once accepted: the 受付番号, then for staff the print for the signature, for the resident the receipt page.
        body.Append("<section id=\"done\" class=\"done\" tabindex=\"-1\" hidden aria-live=\"polite\"><h2>申請を受け付けました</h2><p>受付番号：<strong id=\"reception-number\"></strong></p>");
        body.Append(staff
            ? "<p><a id=\"pdf-link\" href=\"#\" target=\"_blank\">署名用に申請書を印刷（PDF）</a></p>" +
              "<p><a id=\"status-link\" href=\"#\">この申請のページ</a>（署名済みの紙を受け取ったら、そこで記録します）</p>"
            : "<p>この画面の<a id=\"status-link\" href=\"#\">受付状況のページ</a>で、いつでも状況を確かめられます（このリンクを控えてください。受付票の代わりです）。</p>" +
              "<p><a id=\"pdf-link\" href=\"#\">申請書（PDF）をダウンロード</a></p>");
        body.Append("</section>");
        return Page(staff ? $"{form.Title}（窓口で入力）" : form.Title, body.ToString(), script: "/form.js");
    }

    private static void Field(StringBuilder html, FormField field, bool inRow = false)
    {
        var when = field.ShownWhen is { } condition
            ? $" data-when=\"{E(JsonSerializer.Serialize(new { whenFalse = condition.WhenFalse, tests = condition.Tests.Select(t => new { field = t.Field, values = t.Values, required = t.Required }) }))}\""
            : "";
        var id = Id(field.Pointer);
        var help = field.Help is { } h ? $"<p class=\"help\" id=\"{id}-help\">{E(h)}</p>" : "";
        var condText = field.ConditionText is { } c ? $"<span class=\"condition\">（{E(c)}）</span>" : "";
        var required = field.Required ? "<span class=\"required\">必須</span>" : "";
        var error = $"<p class=\"error\" id=\"{id}-error\" hidden></p>";
        var described = $"{(field.Help is null ? "" : id + "-help ")}{id}-error";
        switch (field.Kind)
        {
            case FormFieldKind.Group:
                html.Append($"<fieldset class=\"group\" data-pointer=\"{E(field.Pointer)}\"{when} aria-describedby=\"{described}\"><legend>{E(field.Label)}{required}{condText}</legend>{help}{error}");
                foreach (var child in field.Fields) Field(html, child, inRow);
                html.Append("</fieldset>");
                break;
            case FormFieldKind.Table:
                html.Append($"<fieldset class=\"table\" data-pointer=\"{E(field.Pointer)}\" data-rows=\"{Math.Max(1, field.MinItems ?? 1)}\" data-max=\"{field.MaxItems ?? 99}\"{when} aria-describedby=\"{described}\"><legend>{E(field.Label)}{required}{condText}</legend>{help}{error}");
                html.Append("<template>");
                html.Append("<fieldset class=\"row\"><legend class=\"row-title\"></legend>");
                foreach (var child in field.Fields) Field(html, child, inRow: true);
                html.Append("<button type=\"button\" class=\"remove-row\">この行を削除</button></fieldset></template>");
                if (field.Fields.Any(f => f.Kind == FormFieldKind.Table))
                    html.Append("<p class=\"help\">この表の中の表は、この画面では入力できません。窓口でお申し出ください。</p>");
                html.Append($"<div class=\"rows\"></div><button type=\"button\" class=\"add-row\">{E(field.Label)}を追加</button></fieldset>");
                break;
            case FormFieldKind.Choice or FormFieldKind.Boolean or FormFieldKind.MultiChoice:
                var multiple = field.Kind == FormFieldKind.MultiChoice;
                var options = field.Options.Select(o => (o.Value.GetRawText(), o.Label)).ToList();
                html.Append($"<fieldset class=\"field choice\" data-pointer=\"{E(field.Pointer)}\" data-kind=\"{(multiple ? "multi" : "single")}\"{when} aria-describedby=\"{described}\"><legend>{E(field.Label)}{required}{condText}</legend>{help}<div class=\"options\">");
                var n = 0;
                foreach (var (value, label) in options)
                {
                    var optionId = $"{id}-{n++}";
                    html.Append($"<label for=\"{optionId}\"><input type=\"{(multiple ? "checkbox" : "radio")}\" id=\"{optionId}\" name=\"{E(field.Pointer)}\" value=\"{E(value)}\"> {E(label)}</label>");
                }
                html.Append($"</div>{error}</fieldset>");
                break;
            default:
                // Text inputs throughout: a number input hands the script "" for 「1,000」 or 「12歳」, and the resident
                // would be told the field is missing instead of what is wrong with it. No maxlength either: the browser
                // counts UTF-16 units, so 𠮷 would cut a name short; the server counts characters.
                var type = field.Format == "date" ? "date" : "text";
                var attributes = new StringBuilder();
                if (field.Type is "integer" or "number" || field.Kind == FormFieldKind.Boxes || field.Format is "jp-postal-code" or "jp-phone")
                    attributes.Append(" inputmode=\"numeric\"");
                if (field.Required) attributes.Append(" aria-required=\"true\"");
                var placeholder = Placeholder(field) is { } p ? $" placeholder=\"{E(p)}\"" : "";
                var unitText = field.Unit is { } u ? $"<span class=\"visually-hidden\">（{E(u)}）</span>" : "";
                html.Append($"<div class=\"field\" data-pointer=\"{E(field.Pointer)}\"{when}><label for=\"{id}\">{E(field.Label)}{unitText}{required}{condText}</label>{help}" +
                            $"<input id=\"{id}\" name=\"{E(field.Pointer)}\" type=\"{type}\" data-type=\"{E(field.Type ?? "string")}\"{attributes}{placeholder} aria-describedby=\"{described}\">" +
                            (field.Unit is { } unit ? $"<span class=\"unit\" aria-hidden=\"true\">{E(unit)}</span>" : "") + $"{error}</div>");
                break;
        }
    }

    private static string? Placeholder(FormField field) => field.Format switch
    {
        "jp-my-number" => "12桁の数字",
        "jp-postal-code" => "例：173-8501",
        "jp-phone" => "例：03-3964-1111",
        "jp-era-date" => $"例：{(field.Eras.Count > 0 ? field.Eras[^1] : "令和")}5年4月1日",
        "jp-katakana" => "カタカナで入力",
        _ => field.Kind == FormFieldKind.Date && field.Format != "date" ? "例：2026-04-01" : null,
    };

    /// <summary>
    /// An HTML id from a pointer, one to one: "/claimant/name" → "f-claimant-name"; other characters as _hex_
    /// ("/氏名" → "f-_6c0f__540d_"); a table's row number "-" as "_r_", which the script replaces in each row.
    /// </summary>
    internal static string Id(string pointer)
    {
        var id = new StringBuilder("f");
        foreach (var segment in pointer.Split('/').Skip(1))
        {
            id.Append('-');
            if (segment == "-")
            {
                id.Append("_r_");
                continue;
            }
            foreach (var rune in segment.EnumerateRunes())
                if (rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value)) id.Append((char)rune.Value);
                else id.Append('_').Append(rune.Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
        }
        return id.ToString();
    }

    internal static string E(string text) => Html.Encode(text);

    /// <summary>A page; <paramref name="script"/> is the one script it loads from this host (never inline: see SecurityHeaders).</summary>
    internal static IResult Page(string title, string body, string? script = null)
    {
        var html = $"""
            <!doctype html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <link rel="stylesheet" href="/site.css">
            <link rel="icon" href="data:,">
            </head>
            <body>
            <header class="site"><a href="/">{E("オンライン申請")}</a></header>
            <main id="main">{body}</main>
            {(script is null ? "" : $"<script src=\"{script}\"></script>")}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
