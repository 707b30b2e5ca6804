using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Playwright;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// Issue 19, part 4: the counter (書かない窓口). Staff enter a submission for a resident (the history names who), print
/// it, record the signed paper, find it by 受付番号 or フリガナ, and export it: the CSV is read back with a CSV parser
/// (CsvHelper), its columns the form's fields in the form's order under its labels.
/// </summary>
public sealed class CounterTests(SqliteHost sqlite) : IClassFixture<SqliteHost>
{
    private const string FormId = "inkan-toroku-shinsei";
    private readonly HostFixture _host = sqlite.Host;

    private static JsonNode Sample() => JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Samples, FormId, "submissions", "valid.json")))!;

    private static async Task<JsonElement> Enter(HttpClient staff, JsonNode submission)
    {
        using var content = new StringContent(submission.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await staff.PostAsync($"/api/staff/forms/{FormId}/submissions", content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await HostFixture.Json(response);
    }

    private static List<string[]> ReadCsv(string text)
    {
        using var reader = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Parser.Record!);
        return rows;
    }

    [Fact]
    public async Task Staff_enter_print_record_the_signed_paper_search_and_export_and_the_csv_reads_back()
    {
        using var staff = await _host.SignedIn("alice", HostFixture.ProcessorPassword);
        var sample = Sample();
        sample["registrant"]!["kana"] = "カウンター テスト";
        var entered = await Enter(staff, sample);
        var number = entered.GetProperty("receptionNumber").GetString()!;

        // The history says who entered it, and that it was at the counter.
        var page = await staff.GetStringAsync($"/staff/submissions/{number}");
        Assert.Contains("窓口で職員が入力（書かない窓口）", page, StringComparison.Ordinal);
        Assert.Contains("<td>alice</td>", page, StringComparison.Ordinal);
        // Printed for the resident's signature.
        using (var pdf = await staff.GetAsync(entered.GetProperty("staffPdfUrl").GetString()))
        {
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);
        }
        // The signed paper came back.
        using (var signed = await staff.PostAsync($"/api/staff/submissions/{number}/signed-paper", null)) Assert.Equal(HttpStatusCode.NoContent, signed.StatusCode);
        using (var again = await staff.PostAsync($"/api/staff/submissions/{number}/signed-paper", null)) Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var signedPage = await staff.GetStringAsync($"/staff/submissions/{number}");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(signedPage, "署名済みの申請書（紙）を受領")); // a second click adds nothing
        // Only a counter entry has a paper to sign: a resident's own online submission has none.
        using (var resident = _host.Anonymous())
        {
            using var online = await HostFixture.Submit(resident, FormId, Encoding.UTF8.GetBytes(Sample().ToJsonString()));
            var onlineNumber = (await HostFixture.Json(online)).GetProperty("receptionNumber").GetString();
            using var none = await staff.PostAsync($"/api/staff/submissions/{onlineNumber}/signed-paper", null);
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }
        // A reader may look but not enter.
        using (var reader = await _host.SignedIn("bob", HostFixture.ReaderPassword))
        using (var refused = await reader.PostAsync($"/api/staff/forms/{FormId}/submissions", new StringContent(sample.ToJsonString(), Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // Found by 受付番号, and by part of the フリガナ with or without its space.
        Assert.Contains(number, await staff.GetStringAsync($"/staff?number={number}"), StringComparison.Ordinal);
        foreach (var part in new[] { "ンターテス", "ター テスト", "カウンター" })
            Assert.Contains(number, await staff.GetStringAsync($"/staff?kana={Uri.EscapeDataString(part)}"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await staff.GetStringAsync($"/staff?kana={Uri.EscapeDataString("ヤマダ")}"), StringComparison.Ordinal);

        // Exported as CSV (UTF-8 with BOM, for Excel): the form's fields in its order, under its labels.
        var second = Sample();
        second["registrant"]!["name"] = "板橋　\"引用\", 改行なし";
        second["agent"]!["address"] = "=HYPERLINK(\"x\")";
        var other = (await Enter(staff, second)).GetProperty("receptionNumber").GetString()!;
        using var csv = await staff.GetAsync($"/api/staff/export?numbers={number},{other}&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = ReadCsv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(3, rows.Count);
        var header = rows[0];
        Assert.Equal(["受付番号", "受付日時", "状態", "申請日", "登録する人・住所", "登録する人・氏名", "登録する人・フリガナ"], header[..7]);
        var first = rows.Single(r => r[0] == number);
        Assert.Equal("カウンター テスト", first[Array.IndexOf(header, "登録する人・フリガナ")]);
        Assert.Equal("女", first[Array.IndexOf(header, "登録する人・性別")]); // a choice as its label, as the form prints it
        var quoted = rows.Single(r => r[0] == other);
        Assert.Equal("板橋　\"引用\", 改行なし", quoted[Array.IndexOf(header, "登録する人・氏名")]);
        Assert.Equal("'=HYPERLINK(\"x\")", quoted[Array.IndexOf(header, "代理人・住所")]); // a formula stays text

        // Shift_JIS, as core systems import it: the same rows.
        using var sjis = await staff.GetAsync($"/api/staff/export?numbers={number},{other}&format=csv-sjis");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Assert.Equal(rows, ReadCsv(Encoding.GetEncoding(932).GetString(await sjis.Content.ReadAsByteArrayAsync())));
        // …but a character Shift_JIS lacks is refused by row and column, never written as "?".
        var outside = Sample();
        outside["registrant"]!["name"] = "José　花子"; // é prints (IPAex has it) but is not in Shift_JIS
        var third = (await Enter(staff, outside)).GetProperty("receptionNumber").GetString()!;
        using var refusedSjis = await staff.GetAsync($"/api/staff/export?numbers={third}&format=csv-sjis");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedSjis.StatusCode);
        var problem = await HostFixture.Json(refusedSjis);
        Assert.Contains(third, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("登録する人・氏名", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        // JSON Lines: a line a submission, even for a body sent pretty-printed, with its values as stored.
        using (var pretty = new StringContent(Sample().ToJsonString(new JsonSerializerOptions { WriteIndented = true }), Encoding.UTF8, "application/json"))
        using (var sent = await staff.PostAsync($"/api/staff/forms/{FormId}/submissions", pretty))
        {
            var prettyNumber = (await HostFixture.Json(sent)).GetProperty("receptionNumber").GetString();
            var one = (await staff.GetStringAsync($"/api/staff/export?numbers={prettyNumber}&format=jsonl")).TrimEnd('\n');
            Assert.DoesNotContain('\n', one);
            using var parsed = JsonDocument.Parse(one);
            Assert.Equal("志村　由紀子", parsed.RootElement.GetProperty("submission").GetProperty("registrant").GetProperty("name").GetString());
        }
        var lines = (await staff.GetStringAsync($"/api/staff/export?numbers={number},{other}&format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var line = JsonDocument.Parse(lines[0]);
        Assert.Equal(number, line.RootElement.GetProperty("receptionNumber").GetString());
        Assert.Equal("カウンター テスト", line.RootElement.GetProperty("submission").GetProperty("registrant").GetProperty("kana").GetString());
    }

    /// <summary>The counter in a browser: sign in, enter for a resident, print, record the signed paper, search, export.</summary>
    [SkippableFact]
    public async Task Counter_workflow_in_the_browser_enter_print_search_and_export()
    {
        await using var chromium = await HeadlessChromium.Launch();
        var browser = chromium.Browser;
        var context = await browser.NewContextAsync(new() { Locale = "ja-JP", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") console.Add(message.Text); };
        var root = _host.ClientOptions.BaseAddress;
        await page.GotoAsync(new Uri(root, "/staff/login").ToString());
        await HeadlessChromium.SignIn(page);

        // Enter for the resident at the window.
        await page.GetByRole(AriaRole.Link, new() { Name = "窓口で入力する（書かない窓口）" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "印鑑登録申請書" }).ClickAsync();
        var sample = Sample();
        sample["registrant"]!["kana"] = "マドグチ ハナコ";
        using (var document = JsonDocument.Parse(sample.ToJsonString())) await BrowserTests.Fill(page, document.RootElement, "");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
        await page.Locator("#done").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var number = (await page.Locator("#reception-number").TextContentAsync())!;
        Assert.Matches(@"^\d{8}-\d{6}$", number);

        // Printed for the signature: the link opens the filled PDF.
        var printed = await context.APIRequest.GetAsync(new Uri(root, (await page.Locator("#pdf-link").GetAttributeAsync("href"))!).ToString());
        Assert.Equal("application/pdf", printed.Headers["content-type"]);

        // The signed paper came back.
        await page.Locator("#status-link").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "署名済みの紙を受け取った" }).ClickAsync();
        await page.GetByText("署名済みの申請書（紙）を受領").WaitForAsync();

        // Found by part of the フリガナ, chosen, exported as CSV.
        await page.GotoAsync(new Uri(root, "/staff").ToString());
        await page.GetByLabel("フリガナ（一部でも）").FillAsync("マドグチ");
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await page.GetByLabel($"{number}を印刷").CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "CSV（UTF-8）" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"counter-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        try
        {
            var rows = ReadCsv(File.ReadAllText(path, Encoding.UTF8));
            Assert.Equal(2, rows.Count);
            Assert.Equal(number, rows[1][0]);
            Assert.Equal("マドグチ ハナコ", rows[1][Array.IndexOf(rows[0], "登録する人・フリガナ")]);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Empty(console);
    }
}
