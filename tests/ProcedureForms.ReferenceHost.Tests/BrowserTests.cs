using System.Text.Json;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// The resident's page in a real Chromium (Debian's chromium, driven by Playwright): fill in the 児童手当 form, leave a
/// required field empty and give a bad 個人番号, see both messages next to their fields, correct them with the keyboard,
/// send, get the receipt and download the PDF.
/// </summary>
public sealed class BrowserTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private const string FormId = "jido-teate-nintei";

    /// <summary>Chromium to drive: PROCFORMS_CHROMIUM, else Debian's.</summary>
    internal static string? Chromium()
    {
        var found = new[] { Environment.GetEnvironmentVariable("PROCFORMS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
        // .ci/run installs it: in CI a missing browser is a broken script, not a reason to skip.
        if (found is null && Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("chromium is not installed although CI=true: .ci/run must apt-get install chromium.");
        return found;
    }

    public const string NoChromium = "The browser test needs Chromium: apt-get install chromium (or set PROCFORMS_CHROMIUM to a Chromium executable).";

    /// <summary>Where the test leaves its screenshots (the test output folder), for a reviewer to look at.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [SkippableFact]
    public async Task A_resident_corrects_two_errors_sends_and_downloads_the_pdf()
    {
        await using var chromium = await HeadlessChromium.Launch();
        var host = fixture.Host;
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new() { Locale = "ja-JP", AcceptDownloads = true, ViewportSize = new() { Width = 1000, Height = 900 } });
        var console = new List<string>();
        // Script errors fail the test; Chromium's own note on the 422 answer (a resource "failed to load") does not.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("status of 422", StringComparison.Ordinal)) console.Add(message.Text); };
        page.PageError += (_, error) => console.Add(error);

        await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, $"/apply/{FormId}").ToString());
        Assert.Equal("児童手当 認定請求書", await page.TitleAsync());
        // The spouse block is conditional: hidden until 配偶者の有無 is 有.
        Assert.False(await page.Locator("[data-pointer='/spouse']").IsVisibleAsync());

        using var valid = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Samples, FormId, "submissions", "valid.json")));
        await Fill(page, valid.RootElement, "");
        Assert.True(await page.Locator("[data-pointer='/spouse']").IsVisibleAsync());

        // The second child moves to a third row, with a blank row before it (blank rows are not sent), and a bad フリガナ.
        var second = valid.RootElement.GetProperty("children")[1];
        await page.Locator("fieldset.table[data-pointer='/children'] > .add-row").ClickAsync();
        await Fill(page, second, "/children/2");
        await page.EvaluateAsync("() => document.querySelectorAll(\"[name^='/children/1/']\").forEach(i => { if (i.type === 'radio' || i.type === 'checkbox') i.checked = false; else i.value = ''; })");
        await page.Locator("[name='/children/2/kana']").FillAsync("abc");

        // Leave a required field empty and give a 個人番号 whose check digit is wrong.
        await page.Locator("[name='/claimant/name']").FillAsync("");
        await page.Locator("[name='/claimant/myNumber']").FillAsync("123456789019");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();

        var summary = page.Locator("#summary");
        await summary.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        // Announced: the alert region holds the count, and it has the focus.
        Assert.Contains("3件の誤りがあります", await page.GetByRole(AriaRole.Alert).TextContentAsync());
        Assert.Equal("summary", await page.EvaluateAsync<string>("document.activeElement.id"));
        // The blank row was taken off: the second child is the page's 「児童（2）」 again, and the server's message about
        // /children/1 is on that row, tied to its input.
        Assert.Equal(2, await page.Locator("fieldset.table[data-pointer='/children'] > .rows > .row").CountAsync());
        Assert.Equal("児童（2）", await page.Locator("fieldset.table[data-pointer='/children'] > .rows > .row").Nth(1).Locator(".row-title").TextContentAsync());
        var kanaError = page.Locator("#f-children-1-kana-error");
        Assert.True(await kanaError.IsVisibleAsync());
        Assert.Contains("「児童（2）・フリガナ」", await kanaError.TextContentAsync());
        Assert.Contains("f-children-1-kana-error", await page.Locator("#f-children-1-kana").GetAttributeAsync("aria-describedby"));
        Assert.Equal("true", await page.Locator("#f-children-1-kana").GetAttributeAsync("aria-invalid"));
        var nameError = page.Locator("#f-claimant-name-error");
        var numberError = page.Locator("#f-claimant-myNumber-error");
        Assert.True(await nameError.IsVisibleAsync());
        Assert.True(await numberError.IsVisibleAsync());
        Assert.Contains("「請求者・氏名」", await nameError.TextContentAsync());
        Assert.Contains("「請求者・個人番号」", await numberError.TextContentAsync());
        // Each message is tied to its input, which is marked invalid, so a screen reader reads them together.
        Assert.Contains("f-claimant-name-error", await page.Locator("#f-claimant-name").GetAttributeAsync("aria-describedby"));
        Assert.Equal("true", await page.Locator("#f-claimant-name").GetAttributeAsync("aria-invalid"));
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "resident-errors.png"), FullPage = false });

        // With the keyboard: from the summary to the first message's link, Enter lands in the field.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("f-claimant-name", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("板橋 花子");
        await page.Locator("[name='/children/1/kana']").FillAsync(second.GetProperty("kana").GetString()!);
        await page.Locator("[name='/claimant/myNumber']").FillAsync("123456789018");
        await page.Keyboard.PressAsync("Enter"); // submits the form from the field

        var done = page.Locator("#done");
        await done.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Matches(@"^\d{8}-\d{6}$", await page.Locator("#reception-number").TextContentAsync());
        Assert.False(await summary.IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "resident-receipt.png") });

        // The receipt page, which the resident keeps: the status in words.
        var receiptPage = await browser.NewPageAsync(new() { Locale = "ja-JP" });
        await receiptPage.GotoAsync(new Uri(host.ClientOptions.BaseAddress, await page.Locator("#status-link").GetAttributeAsync("href")).ToString());
        Assert.Contains("送信済", await receiptPage.Locator("dl.facts").TextContentAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#pdf-link").ClickAsync());
        var path = Path.Combine(Screenshots, "downloaded.pdf");
        await download.SaveAsAsync(path);
        using (var pdf = PdfDocument.Open(path))
        {
            var text = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value)).Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("板橋花子", text);
            Assert.Contains("123456789018", text);
            Assert.Contains(second.GetProperty("name").GetString()!.Replace(" ", "", StringComparison.Ordinal), text); // the second child, sent as the second row
        }
        Assert.Empty(console);
    }

    [SkippableFact]
    public async Task Screenshots_of_the_staff_list()
    {
        await using var chromium = await HeadlessChromium.Launch();
        var host = fixture.Host;
        using (var client = host.Anonymous())
            for (var i = 0; i < 3; i++)
                await HostFixture.Submit(client, FormId, File.ReadAllBytes(Path.Combine(Repo.Samples, FormId, "submissions", "valid.json")));
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1000, Height = 700 } });
        await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, "/staff").ToString());
        Assert.EndsWith("/staff/login?ReturnUrl=%2Fstaff", page.Url);
        await HeadlessChromium.SignIn(page);
        Assert.True(await page.Locator("table.list tbody tr").CountAsync() >= 3);
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "staff-list.png") });
    }

    /// <summary>
    /// Issue 19: the staff pages' script comes from the host (staff.js) and runs under the Content-Security-Policy: the
    /// print form refuses an empty choice, and a status change posts, reloads and shows the new status; the browser
    /// reports no policy violation or script error.
    /// </summary>
    [SkippableFact]
    public async Task Staff_scripts_run_under_the_content_security_policy()
    {
        await using var chromium = await HeadlessChromium.Launch();
        var host = fixture.Host;
        string number;
        using (var client = host.Anonymous())
        {
            using var response = await HostFixture.Submit(client, FormId, File.ReadAllBytes(Path.Combine(Repo.Samples, FormId, "submissions", "valid.json")));
            number = (await HostFixture.Json(response)).GetProperty("receptionNumber").GetString()!;
        }
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new() { Locale = "ja-JP" });
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") console.Add(message.Text); };
        page.PageError += (_, error) => console.Add(error);
        await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, "/staff/login").ToString());
        await HeadlessChromium.SignIn(page);

        // Nothing chosen: the script stops the print and says so.
        var alert = "";
        page.Dialog += async (_, dialog) => { alert = dialog.Message; await dialog.DismissAsync(); };
        await page.GetByRole(AriaRole.Button, new() { Name = "選んだ申請をまとめて印刷（PDF）" }).ClickAsync();
        await page.WaitForTimeoutAsync(200);
        Assert.Equal("印刷または出力する申請を選んでください。", alert);

        await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, $"/staff/submissions/{number}").ToString());
        Assert.Equal("送信済", await page.Locator("#status").TextContentAsync());
        await page.GetByLabel("処理中").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "変更する" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent === '処理中'");
        Assert.Empty(console);
    }

    /// <summary>Types a submission into the page field by field, adding table rows as needed, in the order a person would.</summary>
    internal static async Task Fill(IPage page, JsonElement value, string pointer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject()) await Fill(page, property.Value, $"{pointer}/{property.Name}");
                break;
            case JsonValueKind.Array when await page.Locator($"fieldset.table[data-pointer='{pointer}']").CountAsync() > 0:
                var table = page.Locator($"fieldset.table[data-pointer='{pointer}']");
                while (await table.Locator(":scope > .rows > .row").CountAsync() < value.GetArrayLength())
                    await table.Locator(":scope > .add-row").ClickAsync();
                var i = 0;
                foreach (var item in value.EnumerateArray()) await Fill(page, item, $"{pointer}/{i++}");
                break;
            case JsonValueKind.Array: // several of a list: tick each
                foreach (var item in value.EnumerateArray())
                    await page.Locator($"input[name='{pointer}'][value='{item.GetRawText()}']").CheckAsync();
                break;
            default:
                var input = page.Locator($"[name='{pointer}']");
                if (await input.First.GetAttributeAsync("type") is "radio" or "checkbox")
                    await page.Locator($"input[name='{pointer}'][value='{value.GetRawText()}']").CheckAsync();
                else
                    await input.FillAsync(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
                break;
        }
    }
}

/// <summary>Chromium for one test, headless; the test is skipped, saying what to install, when there is none.</summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> Launch()
    {
        var path = BrowserTests.Chromium();
        Skip.If(path is null, BrowserTests.NoChromium);
        var playwright = await Playwright.CreateAsync();
        return new HeadlessChromium(playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = path, Headless = true, Args = ["--no-sandbox"] }));
    }

    /// <summary>Signs in as alice (processor) on the sign-in page the page shows, and waits for the list.</summary>
    public static async Task SignIn(IPage page)
    {
        await page.GetByLabel("名前").FillAsync("alice");
        await page.GetByLabel("パスワード").FillAsync(HostFixture.ProcessorPassword);
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/staff/login");
        // A refused sign-in says why, instead of a timeout.
        if (response.Status != 302) Assert.Fail($"sign-in answered {response.Status}: {await response.TextAsync()}");
        await page.WaitForURLAsync("**/staff");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
