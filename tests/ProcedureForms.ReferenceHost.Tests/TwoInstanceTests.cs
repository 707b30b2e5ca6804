using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// Issue 19, part 1: two instances of the host on one PostgreSQL database, as a ward runs them behind a load balancer.
/// They start at once on an empty database (the schema scripts take turns), read each other's staff cookies (the key
/// ring is in the database, encrypted), keep sessions over a restart, count sign-in attempts together, and give 500
/// submissions sent to both at once 500 different 受付番号.
/// </summary>
public sealed class TwoInstanceTests
{
    [SkippableFact]
    public async Task Two_instances_on_one_PostgreSQL_share_sessions_the_sign_in_throttle_and_the_reception_numbers()
    {
        Skip.If(HostFixture.PostgresConnection is null, HostFixture.NoPostgres);
        var database = "procforms_" + Guid.NewGuid().ToString("N")[..12];
        await Admin($"CREATE DATABASE {database}");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(HostFixture.PostgresConnection) { Database = database }.ToString();
        var settings = new Dictionary<string, string?> { ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        HostFixture? a = null, b = null, c = null;
        try
        {
            // Both start at once on the empty database.
            var starting = new[] { Task.Run(() => new HostFixture("postgres", connection, settings)), Task.Run(() => new HostFixture("postgres", connection, settings)) };
            var started = await Task.WhenAll(starting);
            (a, b) = (started[0], started[1]);
            Assert.Equal(3, await Scalar(connection, "SELECT MAX(version) FROM schema_version"));
            Assert.Equal(3L, await Scalar(connection, "SELECT COUNT(*) FROM schema_version"));

            // A staff cookie made by A is read by B.
            var cookie = await SignIn(a);
            Assert.Equal(HttpStatusCode.OK, await Staff(b, cookie));
            // The key ring is in the database, and encrypted there.
            var keys = await Strings(connection, "SELECT xml FROM data_protection_keys");
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.Contains("aesGcmEncrypted", k, StringComparison.Ordinal));
            Assert.All(keys, k => Assert.DoesNotContain("<masterKey", k, StringComparison.Ordinal));

            // B restarts (a new process would too): the session stays.
            b.Dispose();
            b = null;
            c = new HostFixture("postgres", connection, settings);
            Assert.Equal(HttpStatusCode.OK, await Staff(c, cookie));
            Assert.Equal(HttpStatusCode.OK, await Staff(a, cookie));

            // The throttle counts attempts made on both: five on each, and the eleventh is refused wherever it goes.
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 10; i++) statuses.Add(await WrongSignIn(i % 2 == 0 ? a : c, "198.51.100.23"));
            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
            Assert.Equal(HttpStatusCode.TooManyRequests, await WrongSignIn(a, "198.51.100.23"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await WrongSignIn(c, "198.51.100.23"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await WrongSignIn(c, "198.51.100.24")); // another address is not held up

            // 500 submissions sent to both at once: 500 rows, 500 different 受付番号.
            var body = await File.ReadAllBytesAsync(Path.Combine(Repo.Samples, "jido-teate-nintei", "submissions", "valid.json"));
            var numbers = new ConcurrentBag<string>();
            using var toA = a.Anonymous();
            using var toC = c.Anonymous();
            await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            {
                using var response = await HostFixture.Submit(i % 2 == 0 ? toA : toC, "jido-teate-nintei", body);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                numbers.Add((await HostFixture.Json(response)).GetProperty("receptionNumber").GetString()!);
            });
            Assert.Equal(500, numbers.Distinct().Count());
            Assert.Equal(500L, await Scalar(connection, "SELECT COUNT(*) FROM submissions"));
        }
        finally
        {
            a?.Dispose();
            b?.Dispose();
            c?.Dispose();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await Admin($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task<string> SignIn(HostFixture host)
    {
        using var client = host.Anonymous();
        using var response = await client.PostAsync("/staff/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "alice", ["password"] = HostFixture.ProcessorPassword }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("procforms-staff=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> Staff(HostFixture host, string cookie)
    {
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> WrongSignIn(HostFixture host, string address)
    {
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "carol", ["password"] = "wrong" }),
        };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task Admin(string sql)
    {
        await using var admin = new Npgsql.NpgsqlConnection(HostFixture.PostgresConnection);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(string connection, string sql)
    {
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<string>> Strings(string connection, string sql)
    {
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }
}
