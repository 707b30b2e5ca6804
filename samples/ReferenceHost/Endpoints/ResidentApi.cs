using System.Text.Json;
using Microsoft.Net.Http.Headers;
using ProcedureForms.Definitions;
using ProcedureForms.Hosting;
using ProcedureForms.ReferenceHost.Storage;
using ProcedureForms.Rendering;
using ProcedureForms.Rendering.Fonts;
using ProcedureForms.Validation;

namespace ProcedureForms.ReferenceHost.Endpoints;

/// <summary>
/// What residents (and any front end) use: the catalog, a form's definition and field tree, the blank PDF, sending a
/// submission, and, with the receipt token given on acceptance, its status and filled PDF.
/// </summary>
public static class ResidentApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/forms", (FormService forms, TimeProvider clock) =>
            Results.Json(Catalog(forms, Today(clock)).Select(f => new
            {
                id = f.Id,
                title = f.Title,
                titleEn = f.TitleEn,
                version = f.Version,
                effectiveFrom = f.EffectiveFrom,
                effectiveUntil = f.EffectiveUntil,
            })));

        app.MapGet("/forms/{id}", (string id, FormService forms, TimeProvider clock) =>
            Find(forms, id, clock) is { } form
                ? Results.Text(form.Definition.GetRawText(), "application/schema+json; charset=utf-8")
                : NotFound("この申請書はありません。"));

        app.MapGet("/forms/{id}/fields", (string id, FormService forms, TimeProvider clock) =>
            Find(forms, id, clock) is { } form ? Results.Text(FieldTree.Json(form), "application/json; charset=utf-8") : NotFound("この申請書はありません。"));

        app.MapGet("/forms/{id}/blank.pdf", async (string id, FormService forms, TimeProvider clock, HttpContext http) =>
        {
            if (Find(forms, id, clock) is not { } form) return NotFound("この申請書はありません。");
            return await Pdf(http, forms, form, null, $"{form.Id}-blank.pdf");
        });

        app.MapPost("/forms/{id}/submissions", Submit);

        app.MapGet("/submissions/{receipt}", async (string receipt, SubmissionStore store, FormService forms, CancellationToken ct) =>
        {
            if (await store.FindByReceiptAsync(receipt, ct) is not { } submission) return NotFound("この受付票の申請はありません。");
            var history = await store.HistoryAsync(submission.Id, ct);
            forms.Catalog.TryGet(submission.FormId, submission.FormVersion, out var form);
            return Results.Json(new
            {
                receptionNumber = submission.ReceptionNumber,
                form = new { id = submission.FormId, version = submission.FormVersion, title = form?.Title },
                receivedAt = submission.ReceivedAt,
                status = submission.Status,
                statusLabel = Statuses.Labels[submission.Status],
                // Who on the staff made a change is theirs to know; the resident sees what happened, when and why.
                history = history.Select(h => new { status = h.Status, statusLabel = Statuses.Labels[h.Status], at = h.ChangedAt, reason = h.Reason }),
            });
        });

        app.MapGet("/submissions/{receipt}/pdf", async (string receipt, SubmissionStore store, FormService forms, HttpContext http, CancellationToken ct) =>
            await store.FindByReceiptAsync(receipt, ct) is { } submission
                ? await FilledPdf(http, forms, submission)
                : NotFound("この受付票の申請はありません。"));
    }

    // The body is read whole (it is stored byte for byte), but never beyond the library's limit.
    private static readonly int MaxBody = SubmissionLimits.Default.MaxBytes;

    private static async Task<IResult> Submit(string id, HttpContext http, FormService forms, SubmissionStore store, TimeProvider clock, CancellationToken ct)
    {
        if (Find(forms, id, clock) is not { } form) return NotFound("この申請書はありません。");
        return await Receive(form, http, store, clock, enteredBy: null, ct);
    }

    /// <summary>
    /// Validates a submission's bytes as the form's and stores them: sent by the resident online, or entered by staff at
    /// the counter (<paramref name="enteredBy"/>, kept in the history).
    /// </summary>
    internal static async Task<IResult> Receive(ProcedureForm form, HttpContext http, SubmissionStore store, TimeProvider clock, string? enteredBy, CancellationToken ct)
    {
        var language = Language(http.Request);
        if (http.Request.ContentLength > MaxBody) return TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody) return TooLarge();
            buffer.Write(chunk, 0, read);
        }
        var body = buffer.ToArray();

        ValidationReport report;
        try
        {
            report = await form.ValidateAsync(new MemoryStream(body), new ValidationOptions
            {
                Language = language,
                // Validated = printable: what the sheet cannot hold is refused now, by name, not at printing time.
                PrintCheck = new PrintCheck(FontRegistry.Default.Get(FontRegistry.IpaexMincho)),
            }, ct);
        }
        catch (SubmissionFormatException e)
        {
            // The library's message (English) says what is wrong and where, never the content: kept as "reason".
            return Results.Json(new
            {
                type = "about:blank",
                title = language == MessageLanguage.English ? "The submission is not readable JSON." : "申請データを読み取れません。",
                status = StatusCodes.Status400BadRequest,
                detail = language == MessageLanguage.English ? e.Message : "JSON の形式が正しくありません。入力画面からもう一度送信してください。",
                reason = e.Message,
            }, statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json; charset=utf-8");
        }
        if (!report.IsValid)
        {
            return Results.Json(new
            {
                type = "https://procedureforms.example/problems/invalid-submission",
                title = language == MessageLanguage.English ? "The application has errors." : "申請内容に誤りがあります。",
                status = StatusCodes.Status422UnprocessableEntity,
                detail = language == MessageLanguage.English ? $"{report.Errors.Count} error(s): correct them and send again." : $"{report.Errors.Count}件の誤りがあります。直してからもう一度送信してください。",
                errors = report.Errors.Select(e => new { pointer = e.Pointer, keyword = e.Keyword, label = e.Label, message = e.Message }),
            }, statusCode: StatusCodes.Status422UnprocessableEntity, contentType: "application/problem+json; charset=utf-8");
        }

        if (!report.IsPrintable)
        {
            // Valid, but this form cannot print it (a character its font lacks, a value its cell cannot hold): the ward's
            // problem, not the resident's, so its own type. Nothing is stored that staff could not print as validated.
            return Results.Json(new
            {
                type = "https://procedureforms.example/problems/form-cannot-print",
                title = language == MessageLanguage.English
                    ? "Your application is correct, but this form cannot print part of it. Please contact the ward office."
                    : "入力内容に誤りはありませんが、この申請書の様式では一部を印刷できないため受け付けられませんでした。お手数ですが窓口にお問い合わせください。",
                status = StatusCodes.Status422UnprocessableEntity,
                detail = language == MessageLanguage.English
                    ? $"{report.PrintProblems.Count} value(s) cannot be printed on this form: the form's problem, for the ward's staff."
                    : $"{report.PrintProblems.Count}件の値をこの様式に印刷できません（様式の問題で、区の職員が対応します）。",
                printProblems = report.PrintProblems.Select(e => new { pointer = e.Pointer, keyword = e.Keyword, label = e.Label, message = e.Message }),
            }, statusCode: StatusCodes.Status422UnprocessableEntity, contentType: "application/problem+json; charset=utf-8");
        }

        // 201 only after the commit: a crash before it loses nothing that was acknowledged.
        var (stored, receipt) = await store.AddAsync(form.Id!, form.Version ?? "", body, clock.GetUtcNow(), ct, enteredBy, Kana(form, body));
        return Results.Json(new
        {
            receptionNumber = stored.ReceptionNumber,
            receipt,
            status = stored.Status,
            statusLabel = Statuses.Labels[stored.Status],
            statusUrl = $"/submissions/{receipt}",
            pageUrl = $"/receipt/{receipt}",
            pdfUrl = $"/submissions/{receipt}/pdf",
            // At the counter: where staff print it for the resident's signature, and its page.
            staffPdfUrl = enteredBy is null ? null : $"/api/staff/submissions/{stored.ReceptionNumber}/pdf",
            staffUrl = enteredBy is null ? null : $"/staff/submissions/{stored.ReceptionNumber}",
        }, statusCode: StatusCodes.Status201Created).WithLocation($"/submissions/{receipt}");
    }

    /// <summary>The values of the form's katakana fields (フリガナ), spaces removed, for staff to search by; null when none.</summary>
    internal static string? Kana(ProcedureForm form, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var found = new List<string>();
        void Walk(IReadOnlyList<FormField> fields, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object) return;
            foreach (var field in fields)
            {
                if (!value.TryGetProperty(field.Name, out var child)) continue;
                if (field.Kind == FormFieldKind.Text && field.Format == "jp-katakana" && child.ValueKind == JsonValueKind.String) found.Add(child.GetString()!);
                else if (field.Kind == FormFieldKind.Group) Walk(field.Fields, child);
                else if (field.Kind == FormFieldKind.Table && child.ValueKind == JsonValueKind.Array)
                    foreach (var row in child.EnumerateArray()) Walk(field.Fields, row);
            }
        }
        Walk(form.Fields, document.RootElement);
        // Each field's フリガナ without its spaces, the fields apart: a search never matches across two people.
        var each = found.Select(SubmissionStore.SearchKana).OfType<string>().ToList();
        return each.Count == 0 ? null : " " + string.Join(" ", each) + " ";
    }

    /// <summary>The filled PDF of a stored submission, from the form version it was validated against.</summary>
    internal static async Task<IResult> FilledPdf(HttpContext http, FormService forms, StoredSubmission submission)
    {
        if (!forms.Catalog.TryGet(submission.FormId, submission.FormVersion, out var form))
            return Problem(StatusCodes.Status410Gone, "この申請書の版はもう提供されていません。", null);
        using var document = JsonDocument.Parse(submission.Body);
        return await Pdf(http, forms, form, document.RootElement, $"{submission.ReceptionNumber}.pdf");
    }

    private static async Task<IResult> Pdf(HttpContext http, FormService forms, ProcedureForm form, JsonElement? submission, string fileName)
    {
        using var pdf = new MemoryStream();
        await forms.RenderAsync(form, submission, pdf, http.RequestAborted);
        return Results.File(pdf.ToArray(), "application/pdf", fileName);
    }

    private static IEnumerable<ProcedureForm> Catalog(FormService forms, DateOnly today) =>
        forms.Catalog.Ids.Order(StringComparer.Ordinal).Select(id => forms.Catalog.FindEffective(id, today)).OfType<ProcedureForm>();

    internal static ProcedureForm? Find(FormService forms, string id, TimeProvider clock) => forms.Catalog.FindEffective(id, Today(clock));

    /// <summary>Today in Japan, which decides the version in effect.</summary>
    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);

    /// <summary>Japanese unless the request prefers English (Accept-Language, by quality).</summary>
    internal static MessageLanguage Language(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in accepted.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("ja", StringComparison.OrdinalIgnoreCase)) return MessageLanguage.Japanese;
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return MessageLanguage.English;
        }
        return MessageLanguage.Japanese;
    }

    internal static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "見つかりません。", detail);

    private static IResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "申請データが大きすぎます。", $"{MaxBody:N0}バイトまでです。");

    internal static IResult Problem(int status, string title, string? detail) =>
        Results.Json(new { type = "about:blank", title, status, detail }, statusCode: status, contentType: "application/problem+json; charset=utf-8");

    private static IResult WithLocation(this IResult result, string location) => new Located(result, location);

    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.Location] = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
