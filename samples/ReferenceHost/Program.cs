using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.HttpOverrides;
using ProcedureForms.ReferenceHost.Endpoints;
using ProcedureForms.ReferenceHost.Pages;
using ProcedureForms.ReferenceHost.Security;
using ProcedureForms.ReferenceHost.Storage;
using ProcedureForms.Rendering;

// `dotnet run --project samples/ReferenceHost -- hash-password`: reads a password from standard input and prints the hash
// to put in configuration (Staff:Accounts:N:PasswordHash).
if (args is ["hash-password"])
{
    var password = Console.ReadLine() ?? "";
    Console.WriteLine(StaffAccounts.HashPassword(password));
    return;
}

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
// Structured logs (one JSON object a line, UTC) wherever they are collected; plain text on a developer's console. No
// log line carries a submitted value, a receipt token or a path that holds one (LoggingTests).
if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o =>
    {
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
    });
}

// The library, once, for the whole app: catalog, validation and printing, thread-safe.
builder.Services.AddProcedureForms(o =>
{
    if (configuration["ProcedureForms:Municipality"] is { Length: > 0 } municipality)
        o.Municipality = new MunicipalityProfile(municipality, configuration["ProcedureForms:Head"] is { Length: > 0 } head ? head : null);
});
builder.Services.AddSingleton(TimeProvider.System);
// On SIGTERM (a deployment, a scale-in) requests in flight finish, a submission being received included, for up to 25 s;
// /readyz answers 503 from the first moment, so the load balancer sends nothing new.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));

// SQLite by default (a file created on first start); PostgreSQL when a connection string is given.
builder.Services.AddSingleton(_ => configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres
    ? SubmissionStore.Postgres(postgres)
    : SubmissionStore.Sqlite(Path.Combine(builder.Environment.ContentRootPath, configuration["Storage:SqlitePath"] ?? "data/submissions.db")));

// Read when first needed, after the host is built, so every configuration source (tests' included) is in.
builder.Services.AddSingleton(sp => new StaffAccounts(sp.GetRequiredService<IConfiguration>().GetSection("Staff:Accounts").Get<StaffAccount[]>() ?? []));

// The key ring staff cookies are protected with lives in the database, encrypted under a key from configuration: every
// instance reads the same keys, and a restart signs no one out (Security/KeyRing.cs).
builder.Services.AddDataProtection().SetApplicationName("ProcedureForms.ReferenceHost");
builder.Services.AddSingleton(sp => KeyEncryptionKey.From(sp.GetRequiredService<IConfiguration>())!);
builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
{
    o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<SubmissionStore>());
    if (sp.GetService<KeyEncryptionKey>() is { } key) o.XmlEncryptor = new AesGcmXmlEncryptor(key);
}));

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    o.Cookie.Name = "procforms-staff";
    o.Cookie.HttpOnly = true;
    // Strict: no other site can make a staff member's browser send the cookie (the state-changing API takes JSON too).
    o.Cookie.SameSite = SameSiteMode.Strict;
    // Secure in production (behind a TLS proxy too, with the forwarded headers below); plain HTTP only for local runs and tests.
    o.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    o.LoginPath = "/staff/login";
    // The API answers 401/403; only pages redirect to the login page.
    o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
    // An account removed or given another role loses its sessions at once, not when the cookie runs out.
    o.Events.OnValidatePrincipal = async context =>
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<StaffAccounts>();
        var name = context.Principal?.Identity?.Name;
        var role = context.Principal?.FindFirst(ClaimTypes.Role)?.Value;
        if (name is null || accounts.RoleOf(name) != role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    };
});
// The client's address and scheme from the reverse proxy: loopback is trusted by default; a proxy on another machine is
// listed in ForwardedHeaders:KnownProxies (else every sign-in would count against the proxy's address).
builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, config) =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Roles.Reader, p => p.RequireRole(Roles.Reader, Roles.Processor))
    .AddPolicy(Roles.Processor, p => p.RequireRole(Roles.Processor));

var app = builder.Build();
await app.Services.GetRequiredService<SubmissionStore>().MigrateAsync();
var accounts = app.Services.GetRequiredService<StaffAccounts>();
if (accounts.Count == 0)
{
    // Only for a developer's own run: anywhere else, standard output may be a log stream, and a password must not be in it.
    if (!app.Environment.IsDevelopment())
        throw new InvalidOperationException("No staff account is configured (Staff:Accounts). Add one (see samples/ReferenceHost/README.md); only the Development environment makes a one-run account.");
    var oneRunPassword = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
    accounts.Add(new StaffAccount { Name = "staff", PasswordHash = StaffAccounts.HashPassword(oneRunPassword), Role = Roles.Processor });
    app.Logger.LogWarning("No staff account is configured (Staff:Accounts): a one-run account \"staff\" was made; its password is on the console.");
    Console.WriteLine($"Staff sign-in for this run only: /staff/login, name \"staff\", password {oneRunPassword}  (configure Staff:Accounts: see samples/ReferenceHost/README.md)");
}
// The key ring is encrypted at rest wherever it is not a developer's own run or the tests.
if (app.Services.GetService<KeyEncryptionKey>() is null && !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
    throw new InvalidOperationException("No DataProtection:KeyEncryptionKey is configured: the staff sign-in keys would be stored unencrypted. Set it to `openssl rand -base64 32` (the same on every instance; see samples/ReferenceHost/README.md).");

app.UseForwardedHeaders();
app.UseSecurityHeaders();
// Before anything that changes state: a form posted from another site is refused (login CSRF included).
app.UseSameOriginRequests(configuration.GetSection("Security:AllowedOrigins").Get<string[]>() ?? []);
app.UseStaticFiles();
// Everything past the static files may carry personal data (forms, PDFs, lists): never kept in a browser's or proxy's cache.
app.Use((context, next) =>
{
    context.Response.Headers.CacheControl = "no-store";
    return next(context);
});
app.UseAuthentication();
app.UseAuthorization();
// Liveness (the process answers) and readiness (its database answers), for a load balancer.
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/readyz", async (SubmissionStore store, IHostApplicationLifetime lifetime, CancellationToken ct) =>
{
    if (lifetime.ApplicationStopping.IsCancellationRequested) return Results.Text("stopping", statusCode: StatusCodes.Status503ServiceUnavailable);
    try
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        await store.SchemaVersionAsync(timeout.Token);
        return Results.Text("ready");
    }
    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
    {
        app.Logger.LogWarning("Not ready: the database does not answer ({Error}).", e.GetType().Name);
        return Results.Text("the database does not answer", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
});
ResidentApi.Map(app);
StaffApi.Map(app);
CounterApi.Map(app);
ResidentPages.Map(app);
StaffPages.Map(app);
app.Run();

static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api"))
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    context.Response.Redirect(context.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
