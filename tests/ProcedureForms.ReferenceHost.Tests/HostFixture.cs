using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using ProcedureForms.ReferenceHost.Security;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// The reference host on a real Kestrel port with its own database: a temporary SQLite file, or PostgreSQL when
/// <c>PROCFORMS_TEST_POSTGRES</c> holds a connection string (<c>.ci/run</c> starts a cluster and sets it). Two staff
/// accounts: "alice" (processor) and "bob" (reader).
/// </summary>
public sealed class HostFixture : WebApplicationFactory<Program>
{
    public const string ProcessorPassword = "alice-test-password";
    public const string ReaderPassword = "bob-test-password";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "procforms-host-" + Guid.NewGuid().ToString("N"));

    private readonly bool _ownsDatabase = true;
    private readonly IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();

    public HostFixture(string storage)
        : this(storage, null, null)
    {
    }

    /// <summary>
    /// A host on the PostgreSQL database <paramref name="sharedDatabase"/> another fixture made (a second instance of
    /// the same service), with <paramref name="settings"/> added to its configuration.
    /// </summary>
    public HostFixture(string storage, string? sharedDatabase, IReadOnlyDictionary<string, string?>? settings)
    {
        Storage = storage;
        _settings = settings ?? _settings;
        if (sharedDatabase is not null)
        {
            ConnectionString = sharedDatabase;
            _ownsDatabase = false;
        }
        else if (storage == "postgres")
        {
            var connection = PostgresConnection ?? throw new InvalidOperationException("No PostgreSQL connection string.");
            // A database of its own per fixture, so runs never see each other's rows.
            var database = "procforms_" + Guid.NewGuid().ToString("N")[..12];
            using (var admin = new Npgsql.NpgsqlConnection(connection))
            {
                admin.Open();
                using var create = admin.CreateCommand();
                create.CommandText = $"CREATE DATABASE {database}";
                create.ExecuteNonQuery();
            }
            ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(connection) { Database = database }.ToString();
        }
        UseKestrel(0);
        StartServer();
    }

    public string Storage { get; }

    public string? ConnectionString { get; }

    public string DatabasePath => Path.Combine(_folder, "submissions.db");

    /// <summary>The PostgreSQL server tests may use, or null (then those tests say why they did not run).</summary>
    public static string? PostgresConnection => Environment.GetEnvironmentVariable("PROCFORMS_TEST_POSTGRES") is { Length: > 0 } c ? c : null;

    public const string NoPostgres = "PostgreSQL tests need a server: set PROCFORMS_TEST_POSTGRES to a connection string (.ci/run installs Debian's postgresql and sets it).";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = DatabasePath,
            ["ConnectionStrings:Postgres"] = ConnectionString ?? "",
            ["Staff:Accounts:0:Name"] = "alice",
            ["Staff:Accounts:0:PasswordHash"] = StaffAccounts.HashPassword(ProcessorPassword, 1_000),
            ["Staff:Accounts:0:Role"] = Roles.Processor,
            ["Staff:Accounts:1:Name"] = "bob",
            ["Staff:Accounts:1:PasswordHash"] = StaffAccounts.HashPassword(ReaderPassword, 1_000),
            ["Staff:Accounts:1:Role"] = Roles.Reader,
            ["Staff:Accounts:2:Name"] = "carol", // only the sign-in throttling test uses her, so its failures block no one else
            ["Staff:Accounts:2:PasswordHash"] = StaffAccounts.HashPassword(ReaderPassword, 1_000),
            ["Staff:Accounts:2:Role"] = Roles.Reader,
        }).AddInMemoryCollection(_settings));
    }

    /// <summary>A client over real HTTP that keeps no cookies.</summary>
    public HttpClient Anonymous()
    {
        return Client(cookies: false);
    }

    /// <summary>A client signed in as a staff account.</summary>
    public async Task<HttpClient> SignedIn(string name, string password)
    {
        var client = Client(cookies: true);
        using var response = await client.PostAsync("/staff/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["password"] = password }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode} {response.RequestMessage?.RequestUri} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("/staff", response.Headers.Location?.OriginalString);
        return client;
    }

    // A plain client on the Kestrel port: redirects are seen, not followed (the factory's own clients follow them there).
    private HttpClient Client(bool cookies) => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new System.Net.CookieContainer() })
    {
        BaseAddress = ClientOptions.BaseAddress,
    };

    /// <summary>Sends a submission's exact bytes.</summary>
    public static async Task<HttpResponseMessage> Submit(HttpClient client, string formId, byte[] body, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/forms/{formId}/submissions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (ConnectionString is not null && _ownsDatabase && PostgresConnection is { } server)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection(server);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Where the repository's files are.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Samples => Path.Combine(Root, "samples");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProcedureForms.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
