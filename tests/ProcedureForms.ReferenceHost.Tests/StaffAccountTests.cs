using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using ProcedureForms.ReferenceHost.Security;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>Staff accounts: a configuration mistake stops the host at start instead of quietly locking people out or in.</summary>
public sealed class StaffAccountTests
{
    private static StaffAccount Account(string name, string role = Roles.Reader) => new() { Name = name, PasswordHash = StaffAccounts.HashPassword("pw", 1_000), Role = role };

    [Fact]
    public void Mistakes_in_the_accounts_stop_the_host()
    {
        Assert.Throws<InvalidOperationException>(() => new StaffAccounts([Account("alice", "Processor")])); // roles are exact
        Assert.Throws<InvalidOperationException>(() => new StaffAccounts([Account("resident")])); // stands for the resident in histories
        Assert.Throws<InvalidOperationException>(() => new StaffAccounts([Account("alice"), Account("alice")]));
        Assert.Throws<InvalidOperationException>(() => new StaffAccounts([new StaffAccount { Name = "bob", Role = Roles.Reader }]));
    }

    [Fact]
    public void A_password_is_checked_against_its_hash_only()
    {
        var accounts = new StaffAccounts([Account("alice", Roles.Processor)]);
        Assert.Equal("alice", accounts.Verify("alice", "pw")?.Name);
        Assert.Null(accounts.Verify("alice", "PW"));
        Assert.Null(accounts.Verify("nobody", "pw"));
        Assert.Equal(Roles.Processor, accounts.RoleOf("alice"));
        Assert.False(StaffAccounts.VerifyHash("pw", "plain-text-password"));
        Assert.StartsWith("pbkdf2-sha256$210000$", StaffAccounts.HashPassword("pw"));
    }

    [Fact]
    public void Outside_development_the_host_refuses_to_start_without_an_account()
    {
        var folder = Path.Combine(Path.GetTempPath(), "procforms-noaccount-" + Guid.NewGuid().ToString("N"));
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:SqlitePath"] = Path.Combine(folder, "submissions.db"),
            }));
        });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("No staff account is configured", (e as InvalidOperationException ?? e.InnerException)?.Message ?? e.Message);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
