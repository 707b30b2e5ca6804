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

    /// <summary>
    /// Issue 19, part 5: SIGTERM while a resident's submission is still arriving (its body sent slowly): the host
    /// finishes it (201, and it is stored), says it is not ready meanwhile, and exits cleanly.
    /// </summary>
    [SkippableFact]
    public async Task A_graceful_shutdown_finishes_the_submission_in_flight()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal.");
        var folder = Path.Combine(Path.GetTempPath(), "procforms-sigterm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "submissions.db");
        var body = File.ReadAllBytes(Path.Combine(Repo.Samples, FormId, "submissions", "valid.json"));
        try
        {
            var port = FreePort();
            using var host = Start(database, port);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await WaitUntilUp(client, host);
            var arriving = new SlowContent(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/forms/{FormId}/submissions") { Content = arriving };
            var sending = client.SendAsync(request);
            await arriving.HalfSent.Task;
            using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await Task.Delay(300);
            arriving.Finish.SetResult();
            using var response = await sending;
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var receipt = (await HostFixture.Json(response)).GetProperty("receipt").GetString()!;
            using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30))) await host.WaitForExitAsync(exited.Token);
            Assert.Equal(0, host.ExitCode);
            Assert.Equal(body, (await SubmissionStore.Sqlite(database).FindByReceiptAsync(receipt))!.Body);
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

    /// <summary>A body sent in two halves: the second when the test says so.</summary>
    private sealed class SlowContent(byte[] body) : HttpContent
    {
        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
            await stream.FlushAsync();
            HalfSent.SetResult();
            await Finish.Task;
            await stream.WriteAsync(body.AsMemory(body.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }

    /// <summary>
    /// Issue 19, part 5: outside Development the log is one JSON object a line, and nothing a resident sent (a value, the
    /// receipt token) appears in it, whether the submission was accepted, refused or forged from another site.
    /// </summary>
    [SkippableFact]
    public async Task The_log_is_structured_and_holds_no_submitted_value_or_receipt_token()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal.");
        var folder = Path.Combine(Path.GetTempPath(), "procforms-log-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        const string marker = "ログ確認マーカー一二三";
        var valid = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Samples, FormId, "submissions", "valid.json")))!;
        valid["claimant"]!["occupation"] = marker;
        var invalid = valid.DeepClone();
        invalid["claimant"]!["myNumber"] = "123456789019";
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        try
        {
            var port = FreePort();
            using var host = Start(Path.Combine(folder, "submissions.db"), port, output);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilUp(client, host);
            using var accepted = await HostFixture.Submit(client, FormId, System.Text.Encoding.UTF8.GetBytes(valid.ToJsonString()));
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
            var receipt = (await HostFixture.Json(accepted)).GetProperty("receipt").GetString()!;
            using var refused = await HostFixture.Submit(client, FormId, System.Text.Encoding.UTF8.GetBytes(invalid.ToJsonString()));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            using (var page = await client.GetAsync($"/receipt/{receipt}")) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var forged = new HttpRequestMessage(HttpMethod.Post, $"/forms/{FormId}/submissions") { Content = new StringContent(valid.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
            forged.Headers.Add("Origin", "https://evil.example");
            using (var response = await client.SendAsync(forged)) Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30))) await host.WaitForExitAsync(exited.Token);
            var lines = output.Where(l => l.Length > 0).ToList();
            Assert.Contains(lines, l => l.Contains("another site", StringComparison.Ordinal) && l.Contains("/forms/{id}/submissions", StringComparison.Ordinal));
            foreach (var line in lines)
            {
                using var parsed = JsonDocument.Parse(line); // each line one JSON object
                Assert.DoesNotContain(marker, line, StringComparison.Ordinal);
                Assert.DoesNotContain(receipt, line, StringComparison.Ordinal);
                Assert.DoesNotContain("123456789019", line, StringComparison.Ordinal);
            }
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

    private static Process Start(string database, int port, System.Collections.Concurrent.ConcurrentQueue<string>? output = null)
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
        process.OutputDataReceived += (_, line) => { if (line.Data is { } data) output?.Enqueue(data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } data) output?.Enqueue(data); };
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
