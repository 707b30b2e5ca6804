using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProcedureForms.Definitions;
using ProcedureForms.ReferenceHost.Storage;
using ProcedureForms.Validation;
using UglyToad.PdfPig;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>One host per database for a test class.</summary>
public sealed class SqliteHost : IDisposable
{
    public HostFixture Host { get; } = new("sqlite");

    public void Dispose() => Host.Dispose();
}

/// <summary>The PostgreSQL host, or none when no server is configured (the tests then say why they did not run).</summary>
public sealed class PostgresHost : IDisposable
{
    public HostFixture? Host { get; } = HostFixture.PostgresConnection is null ? null : new("postgres");

    public void Dispose() => Host?.Dispose();
}

public sealed class SqliteApiTests(SqliteHost host) : ApiTests(host.Host), IClassFixture<SqliteHost>;

public sealed class PostgresApiTests(PostgresHost host) : ApiTests(host.Host), IClassFixture<PostgresHost>;

/// <summary>
/// The reference host's HTTP API over real HTTP (Kestrel), on each database: submissions stored byte for byte, 422
/// problem details worded as the library words them, the filled PDF, status changes with their history, and no way in
/// without the right credential.
/// </summary>
public abstract class ApiTests(HostFixture? fixture)
{
    private const string FormId = "jido-teate-nintei";

    private HostFixture Host
    {
        get
        {
            Skip.If(fixture is null, HostFixture.NoPostgres);
            return fixture!;
        }
    }

    private static byte[] Sample(string form, string file) => File.ReadAllBytes(Path.Combine(Repo.Samples, form, "submissions", file));

