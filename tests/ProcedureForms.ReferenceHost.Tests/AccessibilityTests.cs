using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// Issue 19, part 3: axe-core 4.14 (the WCAG 2.0, 2.1 and 2.2 A and AA rules) in a real Chromium finds nothing on the
/// resident pages of every catalog form, empty, with the server's errors shown, and filled in; nor on the list of
/// forms and the staff sign-in page.
/// </summary>
public sealed class AccessibilityTests(SqliteHost fixture, ITestOutputHelper output) : IClassFixture<SqliteHost>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        // With axe's experimental rules: label-content-name-mismatch (a button whose spoken name does not start with its
        // visible words) is one, and the probe found it.
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "experimental"] },
    };

    [SkippableFact]
    public async Task Axe_finds_no_violation_on_any_resident_page_empty_with_errors_or_filled()
    {
        await using var chromium = await HeadlessChromium.Launch();
        var host = fixture.Host;
        List<string> ids;
        using (var client = host.Anonymous())
            ids = [.. (await HostFixture.Json(await client.GetAsync("/forms"))).EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
        Assert.True(ids.Count >= 10, "the catalog's forms");
        var browser = chromium.Browser;
        var report = new StringBuilder();
        var rulesRun = 0;
        async Task Check(IPage page, string state)
        {
            var result = await page.RunAxe(Wcag);
            rulesRun = Math.Max(rulesRun, result.Passes.Length + result.Violations.Length + result.Incomplete.Length + result.Inapplicable.Length);
            // What ran, for the record (dotnet test --logger "console;verbosity=detailed" shows it).
            output.WriteLine($"{state}: {result.Passes.Length + result.Violations.Length + result.Incomplete.Length + result.Inapplicable.Length} rules run, {result.Passes.Length} passed, {result.Violations.Length} violations, {result.Incomplete.Length} to review by hand{(result.Incomplete.Length == 0 ? "" : " (" + string.Join(", ", result.Incomplete.Select(i => $"{i.Id}: {i.Nodes.Length} node(s)")) + ")")}");
            foreach (var violation in result.Violations)
                report.AppendLine($"{state}: {violation.Id} ({violation.Impact}) {violation.Help} — {string.Join(" | ", violation.Nodes.Select(n => n.Html).Take(3))}");
        }

        var page = await browser.NewPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1000, Height = 900 } });
        page.SetDefaultTimeout(10_000);
        await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, "/").ToString());
        await Check(page, "/");
        await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, "/staff/login").ToString());
        await Check(page, "/staff/login");
        foreach (var id in ids)
        {
            await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, $"/apply/{id}").ToString());
            await Check(page, $"{id} empty");
            // Sent empty: the server's messages beside their fields and in the summary.
            await page.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
            await page.Locator("#summary").WaitForAsync(new() { State = WaitForSelectorState.Visible });
            await Check(page, $"{id} with errors");
            // Filled in with its valid sample (rows added as needed).
            await page.GotoAsync(new Uri(host.ClientOptions.BaseAddress, $"/apply/{id}").ToString());
            using var valid = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Samples, id, "submissions", "valid.json")));
            await BrowserTests.Fill(page, valid.RootElement, "");
            await Check(page, $"{id} filled");
        }
        Assert.True(rulesRun > 40, $"axe ran {rulesRun} rules");
        Assert.True(report.Length == 0, $"axe-core {rulesRun} rules, violations:\n{report}");
    }

    /// <summary>
    /// The 印鑑登録 form completed with the keyboard alone, in Tab order: text typed, dates typed digit by digit, a radio
    /// group chosen with the arrow keys, tick boxes with Space, sent with Enter; the receipt page takes the focus.
    /// </summary>
    [SkippableFact]
    public async Task A_form_can_be_completed_and_sent_with_the_keyboard_alone()
    {
        await using var chromium = await HeadlessChromium.Launch();
        const string id = "inkan-toroku-shinsei";
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Samples, id, "submissions", "valid.json")));
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new() { Locale = "ja-JP" });
        page.SetDefaultTimeout(10_000);
        await page.GotoAsync(new Uri(fixture.Host.ClientOptions.BaseAddress, $"/apply/{id}").ToString());
        var visited = new List<string>();
        for (var step = 0; step < 100; step++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>("() => { const e = document.activeElement; return { tag: e.tagName, name: e.getAttribute('name') ?? '', type: e.type ?? '', value: e.value ?? '' }; }");
            var name = focused.GetProperty("name").GetString()!;
            var type = focused.GetProperty("type").GetString()!;
            if (focused.GetProperty("tag").GetString() == "BUTTON" && type == "submit")
            {
                await page.Keyboard.PressAsync("Enter");
                break;
            }
            if (name.Length == 0 || Value(sample.RootElement, name) is not { } value) continue;
            visited.Add(name);
            switch (type)
            {
                case "radio":
                    // One stop for the group: the arrow keys move the choice until it is the sample's.
                    for (var i = 0; i < 10 && await page.EvaluateAsync<string>("() => document.activeElement.value") != value.GetRawText(); i++)
                        await page.Keyboard.PressAsync("ArrowDown");
                    await page.Keyboard.PressAsync("Space");
                    break;
                case "checkbox":
                    if (value.EnumerateArray().Any(v => v.GetRawText() == focused.GetProperty("value").GetString())) await page.Keyboard.PressAsync("Space");
                    break;
                case "date":
                    await TypeDate(page, value.GetString()!);
                    break;
                default:
                    await page.Keyboard.TypeAsync(value.GetString()!);
                    break;
            }
        }
        Assert.Contains("/registrant/sex", visited);
        Assert.Contains("/delegation/matters", visited);
        // Sent and accepted (no error summary): the receipt takes the focus, so a screen reader reads it next.
        var done = page.Locator("#done");
        if (!await done.IsVisibleAsync())
        {
            await page.WaitForSelectorAsync("#done:not([hidden]), #summary:not([hidden])");
            Assert.False(await page.Locator("#summary").IsVisibleAsync(), await page.Locator("#summary").TextContentAsync());
        }
        Assert.Matches(@"^\d{8}-\d{6}$", await page.Locator("#reception-number").TextContentAsync());
        Assert.Equal("done", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    /// <summary>
    /// The 児童手当 page on a 360 px wide phone and at 200 % zoom (a 1280 px window shows 640 CSS px): nothing is cut
    /// off or needs scrolling sideways (WCAG 1.4.10 Reflow), with the server's errors shown. The screenshots go to the
    /// test output (<c>screenshots/</c>) for the README.
    /// </summary>
    [SkippableFact]
    public async Task The_resident_page_reflows_on_a_360_px_phone_and_at_200_percent_zoom()
    {
        await using var chromium = await HeadlessChromium.Launch();
        var browser = chromium.Browser;
        foreach (var (name, width, scale) in new[] { ("resident-360px", 360, 2f), ("resident-zoom-200", 640, 2f) })
        {
            var page = await browser.NewPageAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = 800 }, DeviceScaleFactor = scale });
            page.SetDefaultTimeout(10_000);
            await page.GotoAsync(new Uri(fixture.Host.ClientOptions.BaseAddress, "/apply/jido-teate-nintei").ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "申請する" }).ClickAsync();
            await page.Locator("#summary").WaitForAsync(new() { State = WaitForSelectorState.Visible });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name}: the page is {overflow} px wider than the screen");
            // Every input fits on the screen.
            var outside = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')].filter(e => e.offsetParent && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.name || e.id || e.textContent)");
            Assert.True(outside.Length == 0, $"{name}: past the right edge: {string.Join(", ", outside)}");
            Directory.CreateDirectory(BrowserTests.Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTests.Screenshots, name + ".png") });
            await page.CloseAsync();
        }
    }

    /// <summary>
    /// Types an ISO date into the focused date field, part by part, as a person does: year, month, day in a Japanese
    /// browser; a browser whose interface is in English orders them month, day, year (headless Chromium here does,
    /// whatever the page's locale), so the other order is tried when the first does not give the date.
    /// </summary>
    private static async Task TypeDate(IPage page, string iso)
    {
        var (year, month, day) = (iso[..4], iso[5..7], iso[8..10]);
        foreach (var order in new[] { new[] { year, month, day }, [month, day, year] })
        {
            // The year takes up to six digits, so the arrow moves on from it; month and day move on when full.
            foreach (var part in order)
            {
                await page.Keyboard.TypeAsync(part);
                if (part == year && order[^1] != year) await page.Keyboard.PressAsync("ArrowRight");
            }
            if (await page.EvaluateAsync<string>("() => document.activeElement.value") == iso) return;
            // Cleared from the last part back to the first.
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            for (var i = 0; i < 3; i++)
            {
                await page.Keyboard.PressAsync("Backspace");
                if (i < 2) await page.Keyboard.PressAsync("ArrowLeft");
            }
        }
        Assert.Fail($"The date field did not take {iso} from the keyboard.");
    }

    /// <summary>The sample's value at a field's name (its JSON Pointer), or null.</summary>
    private static JsonElement? Value(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var part in pointer.Split('/').Skip(1))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, out var index) && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }
}
