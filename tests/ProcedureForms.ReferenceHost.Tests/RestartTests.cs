using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ProcedureForms.ReferenceHost.Storage;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// The host as its own process, killed (SIGKILL, no shutdown) while residents are sending: every submission it
/// acknowledged with 201 is in the database after a restart, and the restarted host serves it.
/// </summary>
public sealed class RestartTests
{
    private const string FormId = "jido-teate-nintei";

    [Fact]
    public async Task Submissions_acknowledged_before_a_kill_are_all_there_after_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "procforms-restart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "submissions.db");
        var body = File.ReadAllBytes(Path.Combine(Repo.Samples, FormId, "submissions", "valid.json"));
        var acknowledged = new List<(string Receipt, string Number)>();
        try
        {
            var port = FreePort();
            using (var host = Start(database, port))
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await WaitUntilUp(client, host);
                // Residents keep sending; the process is killed while requests are in flight.
                using var stop = new CancellationTokenSource();
                var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            using var response = await HostFixture.Submit(client, FormId, body);
                            if (response.StatusCode != HttpStatusCode.Created) continue;
                            var json = await HostFixture.Json(response);
                            lock (acknowledged) acknowledged.Add((json.GetProperty("receipt").GetString()!, json.GetProperty("receptionNumber").GetString()!));
                        }
                        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                        {
                            return; // the process is gone
                        }
                    }
                })).ToList();
                while (true)
                {
                    lock (acknowledged) if (acknowledged.Count >= 20) break;
                    await Task.Delay(20);
                }
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
                stop.Cancel();
                await Task.WhenAll(senders);
            }

            Assert.True(acknowledged.Count >= 20);
            var port2 = FreePort();
            using (var host = Start(database, port2))
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port2}") };
                await WaitUntilUp(client, host);
                foreach (var (receipt, number) in acknowledged)
                {
                    using var response = await client.GetAsync($"/submissions/{receipt}");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(number, (await HostFixture.Json(response)).GetProperty("receptionNumber").GetString());
                }
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }
            // And in the file itself, byte for byte.
            var store = SubmissionStore.Sqlite(database);
            foreach (var (receipt, _) in acknowledged)
                Assert.Equal(body, (await store.FindByReceiptAsync(receipt))!.Body);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Process Start(string database, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ProcedureForms.ReferenceHost.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Storage__SqlitePath"] = database;
        start.Environment["ConnectionStrings__Postgres"] = "";
        start.Environment["Staff__Accounts__0__Name"] = "alice";
        start.Environment["Staff__Accounts__0__PasswordHash"] = Security.StaffAccounts.HashPassword(HostFixture.ProcessorPassword, 1_000);
        start.Environment["Staff__Accounts__0__Role"] = "processor";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUp(HttpClient client, Process host)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.False(host.HasExited, "The host process exited on start.");
            try
            {
                using var response = await client.GetAsync("/forms");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        Assert.Fail("The host did not start within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
