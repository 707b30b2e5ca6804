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

        app.MapGet("/staff", async (string? form, string? from, string? until, string? status, SubmissionStore store, FormService forms, HttpContext http, CancellationToken ct) =>
        {
            DateOnly? fromDate = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null;
            DateOnly? untilDate = DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var u) ? u : null;
            // A filter that cannot be applied is said, not dropped: staff would believe the list was filtered.
            var problems = new List<string>();
            if (!string.IsNullOrEmpty(from) && fromDate is null) problems.Add("受付日（から）は日付で指定してください。");
            if (!string.IsNullOrEmpty(until) && untilDate is null) problems.Add("受付日（まで）は日付で指定してください。");
            if (!string.IsNullOrEmpty(status) && !Statuses.Labels.ContainsKey(status)) problems.Add("その状態はありません。");
            const int shown = 500;
            var list = problems.Count > 0 ? [] : await store.ListAsync(form, fromDate, untilDate, string.IsNullOrEmpty(status) ? null : status, shown + 1, ct);
            var titles = forms.Catalog.Forms.GroupBy(x => x.Id!).ToDictionary(g => g.Key, g => g.Last().Title);
            var html = new StringBuilder();
            html.Append($"<h1>申請の一覧</h1><form method=\"post\" action=\"/staff/logout\" class=\"signout\"><span>{E(http.User.Identity?.Name ?? "")}</span> <button type=\"submit\">サインアウト</button></form>");
            html.Append("<form method=\"get\" action=\"/staff\" class=\"filters\" role=\"search\">");
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
            var caption = list.Count > shown ? $"{shown}件を超えます。新しい順に{shown}件を表示しています。絞り込んでください。" : $"{list.Count}件";
            if (list.Count > shown) list = [.. list.Take(shown)];
            html.Append("<form method=\"get\" action=\"/api/staff/print\" id=\"print\" target=\"_blank\">");
            html.Append($"<table class=\"list\"><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">印刷</th><th scope=\"col\">受付番号</th><th scope=\"col\">申請書</th><th scope=\"col\">受付日時</th><th scope=\"col\">状態</th></tr></thead><tbody>");
            foreach (var s in list)
            {
                html.Append($"<tr><td><input type=\"checkbox\" name=\"n\" value=\"{E(s.ReceptionNumber)}\" aria-label=\"{E(s.ReceptionNumber)}を印刷\"></td>");
                html.Append($"<td><a href=\"/staff/submissions/{E(s.ReceptionNumber)}\">{E(s.ReceptionNumber)}</a></td>");
                html.Append($"<td>{E(titles.GetValueOrDefault(s.FormId, s.FormId))}</td><td>{s.ReceivedAt.ToOffset(Jst):yyyy-MM-dd HH:mm}</td><td>{E(Statuses.Labels[s.Status])}</td></tr>");
            }
            html.Append("</tbody></table><input type=\"hidden\" name=\"numbers\" id=\"numbers\"><p><button type=\"submit\" class=\"primary\">選んだ申請をまとめて印刷（PDF）</button></p></form>");
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
