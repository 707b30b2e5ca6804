using System.Globalization;
using System.Text;
using System.Text.Json;
using ProcedureForms.Definitions;
using ProcedureForms.Hosting;
using ProcedureForms.ReferenceHost.Security;
using ProcedureForms.ReferenceHost.Storage;

namespace ProcedureForms.ReferenceHost.Endpoints;

/// <summary>
/// The counter (書かない窓口): staff enter a submission for a resident on the same generated page, print it for the
/// resident's signature, record that the signed paper came back; and hand submissions to the core system (基幹系) as
/// CSV (UTF-8 with BOM for Excel, or Shift_JIS) or JSON Lines, the form's fields in its order with its labels.
/// </summary>
public static class CounterApi
{
    /// <summary>The most submissions one export holds.</summary>
    public const int MaxExport = 1000;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/staff").RequireAuthorization(Roles.Reader);

        // Entered by staff: validated and stored like the resident's own, the history naming who entered it.
        api.MapPost("/forms/{id}/submissions", async (string id, HttpContext http, FormService forms, SubmissionStore store, TimeProvider clock, CancellationToken ct) =>
            ResidentApi.Find(forms, id, clock) is { } form
                ? await ResidentApi.Receive(form, http, store, clock, http.User.Identity!.Name!, ct)
                : ResidentApi.NotFound("この申請書はありません。")).RequireAuthorization(Roles.Processor);

        api.MapPost("/submissions/{number}/signed-paper", async (string number, HttpContext http, SubmissionStore store, TimeProvider clock, CancellationToken ct) =>
            await store.RecordSignedPaperAsync(number, http.User.Identity!.Name!, clock.GetUtcNow(), ct)
                ? Results.NoContent()
                : ResidentApi.NotFound($"受付番号 {number} の申請はありません。")).RequireAuthorization(Roles.Processor);