    [SkippableFact]
    public async Task The_catalog_lists_forms_in_effect_and_serves_each_definition_and_blank_pdf()
    {
        using var client = Host.Anonymous();
        var forms = await HostFixture.Json(await client.GetAsync("/forms"));
        Assert.Contains(forms.EnumerateArray(), f => f.GetProperty("id").GetString() == FormId && f.GetProperty("title").GetString() == "児童手当 認定請求書");
        Assert.All(forms.EnumerateArray(), f => Assert.False(string.IsNullOrEmpty(f.GetProperty("version").GetString())));

        using var definition = await client.GetAsync($"/forms/{FormId}");
        Assert.Equal(HttpStatusCode.OK, definition.StatusCode);
        Assert.Equal(FormId, (await HostFixture.Json(definition)).GetProperty("formId").GetString());

        var fields = await HostFixture.Json(await client.GetAsync($"/forms/{FormId}/fields"));
        Assert.Contains(fields.GetProperty("fields").EnumerateArray(), f => f.GetProperty("pointer").GetString() == "/spouse" && f.GetProperty("shownWhen").GetProperty("tests")[0].GetProperty("field").GetString() == "/hasSpouse");

        using var blank = await client.GetAsync($"/forms/{FormId}/blank.pdf");
        Assert.Equal("application/pdf", blank.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await blank.Content.ReadAsByteArrayAsync());
        Assert.Contains("児童手当", string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value)));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/forms/no-such-form")).StatusCode);
    }

    [SkippableFact]
    public async Task A_valid_submission_is_stored_byte_for_byte_and_acknowledged_with_a_receipt()
    {
        using var client = Host.Anonymous();
        // Odd but valid bytes: indentation, key order and escapes must survive exactly as sent.
        var sent = Encoding.UTF8.GetBytes("\n  " + Encoding.UTF8.GetString(Sample(FormId, "valid.json")).Replace("\"板橋 花子\"", "\"\\u677f\\u6a4b \\u82b1\\u5b50\"", StringComparison.Ordinal) + "\n");
        using var response = await HostFixture.Submit(client, FormId, sent);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await HostFixture.Json(response);
        var receipt = body.GetProperty("receipt").GetString()!;
        Assert.True(receipt.Length >= 40, "the receipt token is unguessable (256 random bits)");
        Assert.Equal($"/submissions/{receipt}", response.Headers.Location?.OriginalString);
        Assert.Matches(@"^\d{8}-\d{6}$", body.GetProperty("receptionNumber").GetString());

        var store = Host.Services.GetRequiredService<SubmissionStore>();
        var stored = await store.FindByReceiptAsync(receipt);
        Assert.NotNull(stored);
        Assert.Equal(sent, stored.Body);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sent)), stored.BodySha256);
        Assert.Equal((FormId, "2024.10"), (stored.FormId, stored.FormVersion));

        var status = await HostFixture.Json(await client.GetAsync($"/submissions/{receipt}"));
        Assert.Equal("送信済", status.GetProperty("statusLabel").GetString());
        Assert.Equal(body.GetProperty("receptionNumber").GetString(), status.GetProperty("receptionNumber").GetString());
    }

    public static TheoryData<string, string> InvalidSamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.GetDirectories(Repo.Samples).Order(StringComparer.Ordinal))
        {
            var form = Path.GetFileName(dir);
            if (!File.Exists(Path.Combine(Repo.Root, "schemas", "forms", form + ".json"))) continue;
            foreach (var file in Directory.GetFiles(Path.Combine(dir, "submissions"), "invalid-*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                data.Add(form, Path.GetFileName(file));
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidSamples))]
    public async Task Each_invalid_sample_gets_422_problem_details_with_pointers_and_japanese_messages(string form, string file)
    {
        using var client = Host.Anonymous();
        using var response = await HostFixture.Submit(client, form, Sample(form, file));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await HostFixture.Json(response);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("申請内容に誤りがあります。", problem.GetProperty("title").GetString());

        // Exactly the library's errors, in its order and words (the host adds nothing and loses nothing).
        var expected = ProcedureForm.FromFile(Path.Combine(Repo.Root, "schemas", "forms", form + ".json"))
            .Validate(Encoding.UTF8.GetString(Sample(form, file)), new ValidationOptions { PrintCheck = new PrintCheck(ProcedureForms.Rendering.Fonts.FontRegistry.Default.Get(ProcedureForms.Rendering.Fonts.FontRegistry.IpaexMincho)) });
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("pointer").GetString(), e.GetProperty("label").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(expected.Errors.Select(e => ((string?)e.Pointer, (string?)e.Label, (string?)e.Message)), errors);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}|\p{IsKatakana}", e.Item3!));
    }

    [SkippableFact]
    public async Task A_valid_submission_the_form_cannot_print_gets_its_own_problem_type_and_is_not_stored()
    {
        // 𠮷 (U+20BB7) is a real name's character that IPAex Mincho lacks: the resident is right, the form cannot print it.
        using var client = Host.Anonymous();
        var store = Host.Services.GetRequiredService<SubmissionStore>();
        var before = (await store.ListAsync(null, null, null, null, 100_000)).Count;
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Sample(FormId, "valid.json")).Replace("板橋 花子", "吉田 𠮷子", StringComparison.Ordinal));
        using var response = await HostFixture.Submit(client, FormId, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await HostFixture.Json(response);
        Assert.Equal("https://procedureforms.example/problems/form-cannot-print", problem.GetProperty("type").GetString());
        Assert.Contains("入力内容に誤りはありません", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("errors", out _)); // nothing for the resident to correct
        var printProblem = Assert.Single(problem.GetProperty("printProblems").EnumerateArray());
        Assert.Equal("/claimant/name", printProblem.GetProperty("pointer").GetString());
        Assert.StartsWith("様式の問題で", printProblem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await store.ListAsync(null, null, null, null, 100_000)).Count);
    }

    [SkippableFact]
    public async Task Messages_follow_accept_language_japanese_by_default()
    {
        using var client = Host.Anonymous();
        var english = await HostFixture.Json(await HostFixture.Submit(client, FormId, Sample(FormId, "invalid-numbers.json"), "en-US,en;q=0.9,ja;q=0.5"));
        Assert.Equal("The application has errors.", english.GetProperty("title").GetString());
        Assert.DoesNotMatch(@"\p{IsHiragana}", english.GetProperty("errors")[0].GetProperty("message").GetString()!);
        var preferJapanese = await HostFixture.Json(await HostFixture.Submit(client, FormId, Sample(FormId, "invalid-numbers.json"), "en;q=0.3,ja"));
        Assert.Equal("申請内容に誤りがあります。", preferJapanese.GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task Unreadable_or_oversized_input_is_refused_and_nothing_is_stored()
    {
        using var client = Host.Anonymous();
        var store = Host.Services.GetRequiredService<SubmissionStore>();
        var before = (await store.ListAsync(null, null, null, null, 100_000)).Count;
        using var broken = await HostFixture.Submit(client, FormId, "{\"claimant\": "u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        using var huge = await HostFixture.Submit(client, FormId, new byte[SubmissionLimits.Default.MaxBytes + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(before, (await store.ListAsync(null, null, null, null, 100_000)).Count);
    }

    [SkippableFact]
    public async Task The_resident_downloads_the_filled_pdf_of_what_was_sent()
    {
        using var client = Host.Anonymous();
        var receipt = (await HostFixture.Json(await HostFixture.Submit(client, FormId, Sample(FormId, "valid.json")))).GetProperty("receipt").GetString();
        using var response = await client.GetAsync($"/submissions/{receipt}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));
        Assert.Contains("板橋花子", text.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("児童手当", text);
        Assert.Equal(2, pdf.NumberOfPages);
    }

    [SkippableTheory]
    [InlineData("juminhyo-kofu-seikyu-yoshiki", "高島健二", "住民票の写し等")]
    [InlineData("ninshin-todokede-yoshiki", "板橋花子", "妊娠届出書")]
    public async Task A_form_on_the_wards_own_template_is_printed_on_that_template(string formId, string name, string title)
    {
        using var client = Host.Anonymous();
        using var blank = await client.GetAsync($"/forms/{formId}/blank.pdf");
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        var receipt = (await HostFixture.Json(await HostFixture.Submit(client, formId, Sample(formId, "valid.json")))).GetProperty("receipt").GetString();
        using var response = await client.GetAsync($"/submissions/{receipt}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value)).Replace(" ", "", StringComparison.Ordinal).Replace("　", "", StringComparison.Ordinal);
        Assert.Contains(name, text); // the value, drawn by us
        Assert.Contains(title, text); // the template's own print
    }

    [SkippableFact]
    public async Task Staff_move_a_submission_through_its_statuses_and_every_change_is_kept()
    {
        using var resident = Host.Anonymous();
        var accepted = await HostFixture.Json(await HostFixture.Submit(resident, FormId, Sample(FormId, "valid.json")));
        var number = accepted.GetProperty("receptionNumber").GetString();
        using var alice = await Host.SignedIn("alice", HostFixture.ProcessorPassword);

        var listed = await HostFixture.Json(await alice.GetAsync($"/api/staff/submissions?form={FormId}&status=submitted"));
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("receptionNumber").GetString() == number);

        async Task<HttpResponseMessage> Change(string status, string? reason = null) =>
            await alice.PostAsync($"/api/staff/submissions/{number}/status", JsonContent(new { status, reason }));

        Assert.Equal(HttpStatusCode.BadRequest, (await Change("returned")).StatusCode); // 差し戻し needs a reason
        Assert.Equal(HttpStatusCode.OK, (await Change("returned", "口座名義のカナを確認してください。")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Change("processing")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Change("submitted")).StatusCode); // not a way back
        var done = await HostFixture.Json(await Change("completed"));
        Assert.Equal("処理完了", done.GetProperty("statusLabel").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Change("withdrawn")).StatusCode); // final

        var history = done.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("status").GetString(), h.GetProperty("actor").GetString(), h.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("submitted", "resident", null), ("returned", "alice", "口座名義のカナを確認してください。"), ("processing", "alice", null), ("completed", "alice", null)], history);
        Assert.All(done.GetProperty("history").EnumerateArray(), h => Assert.True(h.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));

        // The resident sees what happened and why, not who.
        var status = await HostFixture.Json(await resident.GetAsync($"/submissions/{accepted.GetProperty("receipt").GetString()}"));
        Assert.Equal("処理完了", status.GetProperty("statusLabel").GetString());
        Assert.Equal(4, status.GetProperty("history").GetArrayLength());
        Assert.DoesNotContain("alice", status.GetRawText());

        // Printing many goes through the library's batch API: two submissions of two pages each, in the order asked.
        var other = (await HostFixture.Json(await HostFixture.Submit(resident, FormId, Sample(FormId, "valid.json")))).GetProperty("receptionNumber").GetString();
        using var many = await alice.GetAsync($"/api/staff/print?numbers={other},{number},{other}");
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
        using var pdf = PdfDocument.Open(await many.Content.ReadAsByteArrayAsync());
        Assert.Equal(4, pdf.NumberOfPages); // a number asked twice is printed once
        Assert.Equal("no-store", many.Headers.CacheControl?.ToString());
    }

    [SkippableFact]
    public async Task Staff_filter_by_day_in_japan_time()
    {
        var store = Host.Services.GetRequiredService<SubmissionStore>();
        var body = Sample(FormId, "valid.json");
        // 2031-03-01 23:30 JST and 2031-03-02 00:30 JST are an hour apart in UTC and on different days in Japan.
        var (late, _) = await store.AddAsync(FormId, "2024.10", body, new DateTimeOffset(2031, 3, 1, 14, 30, 0, TimeSpan.Zero));
        var (early, _) = await store.AddAsync(FormId, "2024.10", body, new DateTimeOffset(2031, 3, 1, 15, 30, 0, TimeSpan.Zero));
        using var bob = await Host.SignedIn("bob", HostFixture.ReaderPassword);
        async Task<List<string?>> Day(string day) => [.. (await HostFixture.Json(await bob.GetAsync($"/api/staff/submissions?from={day}&until={day}"))).EnumerateArray().Select(s => s.GetProperty("receptionNumber").GetString())];
        Assert.Equal([late.ReceptionNumber], await Day("2031-03-01"));
        Assert.Equal([early.ReceptionNumber], await Day("2031-03-02"));
        Assert.StartsWith("20310302-", early.ReceptionNumber);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.GetAsync("/api/staff/submissions?from=2031-13-01")).StatusCode);
        // A page at a time, and a page that is not the last says so.
        using var first = await bob.GetAsync("/api/staff/submissions?from=2031-03-01&until=2031-03-02&limit=1");
        Assert.Equal("true", first.Headers.GetValues("X-More-Submissions").Single());
        Assert.Equal([early.ReceptionNumber], (await HostFixture.Json(first)).EnumerateArray().Select(s => s.GetProperty("receptionNumber").GetString()));
        using var last = await bob.GetAsync("/api/staff/submissions?from=2031-03-01&until=2031-03-02&limit=1&offset=1");
        Assert.False(last.Headers.Contains("X-More-Submissions"));
        Assert.Equal([late.ReceptionNumber], (await HostFixture.Json(last)).EnumerateArray().Select(s => s.GetProperty("receptionNumber").GetString()));
        // The page says a filter it cannot apply instead of dropping it.
        var page = await (await bob.GetAsync("/staff?from=yesterday")).Content.ReadAsStringAsync();
        Assert.Contains("受付日（から）は日付で指定してください。", page);
    }

    [SkippableFact]
    public async Task A_body_over_the_limit_is_refused_while_it_streams_in()
    {
        using var client = Host.Anonymous();
        // No Content-Length: the host counts as it reads and stops at the limit.
        using var content = new StreamContent(new MemoryStream(new byte[SubmissionLimits.Default.MaxBytes + 10]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/forms/{FormId}/submissions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [SkippableFact]
    public async Task Sign_in_is_throttled_and_goes_back_only_to_a_staff_page()
    {
        using var client = Host.Anonymous();
        // From an address of its own (through the proxy header the host trusts from loopback), so no other test is throttled.
        async Task<HttpResponseMessage> Login(string password, string returnUrl)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "carol", ["password"] = password, ["returnUrl"] = returnUrl }),
            };
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            return await client.SendAsync(request);
        }
        using (var back = await Login(HostFixture.ReaderPassword, "/staff/submissions/20260101-000001"))
            Assert.Equal("/staff/submissions/20260101-000001", back.Headers.Location?.OriginalString);
        using (var away = await Login(HostFixture.ReaderPassword, "//evil.example/staff"))
            Assert.Equal("/staff", away.Headers.Location?.OriginalString);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await Login("wrong", "");
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [SkippableFact]
    public async Task No_staff_data_without_signing_in_and_no_status_change_for_a_reader()
    {
        using var resident = Host.Anonymous();
        var accepted = await HostFixture.Json(await HostFixture.Submit(resident, FormId, Sample(FormId, "valid.json")));
        var number = accepted.GetProperty("receptionNumber").GetString();
        var receipt = accepted.GetProperty("receipt").GetString();

        // Anonymous, or holding only a resident's receipt: 401 on every staff endpoint, and the pages send to sign-in.
        foreach (var path in new[] { "/api/staff/submissions", $"/api/staff/submissions/{number}", $"/api/staff/submissions/{number}/pdf", $"/api/staff/print?numbers={number}" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await resident.GetAsync(path)).StatusCode);
        // A receipt is no key to the staff side, however it is offered.
        Assert.Equal(HttpStatusCode.Unauthorized, (await resident.GetAsync($"/api/staff/submissions/{receipt}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await resident.PostAsync($"/api/staff/submissions/{number}/status", JsonContent(new { status = "processing" }))).StatusCode);
        foreach (var page in new[] { "/staff", $"/staff/submissions/{number}" })
        {
            using var response = await resident.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/staff/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
        }

        // A wrong password signs no one in.
        using var wrong = await resident.PostAsync("/staff/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "alice", ["password"] = "guess" }));
        Assert.Equal("/staff/login?failed=1", wrong.Headers.Location?.OriginalString);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        // A reader may look and print, not change: 403.
        using var bob = await Host.SignedIn("bob", HostFixture.ReaderPassword);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/staff/submissions/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync($"/api/staff/submissions/{number}/status", JsonContent(new { status = "processing" }))).StatusCode);
    }

    [SkippableFact]
    public async Task A_receipt_opens_its_own_submission_and_nothing_else()
    {
        using var client = Host.Anonymous();
        var first = await HostFixture.Json(await HostFixture.Submit(client, FormId, Sample(FormId, "valid.json")));
        var second = await HostFixture.Json(await HostFixture.Submit(client, FormId, Sample(FormId, "valid.json")));
        var receipt = first.GetProperty("receipt").GetString()!;
        var status = await HostFixture.Json(await client.GetAsync($"/submissions/{receipt}"));
        Assert.Equal(first.GetProperty("receptionNumber").GetString(), status.GetProperty("receptionNumber").GetString());
        Assert.NotEqual(second.GetProperty("receptionNumber").GetString(), status.GetProperty("receptionNumber").GetString());

        // A changed character, a reception number in place of the token, nothing: 404, never someone else's submission.
        var altered = (receipt[0] == 'A' ? 'B' : 'A') + receipt[1..];
        foreach (var guess in new[] { altered, first.GetProperty("receptionNumber").GetString()!, "x", new string('A', 43) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/submissions/{guess}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/submissions/{guess}/pdf")).StatusCode);
        }
    }

    [SkippableFact]
    public async Task A_submission_is_printed_from_the_version_it_was_validated_against_never_a_later_one()
    {
        // As if accepted under a version the catalog no longer serves: the PDF is refused (410), not printed with today's version.
        var store = Host.Services.GetRequiredService<SubmissionStore>();
        var (old, receipt) = await store.AddAsync(FormId, "1999.1", Sample(FormId, "valid.json"), DateTimeOffset.UtcNow);
        using var client = Host.Anonymous();
        using var response = await client.GetAsync($"/submissions/{receipt}/pdf");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var status = await HostFixture.Json(await client.GetAsync($"/submissions/{receipt}"));
        Assert.Equal("1999.1", status.GetProperty("form").GetProperty("version").GetString());
        Assert.Equal(old.ReceptionNumber, status.GetProperty("receptionNumber").GetString());
    }

    [SkippableFact]
    public async Task The_schema_is_created_by_versioned_scripts_once()
    {
        var store = Host.Services.GetRequiredService<SubmissionStore>();
        Assert.Equal(Host.Storage, store.Provider);
        Assert.Equal(3, await store.SchemaVersionAsync()); // 001 submissions, 002 the state instances share, 003 the counter
        await store.MigrateAsync(); // a second start changes nothing
        Assert.Equal(3, await store.SchemaVersionAsync());
    }

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
