using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProcedureForms.ReferenceHost.Security;

/// <summary>A staff account from configuration (<c>Staff:Accounts</c>): a name, a password hash, a role.</summary>
public sealed class StaffAccount
{
    public string Name { get; set; } = "";

    /// <summary><c>pbkdf2-sha256$iterations$salt$hash</c> (base64), as <c>dotnet run -- hash-password</c> prints it.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary><c>reader</c> (list, view, print) or <c>processor</c> (also changes statuses).</summary>
    public string Role { get; set; } = Roles.Reader;
}

public static class Roles
{
    public const string Reader = "reader";
    public const string Processor = "processor";
}

/// <summary>
/// The staff accounts the host accepts. Passwords are kept only as PBKDF2 hashes in configuration; no secret is in the
/// source. With no account configured, one account ("staff") with a random password is made for this run only and the
/// password is written once to the console, so that `dotnet run` works without setting anything up.
/// </summary>
public sealed class StaffAccounts
{
    private const int Iterations = 210_000; // OWASP's figure for PBKDF2-HMAC-SHA256 (2023)

    private readonly Dictionary<string, StaffAccount> _accounts;

    public StaffAccounts(IEnumerable<StaffAccount> accounts)
    {
        _accounts = new Dictionary<string, StaffAccount>(StringComparer.Ordinal);
        foreach (var account in accounts) Add(account);
    }

    /// <summary>The role of a current account, or null.</summary>
    public string? RoleOf(string name) => _accounts.TryGetValue(name, out var account) ? account.Role : null;

    public int Count => _accounts.Count;

    /// <summary>The account if the password is right; the same work is done for an unknown name, so timing tells nothing.</summary>
    public StaffAccount? Verify(string name, string password)
    {
        var known = _accounts.TryGetValue(name, out var account);
        var ok = VerifyHash(password, known ? account!.PasswordHash : DummyHash);
        return known && ok ? account : null;
    }

    /// <summary>Adds an account; a mistake in one (no name, no hash, an unknown role, a reserved name) stops the host at start.</summary>
    public void Add(StaffAccount account)
    {
        if (account.Name.Length == 0 || account.PasswordHash.Length == 0)
            throw new InvalidOperationException("A staff account needs a Name and a PasswordHash.");
        if (account.Role is not (Roles.Reader or Roles.Processor))
            throw new InvalidOperationException($"Staff account '{account.Name}': Role must be \"{Roles.Reader}\" or \"{Roles.Processor}\".");
        // "resident" stands for the resident in a submission's history.
        if (account.Name == "resident") throw new InvalidOperationException("\"resident\" is reserved; choose another staff account name.");
        if (!_accounts.TryAdd(account.Name, account)) throw new InvalidOperationException($"Staff account '{account.Name}' is configured twice.");
    }

    public static string HashPassword(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool VerifyHash(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
            return false;
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static readonly string DummyHash = HashPassword(Guid.NewGuid().ToString(), Iterations);
}
