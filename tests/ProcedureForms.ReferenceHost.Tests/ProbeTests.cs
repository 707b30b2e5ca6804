using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// Issue 19, part 2: probed again after the fixes, as an auditor would. Each test is named after the probe: markup in a
/// submitted value on the staff pages and in PDF names, bodies nested deeply or not UTF-8, and 受付番号 guessed by a
/// resident. (Receipts opening only their own submission, staff data only when signed in, oversized and broken bodies:
/// <c>ApiTests</c>.)
/// </summary>
public sealed class ProbeTests(SqliteHost sqlite) : IClassFixture<SqliteHost>
{
    private readonly HostFixture _host = sqlite.Host;

    private static byte[] Sample(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Samples, "jido-teate-nintei", "submissions", "valid.json")))!;
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [Fact]
    public async Task XSS_markup_in_a_submitted_value_stays_text_on_the_staff_pages_and_out_of_pdf_names()
    {
        const string markup = "<script>x</script>";
        using var resident = _host.Anonymous();
        using var sent = await HostFixture.Submit(resident, "jido-teate-nintei", Sample(n => n["claimant"]!["occupation"] = markup));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var body = await HostFixture.Json(sent);
        var number = body.GetProperty("receptionNumber").GetString()!;
        using var staff = await _host.SignedIn("alice", HostFixture.ProcessorPassword);
        foreach (var path in new[] { "/staff", $"/staff/submissions/{number}", body.GetProperty("pageUrl").GetString()!.Replace("/submissions/", "/receipt/", StringComparison.Ordinal) })
        {
            var html = await staff.GetStringAsync(path);
            Assert.DoesNotContain(markup, html, StringComparison.Ordinal);
        }
        // The PDFs are named by 受付番号 only: nothing submitted reaches a header.
        using var single = await staff.GetAsync($"/api/staff/print?numbers={number}");
        Assert.Equal($"{number}.pdf", single.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var mine = await resident.GetAsync(body.GetProperty("pdfUrl").GetString());
        Assert.Equal($"{number}.pdf", mine.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", mine.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Bodies_nested_ten_thousand_deep_or_not_UTF8_are_refused_by_name_and_the_host_keeps_serving()
    {
        using var client = _host.Anonymous();
        var nested = Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000));
        using (var deep = await HostFixture.Submit(client, "jido-teate-nintei", nested))
        {
            Assert.True(deep.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{deep.StatusCode}");
            Assert.Equal("application/problem+json", deep.Content.Headers.ContentType?.MediaType);
        }
        // A name whose bytes are not UTF-8 (0xFF 0xFE in the middle of a string).
        var broken = Encoding.UTF8.GetBytes("{\"applicationDate\":\"2026-11-26\",\"claimant\":{\"name\":\"AB\"}}");
        broken[Array.IndexOf(broken, (byte)'A')] = 0xFF;
        broken[Array.IndexOf(broken, (byte)'B')] = 0xFE;
        using (var invalid = await HostFixture.Submit(client, "jido-teate-nintei", broken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task IDOR_a_resident_who_guesses_a_reception_number_sees_nothing()
    {
        using var resident = _host.Anonymous();
        using var sent = await HostFixture.Submit(resident, "jido-teate-nintei", Sample(_ => { }));
        var number = (await HostFixture.Json(sent)).GetProperty("receptionNumber").GetString()!;
        foreach (var path in new[] { $"/submissions/{number}", $"/submissions/{number}/pdf", $"/receipt/{number}", $"/staff/submissions/{number}", $"/api/staff/submissions/{number}", $"/api/staff/print?numbers={number}" })
        {
            using var response = await resident.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.Contains("/staff/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }
}