        api.MapGet("/export", Export);
    }

    private static async Task<IResult> Export(string? numbers, string? format, SubmissionStore store, FormService forms, CancellationToken ct)
    {
        var wanted = (numbers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count is 0 or > MaxExport)
            return ResidentApi.Problem(StatusCodes.Status400BadRequest, $"出力する申請を1件から{MaxExport}件まで選んでください。", null);
        format ??= "csv";
        if (format is not ("csv" or "csv-sjis" or "jsonl"))
            return ResidentApi.Problem(StatusCodes.Status400BadRequest, "format は csv、csv-sjis、jsonl のいずれかです。", format);
        var submissions = new List<StoredSubmission>();
        foreach (var number in wanted)
        {
            if (await store.FindByNumberAsync(number, ct) is not { } submission) return ResidentApi.NotFound($"受付番号 {number} の申請はありません。");
            submissions.Add(submission);
        }
        if (format == "jsonl") return Results.File(JsonLines(submissions), "application/jsonl; charset=utf-8", $"submissions-{submissions.Count}.jsonl");

        // A CSV is one form's: its columns are that form's fields.
        if (submissions.Select(s => s.FormId).Distinct().Count() > 1)
            return ResidentApi.Problem(StatusCodes.Status400BadRequest, "CSV は申請書ごとに出力してください（選んだ申請に複数の申請書があります）。JSON Lines ならまとめて出力できます。", null);
        // The columns of the newest version among them; an older submission leaves what it lacks empty.
        var form = submissions.Select(s => forms.Catalog.TryGet(s.FormId, s.FormVersion, out var f) ? f : null).OfType<ProcedureForm>()
            .OrderBy(f => f.Version, StringComparer.Ordinal).LastOrDefault();
        if (form is null) return ResidentApi.Problem(StatusCodes.Status410Gone, "この申請書の版はもう提供されていません。", null);
        var documents = submissions.Select(s => JsonDocument.Parse(s.Body)).ToList();
        try
        {
            var columns = new List<(string Header, Func<int, string> Value)>
            {
                ("受付番号", i => submissions[i].ReceptionNumber),
                ("受付日時", i => submissions[i].ReceivedAt.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                ("状態", i => Statuses.Labels[submissions[i].Status]),
            };
            Columns(form.Fields, "", i => documents[i].RootElement, documents, columns);
            var rows = new List<string[]> { columns.Select(c => c.Header).ToArray() };
            for (var i = 0; i < submissions.Count; i++) rows.Add(columns.Select(c => c.Value(i)).ToArray());
            if (format == "csv")
                return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv(rows))], "text/csv; charset=utf-8", $"{form.Id}-{submissions.Count}.csv");
            // Shift_JIS (Windows-31J, what most core systems import): a character it lacks is refused by row and column,
            // never written as "?".
            var sjis = ShiftJis();
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    if (!Encodes(sjis, rows[r][c]))
                        return ResidentApi.Problem(StatusCodes.Status422UnprocessableEntity, r == 0
                            ? $"見出し「{rows[0][c]}」に Shift_JIS にない文字があります。UTF-8 の CSV で出力してください。"
                            : $"受付番号 {submissions[r - 1].ReceptionNumber} の「{rows[0][c]}」に Shift_JIS にない文字があります。UTF-8 の CSV で出力してください。", null);
            return Results.File(sjis.GetBytes(Csv(rows)), "text/csv; charset=shift_jis", $"{form.Id}-{submissions.Count}-sjis.csv");
        }
        finally
        {
            foreach (var document in documents) document.Dispose();
        }
    }

    /// <summary>
    /// The form's fields as columns, in its order: a block's fields under its label (「請求者・氏名」), a table's as many
    /// rows as the fullest submission has (「児童（2）・氏名」).
    /// </summary>
    private static void Columns(IReadOnlyList<FormField> fields, string prefix, Func<int, JsonElement?> owner, List<JsonDocument> documents, List<(string, Func<int, string>)> columns)
    {
        foreach (var field in fields)
        {
            JsonElement? Value(int i) => owner(i) is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(field.Name, out var v) ? v : null;
            switch (field.Kind)
            {
                case FormFieldKind.Group:
                    Columns(field.Fields, prefix + field.Label + "・", Value, documents, columns);
                    break;
                case FormFieldKind.Table:
                    var rows = Enumerable.Range(0, documents.Count).Select(i => Value(i) is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0).DefaultIfEmpty(0).Max();
                    for (var r = 0; r < rows; r++)
                    {
                        var row = r;
                        Columns(field.Fields, $"{prefix}{field.Label}（{row + 1}）・", i => Value(i) is { ValueKind: JsonValueKind.Array } a && row < a.GetArrayLength() ? a[row] : null, documents, columns);
                    }
                    break;
                default:
                    columns.Add((prefix + field.Label, i => Value(i) is { } v ? Text(field, v) : ""));
                    break;
            }
        }
    }

    /// <summary>A value as the form prints it: a choice's label, 「はい・いいえ」, text as sent.</summary>
    private static string Text(FormField field, JsonElement value)
    {
        string Label(JsonElement v) => field.Options.FirstOrDefault(o => JsonElement.DeepEquals(o.Value, v))?.Label ?? v.ToString();
        var text = field.Kind switch
        {
            FormFieldKind.Choice => Label(value),
            FormFieldKind.MultiChoice when value.ValueKind == JsonValueKind.Array => string.Join("・", value.EnumerateArray().Select(Label)),
            FormFieldKind.Boolean => value.ValueKind == JsonValueKind.True ? "はい" : value.ValueKind == JsonValueKind.False ? "いいえ" : "",
            _ => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
        };
        // A text starting like a formula would run in a spreadsheet (CSV injection): it is kept as text.
        return value.ValueKind == JsonValueKind.String && text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
    }

    /// <summary>RFC 4180: CRLF lines, a field quoted when it holds a comma, a quote or a line break, quotes doubled.</summary>
    private static string Csv(List<string[]> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0) csv.Append(',');
                var cell = row[c];
                csv.Append(cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
            }
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    private static Encoding ShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static bool Encodes(Encoding encoding, string text)
    {
        try
        {
            encoding.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>One JSON object a line: the submission's facts and its body exactly as stored.</summary>
    private static byte[] JsonLines(List<StoredSubmission> submissions)
    {
        using var output = new MemoryStream();
        foreach (var s in submissions)
        {
            using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartObject();
                writer.WriteString("receptionNumber", s.ReceptionNumber);
                writer.WriteString("formId", s.FormId);
                writer.WriteString("formVersion", s.FormVersion);
                writer.WriteString("receivedAt", s.ReceivedAt);
                writer.WriteString("status", s.Status);
                // Re-written compactly: a body sent pretty-printed must not break the one-line-a-record rule.
                writer.WritePropertyName("submission");
                using var body = JsonDocument.Parse(s.Body);
                body.WriteTo(writer);
                writer.WriteEndObject();
            }
            output.WriteByte((byte)'\n');
        }
        return output.ToArray();
    }
}
