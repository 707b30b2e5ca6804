using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ProcedureForms.Definitions;
using ProcedureForms.Hosting;
using ProcedureForms.ReferenceHost.Security;
using ProcedureForms.ReferenceHost.Storage;
using ProcedureForms.Rendering;

namespace ProcedureForms.ReferenceHost.Endpoints;

/// <summary>
/// What staff use, behind a cookie login: the list of submissions, each one with its history, the filled PDF (one, or
/// many in one document through the library's batch API), and status changes (the processor role only).
/// </summary>
public static class StaffApi
{
    /// <summary>Sign-in attempts one client address may make in a minute, on all instances together.</summary>
    public const int SignInAttemptsPerMinute = 10;

    public static void Map(WebApplication app)
    {
        app.MapPost("/staff/login", async (HttpContext http, StaffAccounts accounts, SubmissionStore store, TimeProvider clock) =>
        {
            // 10 tries a minute per client address (its own, through a proxy that sets X-Forwarded-For), counted in the
            // database so that every instance counts them: each costs 210,000 PBKDF2 rounds, so unthrottled they are both
            // a password-guessing channel and a way to keep the CPU busy.
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "?";
            if (await store.CountSignInAttemptAsync(address, clock.GetUtcNow(), http.RequestAborted) > SignInAttemptsPerMinute)
            {
                http.Response.Headers.RetryAfter = "60";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var account = accounts.Verify(form["name"].ToString(), form["password"].ToString());
            var returnUrl = form["returnUrl"].ToString();
            // Back to the staff page a link pointed at, never to another site.
            var local = returnUrl.StartsWith("/staff", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.Contains('\\');
            if (account is null) return Results.Redirect("/staff/login?failed=1" + (local ? "&ReturnUrl=" + Uri.EscapeDataString(returnUrl) : ""));
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role)], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(local ? returnUrl : "/staff");
        }).DisableAntiforgery(); // the same-origin check (Security/SameOriginRequests.cs) refuses a sign-in posted from another site

        app.MapPost("/staff/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/staff/login");
        }).DisableAntiforgery(); // likewise

        var api = app.MapGroup("/api/staff").RequireAuthorization(Roles.Reader);

        // Newest first, a page at a time (limit 1–500, default 100; offset): a page that is not the last says so in
        // X-More-Submissions, so a list is never cut short silently.
        api.MapGet("/submissions", async (string? form, string? from, string? until, string? status, int? limit, int? offset, SubmissionStore store, HttpContext http, CancellationToken ct) =>
        {
            var take = limit ?? 100;
            if (take is < 1 or > 500 || offset is < 0)
                return ResidentApi.Problem(StatusCodes.Status400BadRequest, "limit は1から500まで、offset は0以上で指定してください。", null);
            if (!TryDate(from, out var fromDate) || !TryDate(until, out var untilDate))
                return ResidentApi.Problem(StatusCodes.Status400BadRequest, "日付は YYYY-MM-DD で指定してください。", null);
            if (status is { Length: > 0 } && !Statuses.Labels.ContainsKey(status))
                return ResidentApi.Problem(StatusCodes.Status400BadRequest, "その状態はありません。", string.Join(", ", Statuses.Labels.Keys));
            var list = await store.ListAsync(form, fromDate, untilDate, status, take + 1, ct, offset ?? 0);
            if (list.Count > take)
            {
                http.Response.Headers["X-More-Submissions"] = "true";
                list = [.. list.Take(take)];
            }
            return Results.Json(list.Select(s => new
            {
                receptionNumber = s.ReceptionNumber,
                formId = s.FormId,
                formVersion = s.FormVersion,
                receivedAt = s.ReceivedAt,
                status = s.Status,
                statusLabel = Statuses.Labels[s.Status],
            }));
        });

        api.MapGet("/submissions/{number}", async (string number, SubmissionStore store, CancellationToken ct) =>
            await store.FindByNumberAsync(number, ct) is { } submission
                ? Results.Json(await Detail(store, submission, ct))
                : ResidentApi.NotFound("この受付番号の申請はありません。"));

        api.MapGet("/submissions/{number}/pdf", async (string number, SubmissionStore store, FormService forms, HttpContext http, CancellationToken ct) =>
            await store.FindByNumberAsync(number, ct) is { } submission
                ? await ResidentApi.FilledPdf(http, forms, submission)
                : ResidentApi.NotFound("この受付番号の申請はありません。"));

        // Many submissions in one PDF, in the order asked, through FormRenderer.RenderMany (the library's batch API).
        api.MapGet("/print", async (string? numbers, SubmissionStore store, FormService forms, HttpContext http, CancellationToken ct) =>
        {
            var wanted = (numbers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            if (wanted.Count is 0 or > 200) return ResidentApi.Problem(StatusCodes.Status400BadRequest, "印刷する受付番号を1件から200件まで指定してください。", null);
            var documents = new List<JsonDocument>();
            try
            {
                var batch = new List<(ProcedureForm, JsonElement?, string?)>();
                foreach (var number in wanted)
                {
                    if (await store.FindByNumberAsync(number, ct) is not { } submission) return ResidentApi.NotFound($"受付番号 {number} の申請はありません。");
                    if (!forms.Catalog.TryGet(submission.FormId, submission.FormVersion, out var form))
                        return ResidentApi.Problem(StatusCodes.Status410Gone, "この申請書の版はもう提供されていません。", number);
                    var document = JsonDocument.Parse(submission.Body);
                    documents.Add(document);
                    batch.Add((form, document.RootElement, $"受付番号 {number}"));
                }
                using var pdf = new MemoryStream();
                var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProcedureFormsOptions>>().Value;
                FormRenderer.RenderManyLabelled(batch, pdf, options.Municipality is { } m ? options.Render with { Municipality = m } : options.Render, ct);
                return Results.File(pdf.ToArray(), "application/pdf", wanted.Count == 1 ? $"{wanted[0]}.pdf" : $"submissions-{wanted.Count}.pdf");
            }
            finally
            {
                foreach (var document in documents) document.Dispose();
            }
        });

        api.MapPost("/submissions/{number}/status", async (string number, StatusRequest request, SubmissionStore store, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            if (request.Status is null || !Statuses.Labels.ContainsKey(request.Status))
                return ResidentApi.Problem(StatusCodes.Status400BadRequest, "その状態はありません。", string.Join(", ", Statuses.Labels.Keys));
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            if (request.Status is Statuses.Returned or Statuses.Rejected && reason is null)
                return ResidentApi.Problem(StatusCodes.Status400BadRequest, "差し戻し・却下には理由を入力してください。", null);
            if (reason is { Length: > 1000 }) return ResidentApi.Problem(StatusCodes.Status400BadRequest, "理由は1000文字までです。", null);
            var actor = http.User.Identity?.Name ?? "?";
            return await store.ChangeStatusAsync(number, request.Status, reason, actor, clock.GetUtcNow(), ct) switch
            {
                ChangeOutcome.Changed => Results.Json(await Detail(store, (await store.FindByNumberAsync(number, ct))!, ct)),
                ChangeOutcome.NotFound => ResidentApi.NotFound("この受付番号の申請はありません。"),
                _ => ResidentApi.Problem(StatusCodes.Status409Conflict, "今の状態からはその状態にできません。", null),
            };
        }).RequireAuthorization(Roles.Processor);
    }

    /// <summary>A status change as staff send it.</summary>
    public sealed record StatusRequest(string? Status, string? Reason);

    internal static async Task<object> Detail(SubmissionStore store, StoredSubmission submission, CancellationToken ct)
    {
        var history = await store.HistoryAsync(submission.Id, ct);
        return new
        {
            receptionNumber = submission.ReceptionNumber,
            formId = submission.FormId,
            formVersion = submission.FormVersion,
            receivedAt = submission.ReceivedAt,
            bodySha256 = submission.BodySha256,
            status = submission.Status,
            statusLabel = Statuses.Labels[submission.Status],
            next = Statuses.Next[submission.Status].Select(s => new { status = s, label = Statuses.Labels[s] }),
            history = history.Select(h => new { status = h.Status, statusLabel = Statuses.Labels[h.Status], reason = h.Reason, actor = h.Actor, at = h.ChangedAt }),
        };
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }
}
