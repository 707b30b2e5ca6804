using System.Globalization;
using System.Text;
using ProcedureForms.Hosting;
using ProcedureForms.ReferenceHost.Security;
using ProcedureForms.ReferenceHost.Storage;
using static ProcedureForms.ReferenceHost.Pages.ResidentPages;

namespace ProcedureForms.ReferenceHost.Pages;

/// <summary>The staff side: sign-in, the list of submissions (filter, print many at once), one submission with its history and status changes.</summary>
public static class StaffPages
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static void Map(WebApplication app)
    {
        app.MapGet("/staff/login", (string? failed, string? returnUrl) => Page("職員サインイン",
            "<h1>職員サインイン</h1>" +
            (failed is null ? "" : "<p class=\"summary\" role=\"alert\">名前またはパスワードが違います。</p>") +
            "<form method=\"post\" action=\"/staff/login\" class=\"login\">" +
            $"<input type=\"hidden\" name=\"returnUrl\" value=\"{E(returnUrl ?? "")}\">" +
            "<div class=\"field\"><label for=\"name\">名前</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required></div>" +
            "<div class=\"field\"><label for=\"password\">パスワード</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>" +
            "<p><button type=\"submit\" class=\"primary\">サインイン</button></p></form>"));

        // The counter: which form to fill in for the resident at the window, then the form's own page.
        app.MapGet("/staff/new", (FormService forms, TimeProvider clock) =>
        {
            var today = Endpoints.ResidentApi.Today(clock);
            var items = new StringBuilder();
            foreach (var id in forms.Catalog.Ids.Order(StringComparer.Ordinal))
                if (forms.Catalog.FindEffective(id, today) is { } f) items.Append($"<li><a href=\"/staff/new/{E(id)}\">{E(f.Title)}</a></li>");
            return Page("窓口で入力", $"<p class=\"breadcrumb\"><a href=\"/staff\">申請の一覧</a></p><h1>窓口で入力</h1><p>申請者に代わって入力する申請書を選んでください。</p><ul class=\"forms\">{items}</ul>");
        }).RequireAuthorization(Roles.Processor);
        app.MapGet("/staff/new/{id}", (string id, FormService forms, TimeProvider clock) =>
            Endpoints.ResidentApi.Find(forms, id, clock) is { } f ? ApplyPage(f, id, staff: true) : Results.NotFound()).RequireAuthorization(Roles.Processor);

        app.MapGet("/staff", async (string? form, string? from, string? until, string? status, string? number, string? kana, int? page, SubmissionStore store, FormService forms, HttpContext http, CancellationToken ct) =>
        {
            DateOnly? fromDate = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null;
            DateOnly? untilDate = DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var u) ? u : null;
            // A filter that cannot be applied is said, not dropped: staff would believe the list was filtered.
            var problems = new List<string>();
            if (!string.IsNullOrEmpty(from) && fromDate is null) problems.Add("受付日（から）は日付で指定してください。");
            if (!string.IsNullOrEmpty(until) && untilDate is null) problems.Add("受付日（まで）は日付で指定してください。");
            if (!string.IsNullOrEmpty(status) && !Statuses.Labels.ContainsKey(status)) problems.Add("その状態はありません。");
            // A page of 50, newest first; the search keeps its filters from page to page.
            const int shown = 50;
            var current = Math.Clamp(page ?? 1, 1, 100_000); // beyond that, an offset no list reaches
            var list = problems.Count > 0 ? [] : await store.ListAsync(form, fromDate, untilDate, string.IsNullOrEmpty(status) ? null : status, shown + 1, ct, (current - 1) * shown,
                string.IsNullOrWhiteSpace(number) ? null : number.Trim(), kana);
            var titles = forms.Catalog.Forms.GroupBy(x => x.Id!).ToDictionary(g => g.Key, g => g.Last().Title);
            var html = new StringBuilder();
            html.Append($"<h1>申請の一覧</h1><form method=\"post\" action=\"/staff/logout\" class=\"signout\"><span>{E(http.User.Identity?.Name ?? "")}</span> <button type=\"submit\">サインアウト</button></form>");
            if (http.User.IsInRole(Roles.Processor)) html.Append("<p><a href=\"/staff/new\">窓口で入力する（書かない窓口）</a></p>");
            html.Append("<form method=\"get\" action=\"/staff\" class=\"filters\" role=\"search\">");
            html.Append($"<div class=\"field\"><label for=\"filter-number\">受付番号</label><input id=\"filter-number\" name=\"number\" value=\"{E(number ?? "")}\" inputmode=\"numeric\"></div>");
            html.Append($"<div class=\"field\"><label for=\"filter-kana\">フリガナ（一部でも）</label><input id=\"filter-kana\" name=\"kana\" value=\"{E(kana ?? "")}\"></div>");
            html.Append("<div class=\"field\"><label for=\"filter-form\">申請書</label><select id=\"filter-form\" name=\"form\"><option value=\"\">すべて</option>");
            foreach (var (id, title) in titles.OrderBy(t => t.Key, StringComparer.Ordinal))
                html.Append($"<option value=\"{E(id)}\"{(id == form ? " selected" : "")}>{E(title)}</option>");
            html.Append("</select></div>");
            html.Append($"<div class=\"field\"><label for=\"filter-from\">受付日（から）</label><input id=\"filter-from\" name=\"from\" type=\"date\" value=\"{E(from ?? "")}\"></div>");
            html.Append($"<div class=\"field\"><label for=\"filter-until\">受付日（まで）</label><input id=\"filter-until\" name=\"until\" type=\"date\" value=\"{E(until ?? "")}\"></div>");
            html.Append("<div class=\"field\"><label for=\"filter-status\">状態</label><select id=\"filter-status\" name=\"status\"><option value=\"\">すべて</option>");
            foreach (var (key, label) in Statuses.Labels) html.Append($"<option value=\"{key}\"{(key == status ? " selected" : "")}>{E(label)}</option>");
            html.Append("</select></div><p><button type=\"submit\">絞り込む</button></p></form>");
            if (problems.Count > 0) html.Append($"<div class=\"summary\" role=\"alert\">{string.Concat(problems.Select(p => $"<p>{E(p)}</p>"))}</div>");
            var more = list.Count > shown;
            if (more) list = [.. list.Take(shown)];
            var caption = current == 1 && !more ? $"{list.Count}件" : $"{(current - 1) * shown + 1}～{(current - 1) * shown + list.Count}件目（新しい順）";
            html.Append("<form method=\"get\" action=\"/api/staff/print\" id=\"print\" target=\"_blank\">");
            html.Append($"<table class=\"list\"><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">印刷</th><th scope=\"col\">受付番号</th><th scope=\"col\">申請書</th><th scope=\"col\">受付日時</th><th scope=\"col\">状態</th></tr></thead><tbody>");
            foreach (var s in list)
            {
                html.Append($"<tr><td><input type=\"checkbox\" name=\"n\" value=\"{E(s.ReceptionNumber)}\" aria-label=\"{E(s.ReceptionNumber)}を印刷\"></td>");
                html.Append($"<td><a href=\"/staff/submissions/{E(s.ReceptionNumber)}\">{E(s.ReceptionNumber)}</a></td>");
                html.Append($"<td>{E(titles.GetValueOrDefault(s.FormId, s.FormId))}</td><td>{s.ReceivedAt.ToOffset(Jst):yyyy-MM-dd HH:mm}</td><td>{E(Statuses.Labels[s.Status])}</td></tr>");
            }
            html.Append("</tbody></table><input type=\"hidden\" name=\"numbers\" id=\"numbers\"><p><button type=\"submit\" class=\"primary\">選んだ申請をまとめて印刷（PDF）</button></p>");
            // To the core system: one form's submissions as CSV (UTF-8 with BOM for Excel, or Shift_JIS), or JSON Lines.
            html.Append("<p class=\"export\">選んだ申請を出力：<button type=\"submit\" formaction=\"/api/staff/export\" name=\"format\" value=\"csv\">CSV（UTF-8）</button> " +
                        "<button type=\"submit\" formaction=\"/api/staff/export\" name=\"format\" value=\"csv-sjis\">CSV（Shift_JIS）</button> " +
                        "<button type=\"submit\" formaction=\"/api/staff/export\" name=\"format\" value=\"jsonl\">JSON Lines</button></p></form>");
            // Pages, with the filters kept.
            string Link(int to) => "/staff?" + string.Join("&", new (string, string?)[] { ("form", form), ("from", from), ("until", until), ("status", status), ("number", number), ("kana", kana), ("page", to.ToString(CultureInfo.InvariantCulture)) }
                .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            if (current > 1 || more)
                html.Append($"<nav class=\"pages\" aria-label=\"ページ\">{(current > 1 ? $"<a href=\"{E(Link(current - 1))}\" rel=\"prev\">前の{shown}件</a> " : "")}{(more ? $"<a href=\"{E(Link(current + 1))}\" rel=\"next\">次の{shown}件</a>" : "")}</nav>");
            return Page("申請の一覧", html.ToString(), script: "/staff.js");
        }).RequireAuthorization(Roles.Reader);

        app.MapGet("/staff/submissions/{number}", async (string number, SubmissionStore store, FormService forms, HttpContext http, CancellationToken ct) =>
        {
            if (await store.FindByNumberAsync(number, ct) is not { } submission) return Results.NotFound();
            var history = await store.HistoryAsync(submission.Id, ct);
            forms.Catalog.TryGet(submission.FormId, submission.FormVersion, out var form);
            var html = new StringBuilder();
            html.Append($"<p class=\"breadcrumb\"><a href=\"/staff\">申請の一覧</a></p><h1>受付番号 {E(submission.ReceptionNumber)}</h1>");
            html.Append($"<dl class=\"facts\"><dt>申請書</dt><dd>{E(form?.Title ?? submission.FormId)}（{E(submission.FormId)} {E(submission.FormVersion)}）</dd>");
            html.Append($"<dt>受付日時</dt><dd>{submission.ReceivedAt.ToOffset(Jst):yyyy-MM-dd HH:mm:ss}</dd><dt>状態</dt><dd id=\"status\">{E(Statuses.Labels[submission.Status])}</dd>");
            html.Append($"<dt>受信データのSHA-256</dt><dd><code>{submission.BodySha256}</code></dd></dl>");
            html.Append($"<p><a href=\"/api/staff/submissions/{E(submission.ReceptionNumber)}/pdf\" target=\"_blank\">申請書を印刷（PDF）</a></p>");
            html.Append("<h2>経過</h2><table class=\"list\"><thead><tr><th scope=\"col\">日時</th><th scope=\"col\">状態</th><th scope=\"col\">理由</th><th scope=\"col\">担当</th></tr></thead><tbody>");
            foreach (var h in history)
                html.Append($"<tr><td>{h.ChangedAt.ToOffset(Jst):yyyy-MM-dd HH:mm}</td><td>{E(Statuses.Labels[h.Status])}</td><td>{E(h.Reason ?? "")}</td><td>{E(h.Actor == "resident" ? "申請者" : h.Actor)}</td></tr>");
            html.Append("</tbody></table>");
            // Entered at the counter: the signed paper is recorded when it comes back.
            if (http.User.IsInRole(Roles.Processor) && history.Any(h => h.Reason == SubmissionStore.EnteredAtCounter) && history.All(h => h.Reason != SubmissionStore.SignedPaperReceived))
                html.Append($"<h2>署名済みの申請書</h2><p><button type=\"button\" id=\"signed-paper\" data-number=\"{E(submission.ReceptionNumber)}\">署名済みの紙を受け取った</button></p>");
            var next = Statuses.Next[submission.Status];
            if (next.Length > 0 && http.User.IsInRole(Roles.Processor))
            {
                html.Append($"<h2>状態を変える</h2><form id=\"change\" data-number=\"{E(submission.ReceptionNumber)}\"><fieldset><legend>新しい状態</legend>");
                foreach (var s in next) html.Append($"<label><input type=\"radio\" name=\"status\" value=\"{s}\" required> {E(Statuses.Labels[s])}</label> ");
                html.Append("</fieldset><div class=\"field\"><label for=\"reason\">理由（差し戻し・却下では必須）</label><textarea id=\"reason\" name=\"reason\" rows=\"3\" maxlength=\"1000\"></textarea></div>");
                html.Append("<p id=\"change-error\" class=\"error\" role=\"alert\" hidden></p><p><button type=\"submit\" class=\"primary\">変更する</button></p></form>");
            }
            return Page($"受付番号 {submission.ReceptionNumber}", html.ToString(), script: "/staff.js");
        }).RequireAuthorization(Roles.Reader);
    }
}
