using System.Net;
using System.Text.RegularExpressions;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// Issue 19's probe findings, each named after what the auditor found: login CSRF, sign-out and state changes posted
/// from another site, no Content-Security-Policy, no nosniff, frameable staff pages; and the health endpoints.
/// </summary>
public sealed partial class SecurityTests(SqliteHost sqlite) : IClassFixture<SqliteHost>
{
    private readonly HostFixture _host = sqlite.Host;

    private string OwnOrigin => _host.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static HttpRequestMessage Post(string path, HttpContent content, string? origin = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    private static FormUrlEncodedContent Credentials() => new(new Dictionary<string, string> { ["name"] = "alice", ["password"] = HostFixture.ProcessorPassword });

    [Fact]
    public async Task Login_CSRF_a_sign_in_posted_from_another_site_is_refused_and_signs_no_one_in()
    {
        using var client = _host.Anonymous();
        foreach (var (origin, site) in new (string?, string?)[] { ("https://evil.example", "cross-site"), ("null", null), (null, "cross-site"), (null, "same-site") })
        {
            using var response = await client.SendAsync(Post("/staff/login", Credentials(), origin, site));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), "no session cookie for a forged sign-in");
        }
        // From the host's own page it works, as before.
        using var own = await client.SendAsync(Post("/staff/login", Credentials(), OwnOrigin, "same-origin"));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal("/staff", own.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_out_posted_from_another_site_is_refused_and_the_session_stays()
    {
        using var client = await _host.SignedIn("alice", HostFixture.ProcessorPassword);
        using var forged = await client.SendAsync(Post("/staff/logout", new FormUrlEncodedContent([]), "https://evil.example", "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var list = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var own = await client.SendAsync(Post("/staff/logout", new FormUrlEncodedContent([]), OwnOrigin));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Fact]
    public async Task A_submission_or_a_status_change_posted_from_another_site_is_refused()
    {
        using var client = await _host.SignedIn("alice", HostFixture.ProcessorPassword);
        var body = File.ReadAllBytes(Path.Combine(Repo.Samples, "jido-teate-nintei", "submissions", "valid.json"));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var submission = await client.SendAsync(Post("/forms/jido-teate-nintei/submissions", content, "https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, submission.StatusCode);
        using var change = await client.SendAsync(Post("/api/staff/submissions/X/status", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), "https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }

    [Fact]
    public async Task No_content_security_policy_nosniff_or_framing_rule_every_response_now_carries_them()
    {
        using var client = await _host.SignedIn("alice", HostFixture.ProcessorPassword);
        foreach (var path in new[] { "/", "/apply/jido-teate-nintei", "/staff/login", "/staff", "/site.css", "/form.js", "/no-such-page", "/forms/jido-teate-nintei/blank.pdf", "/healthz" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
                Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_page_runs_an_inline_script_so_the_policy_needs_no_unsafe_inline()
    {
        using var client = await _host.SignedIn("alice", HostFixture.ProcessorPassword);
        using var submitted = await HostFixture.Submit(client, "jido-teate-nintei", File.ReadAllBytes(Path.Combine(Repo.Samples, "jido-teate-nintei", "submissions", "valid.json")));
        var number = (await HostFixture.Json(submitted)).GetProperty("receptionNumber").GetString();
        foreach (var path in new[] { "/", "/apply/jido-teate-nintei", "/staff/login", "/staff", $"/staff/submissions/{number}" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(EventHandlerAttribute(), html);
        }
        Assert.Contains("<script src=\"/staff.js\"></script>", await client.GetStringAsync("/staff"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_answers_while_the_process_runs_and_readyz_while_its_database_does()
    {
        using var client = _host.Anonymous();
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[^>]+\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}

/// <summary>
/// The probe's finding "Data Protection keys land unencrypted in the user profile folder (No XML encryptor configured)":
/// the key ring is now in the database, encrypted under the configured key, and a Production host refuses to start
/// without one.
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task Data_protection_keys_no_longer_land_unencrypted_in_the_profile_folder_but_encrypted_in_the_database()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var host = new HostFixture("sqlite", null, new Dictionary<string, string?> { ["DataProtection:KeyEncryptionKey"] = key });
        using (await host.SignedIn("alice", HostFixture.ProcessorPassword)) { }
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys";
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Contains("aesGcmEncrypted", k, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", k, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Outside_development_the_host_refuses_to_start_without_a_key_encryption_key()
    {
        var folder = Path.Combine(Path.GetTempPath(), "procforms-nokek-" + Guid.NewGuid().ToString("N"));
        using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseEnvironment(builder, "Production");
            builder.ConfigureAppConfiguration((_, config) => Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(config, new Dictionary<string, string?>
            {
                ["Storage:SqlitePath"] = Path.Combine(folder, "submissions.db"),
                ["Staff:Accounts:0:Name"] = "alice",
                ["Staff:Accounts:0:PasswordHash"] = Security.StaffAccounts.HashPassword("pw", 1_000),
                ["Staff:Accounts:0:Role"] = Security.Roles.Processor,
            }));
        });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("DataProtection:KeyEncryptionKey", (e as InvalidOperationException ?? e.InnerException)?.Message ?? e.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
