using System.Globalization;
using GridGov.Dashboard.Figures;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGov.Tests.Browser;

/// <summary>
/// The command-center page in a real browser (Debian's Chromium through Playwright) against the real host on
/// Kestrel: tiles equal the API, the street ranking flips live without a reload, drill-down reaches a grid,
/// the Chinese web font is loaded, and a screenshot is saved under the test output.
///
/// Data (ranking from 2 decided cases): street 1 has a1..a4, street 2 has b1..b4.
///   before: a1, a2 resolved (s1 100.0%); b1 resolved, b2 closed unresolved (s2 50.0%); district 3/4 = 75.0%.
///   live:   a3, a4 closed unresolved and a1 rated unsatisfied (reopened): s1 1/3 = 33.3%;
///           b3 resolved, b4 left open: s2 2/3 = 66.7%; district 3/6 = 50.0%, open 2 (a1, b4).
/// </summary>
[Trait("Category", "Browser")]
public sealed class CommandCenterTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_command_center_follows_the_district_live_and_drills_down_to_a_grid()
    {
        var host = fixture.Host;
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        var resident = new ApiClient(host.Client());
        await admin.Import(d.Structure);

        var a = await SubmitAll(resident, d.Grid(1, 1, 1), d.Grid(1, 1, 1), d.Grid(1, 2, 1), d.Grid(1, 2, 1));
        var b = await SubmitAll(resident, d.Grid(2, 1, 1), d.Grid(2, 1, 1), d.Grid(2, 2, 1), d.Grid(2, 2, 1));
        host.Settings.Time.Advance(TimeSpan.FromMinutes(30));
        foreach (var issue in a.Concat(b)) await admin.Act(issue.Id, "respond", "called back");
        await admin.Act(a[0].Id, "resolve", "lamp replaced");
        await admin.Act(a[1].Id, "resolve", "pothole filled");
        await admin.Act(b[0].Id, "resolve", "bin emptied");
        var lastBefore = await admin.Act(b[1].Id, "close", "outside jurisdiction");
        var before = await admin.WaitForScope("districts", d.Id, d.Grid(2, 1, 1), lastBefore.Commit);
        foreach (var g in new[] { d.Grid(1, 1, 1), d.Grid(1, 2, 1), d.Grid(2, 2, 1) })
            before = await admin.WaitForScope("districts", d.Id, g, await CommitOf(admin, g));
        Assert.Equal("75.0%", before.Figures.Year.Rates.Resolution.Display);

        await using var browser = await fixture.Open(BrowserPage.WallScreen);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/#token={host.Token("admin")}&district={d.Id}"));
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.GetByTestId("breadcrumb").GetByTestId("crumb")).ToHaveTextAsync(["测试区"]);
        await ExpectTiles(page, before);
        await ExpectRanking(page, d.Street(1), d.Street(2));
        var loadId = await page.EvaluateAsync<string>("() => window.__gridgovLoadId");
        Assert.False(string.IsNullOrEmpty(loadId));
        Assert.DoesNotContain("token=", page.Url); // the token leaves the address bar once kept

        // Change the data through the API: street 2 must overtake street 1, live.
        await admin.Act(a[2].Id, "close", "not a municipal matter");
        await admin.Act(a[3].Id, "close", "duplicate of another report");
        await admin.Act(b[2].Id, "resolve", "pipe fixed");
        host.Settings.Time.Advance(TimeSpan.FromMinutes(30));
        var reopened = await resident.Rate(a[0].TrackingCode, "unsatisfied");
        Assert.Equal("assigned", reopened.Status);
        var after = before;
        foreach (var g in new[] { d.Grid(1, 1, 1), d.Grid(1, 2, 1), d.Grid(2, 2, 1) })
            after = await admin.WaitForScope("districts", d.Id, g, await CommitOf(admin, g));
        Assert.Equal("50.0%", after.Figures.Year.Rates.Resolution.Display);
        Assert.Equal(2, after.Figures.Year.Totals.Open);

        await ExpectTiles(page, after);
        await ExpectRanking(page, d.Street(2), d.Street(1));
        await Expect(page.GetByTestId("rank-row").First).ToContainTextAsync("66.7%");
        await Expect(page.GetByTestId("feed-item").First).ToBeVisibleAsync();
        await Expect(Unsatisfied(page)).ToHaveCountAsync(1);
        Assert.Equal(loadId, await page.EvaluateAsync<string>("() => window.__gridgovLoadId"));

        // The Chinese web font is really loaded (not a system fallback).
        Assert.True(await browser.NotoSansScLoaded(), "Noto Sans SC is not loaded");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("command-center.png") });

        // A second screen (a wall display) shows the same alert; the admin acknowledges it and it leaves both.
        await using (var wall = await fixture.Open(BrowserPage.WallScreen))
        {
            var wallPage = wall.Page;
            await wallPage.GotoAsync(fixture.Url($"/dashboard/#token={await admin.DisplayToken("二楼大屏")}&district={d.Id}"));
            await Expect(Unsatisfied(wallPage)).ToHaveCountAsync(1);
            await Expect(wallPage.GetByTestId("alert-ack")).ToHaveCountAsync(0); // a display only watches
            await Unsatisfied(page).GetByTestId("alert-ack").ClickAsync();
            await Expect(Unsatisfied(page)).ToHaveCountAsync(0);
            await Expect(Unsatisfied(wallPage)).ToHaveCountAsync(0);
        }

        // Drill down: street 2 -> its community 2 (too few to rank) -> grid 1 through the heat view.
        await page.Locator($"[data-testid=rank-row][data-id='{d.Street(2)}']").ClickAsync();
        await Expect(page.GetByTestId("crumb")).ToHaveTextAsync(["测试区", "第2街道"]);
        await Expect(page.GetByTestId("rank-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("rank-row").First).ToHaveAttributeAsync("data-id", d.Community(2, 1));
        await Expect(page.GetByTestId("too-few-to-rank")).ToContainTextAsync("样本不足");
        var street = await admin.Get<ScopeView>($"/api/streets/{d.Street(2)}");
        await ExpectTiles(page, street);

        await page.Locator($"[data-testid=rank-row-unranked][data-id='{d.Community(2, 2)}']").ClickAsync();
        await Expect(page.GetByTestId("crumb")).ToHaveTextAsync(["测试区", "第2街道", "第2社区"]);
        await Expect(page.GetByTestId("heat-cell")).ToHaveCountAsync(2);

        await page.Locator($"[data-testid=heat-cell][data-grid='{d.Grid(2, 2, 1)}']").ClickAsync();
        await Expect(page.GetByTestId("crumb")).ToHaveTextAsync(["测试区", "第2街道", "第2社区", "第1网格"]);
        var grid = await admin.Get<GridView>($"/api/grids/{d.Grid(2, 2, 1)}");
        await ExpectTiles(page, grid.Figures);
        await Expect(page.GetByTestId("open-issue")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("open-issue").First).ToHaveAttributeAsync("data-id", b[3].Id);
        await Expect(page.GetByTestId("yearend-link")).ToHaveAttributeAsync("href", $"yearend.html#level=grid&id={d.Grid(2, 2, 1)}"); // the report of the unit watched
        await Expect(page.Locator($"[data-testid=heat-cell][data-grid='{d.Grid(2, 2, 1)}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("command-center-grid.png") });

        // Back up through the breadcrumb, and switch to English: same figures, English labels.
        await page.GetByTestId("crumb").First.ClickAsync();
        await ExpectRanking(page, d.Street(2), d.Street(1));
        await ExpectTiles(page, after);
        await page.GetByTestId("lang-toggle").ClickAsync();
        await Expect(page.Locator("[data-testid=tile-resolution] .tile-label")).ToHaveTextAsync("Resolution rate");
        await Expect(page.GetByTestId("crumb")).ToHaveTextAsync(["Test District"]);
        await Expect(page.GetByTestId("yearend-link")).ToHaveTextAsync("Year-end report"); // opens yearend.html, signed in with the same stored token
        await Expect(page.GetByTestId("yearend-link")).ToHaveAttributeAsync("href", $"yearend.html#level=district&id={d.Id}");
        await ExpectTiles(page, after, english: true);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("command-center-en.png") });
        await page.SetViewportSizeAsync(1366, 768); // a laptop: the board scrolls instead of fitting one screen
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("command-center-laptop.png"), FullPage = true });
        Assert.Equal(loadId, await page.EvaluateAsync<string>("() => window.__gridgovLoadId"));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_wall_screen_drills_from_the_district_heat_view_to_a_grid_but_lists_no_issues()
    {
        var host = fixture.Host;
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure);
        var issue = await new ApiClient(host.Client()).Submit(d.Grid(2, 1, 2));
        await admin.WaitForScope("districts", d.Id, d.Grid(2, 1, 2), issue.Commit);

        await using var browser = await fixture.Open(BrowserPage.WallScreen);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/#token={await admin.DisplayToken("指挥大厅")}&district={d.Id}"));
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("[data-testid=tile-open] .tile-value")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("heat-cell")).ToHaveCountAsync(8);
        var street2 = page.Locator($"[data-testid=heat-street][data-id='{d.Street(2)}']");
        await Expect(street2).ToContainTextAsync("第2街道");
        await Expect(street2.Locator($"[data-testid=heat-group][data-id='{d.Community(2, 1)}']")).ToContainTextAsync("第1社区");

        await page.Locator($"[data-testid=heat-cell][data-grid='{d.Grid(2, 1, 2)}']").ClickAsync();
        await Expect(page.GetByTestId("crumb")).ToHaveTextAsync(["测试区", "第2街道", "第1社区", "第2网格"]);
        await Expect(page.Locator("[data-testid=tile-open] .tile-value")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("issues-note")).ToHaveTextAsync("仅工作人员可查看事项列表。");
        await Expect(page.GetByTestId("heat-cell")).ToHaveCountAsync(2); // the grid's community
    }

    private static async Task<SubmittedIssue[]> SubmitAll(ApiClient resident, params string[] grids)
    {
        var issues = new List<SubmittedIssue>();
        foreach (var g in grids) issues.Add(await resident.Submit(g));
        return [.. issues];
    }

    private static ILocator Unsatisfied(IPage page) => page.GetByTestId("alert-item").Filter(new() { HasText = "不满意评价" });

    private static async Task<long> CommitOf(ApiClient api, string gridId) => (await api.Get<GridView>($"/api/grids/{gridId}")).Commit;

    private static async Task ExpectRanking(IPage page, params string[] order)
    {
        var rows = page.Locator("[data-testid=ranking] [data-testid=rank-row]");
        await Expect(rows).ToHaveCountAsync(order.Length);
        for (var i = 0; i < order.Length; i++) await Expect(rows.Nth(i)).ToHaveAttributeAsync("data-id", order[i]);
    }

    private static Task ExpectTiles(IPage page, ScopeView view, bool english = false) => ExpectTiles(page, view.Figures, english);

    /// <summary>Every tile shows the API's value: counts as numbers, rates as their display strings.</summary>
    private static async Task ExpectTiles(IPage page, UnitFigures figures, bool english = false)
    {
        var year = figures.Year;
        string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);
        string Rate(RateView r) => r.Value is null ? (english ? "no data" : "无数据") : r.Display;
        var expected = new (string Tile, string Text)[]
        {
            ("accepted-today", Count(figures.Today.Totals.Accepted)),
            ("accepted-year", Count(year.Totals.Accepted)),
            ("open", Count(year.Totals.Open)),
            ("overdue", Count(year.Totals.OpenOverdue)),
            ("resolution", Rate(year.Rates.Resolution)),
            ("response", Rate(year.Rates.Response)),
            ("satisfaction", Rate(year.Rates.Satisfaction)),
            ("composite", Rate(year.Rates.Composite)),
        };
        foreach (var (tile, text) in expected)
            await Expect(page.Locator($"[data-testid=tile-{tile}] .tile-value")).ToHaveTextAsync(text);
    }
}
