using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGov.Tests.Browser;

/// <summary>
/// The resident's pages on a phone-sized browser: file an issue (street -> community -> grid, category, title),
/// read the tracking code, follow it to the tracking page, and once the issue is resolved rate it there.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ResidentPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_resident_files_an_issue_follows_it_and_rates_it()
    {
        var host = fixture.Host;
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure);

        // The anonymous structure endpoint: names only, every grid.
        var grids = await new ApiClient(host.Client()).Get<List<PublicGrid>>($"/api/public/districts/{d.Id}/grids");
        Assert.Equal(8, grids.Count);
        Assert.Contains(grids, g => g.GridId == d.Grid(2, 1, 2) && g.StreetName == "第2街道" && g.CommunityName == "第1社区" && g.GridName == "第2网格");
        var unknown = await host.Client().GetAsync($"/api/public/districts/{d.Id}x/grids");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);

        await using var browser = await fixture.Open(BrowserPage.Phone);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/report.html#district={d.Id}"));
        await Expect(page.GetByTestId("pick-street").Locator("option")).ToHaveCountAsync(3); // "choose" and two streets
        await Expect(page.GetByTestId("pick-street").Locator($"option[value='{d.Street(2)}']")).ToHaveTextAsync("第2街道");
        await page.GetByTestId("pick-street").SelectOptionAsync(d.Street(2));
        await page.GetByTestId("pick-community").SelectOptionAsync(d.Community(2, 1));
        await Expect(page.GetByTestId("pick-grid").Locator($"option[value='{d.Grid(2, 1, 2)}']")).ToHaveTextAsync("第2网格");
        await page.GetByTestId("pick-grid").SelectOptionAsync(d.Grid(2, 1, 2));
        await Expect(page.GetByTestId("pick-category").Locator("option[value='water']")).ToHaveTextAsync("饮用水");
        await page.GetByTestId("pick-category").SelectOptionAsync("water");
        await page.GetByTestId("title").FillAsync("自来水发黄");
        await page.GetByTestId("description").FillAsync("三号楼早上的自来水发黄，有异味。");
        await page.GetByTestId("contact-phone").FillAsync("13900001234");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("report-form.png"), FullPage = true });
        await page.GetByTestId("submit").ClickAsync();

        var codeText = page.GetByTestId("tracking-code");
        await Expect(codeText).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\S+"));
        var code = (await codeText.TextContentAsync())!.Trim();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("report-submitted.png") });
        var tracked = await new ApiClient(host.Client()).Get<TrackedIssue>($"/api/track/{code}");
        // Operators of the grid's scope see the resident's contact (admins do not).
        var issue = await new ApiClient(host.Client("operator")).Get<IssueView>($"/api/issues/{tracked.Id}");
        Assert.Equal((d.Grid(2, 1, 2), "water", "online", "自来水发黄"), (issue.GridId, issue.Category, issue.Channel, issue.Title));
        Assert.Equal("13900001234", issue.Contact?.Phone);

        await page.GetByTestId("track-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/dashboard/track\.html#code="));
        await Expect(page.GetByTestId("tracked-title")).ToHaveTextAsync("自来水发黄");
        await Expect(page.GetByTestId("tracked-status")).ToHaveTextAsync("已派单");
        await Expect(page.GetByTestId("tracked-category")).ToHaveTextAsync("饮用水");
        await Expect(page.GetByTestId("step").First).ToHaveAttributeAsync("data-action", "submit");
        await Expect(page.GetByTestId("rate-form")).ToBeHiddenAsync();

        // Staff handle it through the API; the resident looks again and rates it.
        await admin.Act(issue.Id, "respond", "called the resident");
        await admin.Act(issue.Id, "resolve", "pipe flushed");
        await page.GetByTestId("find").ClickAsync();
        await Expect(page.GetByTestId("tracked-status")).ToHaveTextAsync("已解决");
        await Expect(page.GetByTestId("step").Last).ToHaveAttributeAsync("data-action", "resolve");
        await Expect(page.GetByTestId("rate-form")).ToBeVisibleAsync();
        await page.GetByTestId("rate-satisfied").CheckAsync();
        await page.GetByTestId("rate-submit").ClickAsync();
        await Expect(page.GetByTestId("rating")).ToHaveTextAsync("您的评价：满意");
        await Expect(page.GetByTestId("rate-form")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("track-rated.png"), FullPage = true });
        Assert.Equal("satisfied", (await new ApiClient(host.Client()).Get<TrackedIssue>($"/api/track/{code}")).Rating);

        await page.GetByTestId("lang-toggle").ClickAsync();
        await Expect(page.GetByTestId("tracked-status")).ToHaveTextAsync("resolved");
        await Expect(page.GetByTestId("rating")).ToHaveTextAsync("Your rating: Satisfied");
        await page.GetByTestId("lang-toggle").ClickAsync();

        // An unknown code says so.
        await page.GetByTestId("code").FillAsync(code + "x");
        await page.GetByTestId("find").ClickAsync();
        await Expect(page.GetByTestId("error")).ToHaveTextAsync("未找到该查询码对应的事项。");
        Assert.Empty(browser.Errors);
    }
}
