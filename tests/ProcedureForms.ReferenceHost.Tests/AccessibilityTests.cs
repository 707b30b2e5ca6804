using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ProcedureForms.ReferenceHost.Tests;

/// <summary>
/// Issue 19, part 3: axe-core 4.14 (the WCAG 2.0, 2.1 and 2.2 A and AA rules) in a real Chromium finds nothing on the
/// resident pages of every catalog form, empty, with the server's errors shown, and filled in; nor on the list of
/// forms and the staff sign-in page.
/// </summary>
public sealed class AccessibilityTests(SqliteHost fixture) : IClassFixture<SqliteHost>
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
        var chromium = BrowserTests.Chromium();
        Skip.If(chromium is null, BrowserTests.NoChromium);
        var host = fixture.Host;
        List<string> ids;
        using (var client = host.Anonymous())
            ids = [.. (await HostFixture.Json(await client.GetAsync("/forms"))).EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
        Assert.True(ids.Count >= 10, "the catalog's forms");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var report = new StringBuilder();
        var rulesRun = 0;
        async Task Check(IPage page, string state)
        {
            var result = await page.RunAxe(Wcag);
            rulesRun = Math.Max(rulesRun, result.Passes.Length + result.Violations.Length + result.Incomplete.Length + result.Inapplicable.Length);
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
}
