using GridGov.Silo.Api;
using GridGov.Silo.Auth;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGov.Tests.Browser;

/// <summary>
/// The deputy workbench on a phone-sized browser: the deputy's issues by due time, a newly assigned issue
/// appearing live with a notice (no reload), details and history, respond and resolve from the page, a refused
/// action shown from the problem's title, and the district's resolution rate moving accordingly.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WorkbenchTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_deputy_sees_a_new_issue_live_and_resolves_it_from_the_workbench()
    {
        var host = fixture.Host;
        var d = TestDistrict.Create(); // deputy 1 serves street 1, community 1: grids s1-c1-g1 and s1-c1-g2
        var admin = new ApiClient(host.Client("admin"));
        var resident = new ApiClient(host.Client());
        await admin.Import(d.Structure);
        var first = await resident.Submit(d.Grid(1, 1, 1), title: "楼道灯坏了", category: "property");
        Assert.Equal(d.Deputy(1), first.AssignedDeputyId);
        var before = await admin.WaitForScope("districts", d.Id, d.Grid(1, 1, 1), first.Commit);
        Assert.Null(before.Figures.Year.Rates.Resolution.Value);
        var deputyToken = host.Services.GetRequiredService<TokenIssuer>().Issue("deputy", deputyId: d.Deputy(1));

        await using var browser = await fixture.Open(BrowserPage.Phone);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/deputy.html#token={deputyToken}"));
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "live");
        var items = page.GetByTestId("issue-item");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.First).ToHaveAttributeAsync("data-id", first.Id);
        await Expect(items.First).ToContainTextAsync("楼道灯坏了");
        await Expect(items.First.GetByTestId("issue-status")).ToHaveTextAsync("已派单");
        await Expect(page.GetByTestId("notice")).ToBeHiddenAsync();
        var loadId = await page.EvaluateAsync<string>("() => window.__gridgovLoadId");
        Assert.False(string.IsNullOrEmpty(loadId));
        Assert.DoesNotContain("token=", page.Url);

        // A resident files an issue in the deputy's other grid: it appears without a reload, with a notice, after the earlier one.
        host.Settings.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await resident.Submit(d.Grid(1, 1, 2), title: "小区门口积水", category: "sewage");
        Assert.Equal(d.Deputy(1), second.AssignedDeputyId);
        await Expect(items).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("新派单：小区门口积水");
        await Expect(items.Nth(0)).ToHaveAttributeAsync("data-id", first.Id); // earliest due first
        await Expect(items.Nth(1)).ToHaveAttributeAsync("data-id", second.Id);
        await Expect(items.Nth(1)).ToContainTextAsync("污水处理");
        await Expect(items.Nth(1).GetByTestId("issue-place")).ToHaveTextAsync("第1街道 第1社区 第2网格");
        Assert.Equal(loadId, await page.EvaluateAsync<string>("() => window.__gridgovLoadId"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("workbench-list.png") });

        // A refused action shows the problem's title: the first issue was responded to meanwhile through the API.
        await page.Locator($"[data-testid=issue-item][data-id='{first.Id}']").ClickAsync();
        await Expect(page.GetByTestId("detail-status")).ToHaveTextAsync("已派单");
        await admin.Act(first.Id, "respond", "operator called");
        await page.GetByTestId("action-respond").ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Cannot respond");
        await page.GetByTestId("back").ClickAsync();

        // Open the new issue: details and history, then respond and resolve with a note.
        await page.Locator($"[data-testid=issue-item][data-id='{second.Id}']").ClickAsync();
        await Expect(page.GetByTestId("detail-title")).ToHaveTextAsync("小区门口积水");
        await Expect(page.GetByTestId("detail-grid")).ToHaveTextAsync("第1街道 第1社区 第2网格");
        await Expect(page.GetByTestId("detail-status")).ToHaveTextAsync("已派单");
        await Expect(page.GetByTestId("error")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("history-item").First).ToHaveAttributeAsync("data-action", "submit");
        await page.GetByTestId("action-respond").ClickAsync();
        await Expect(page.GetByTestId("detail-status")).ToHaveTextAsync("已联系");
        await Expect(page.GetByTestId("history-item").Last).ToHaveAttributeAsync("data-action", "respond");

        await page.GetByTestId("action-resolve").ClickAsync(); // no note: asked for one, nothing sent
        await Expect(page.GetByTestId("error")).ToHaveTextAsync("请填写说明或原因。");
        await Expect(page.GetByTestId("detail-status")).ToHaveTextAsync("已联系");
        await page.GetByTestId("action-note").FillAsync("已疏通下水道");
        await page.GetByTestId("action-resolve").ClickAsync();
        await Expect(page.GetByTestId("detail-status")).ToHaveTextAsync("已解决");
        await Expect(page.GetByTestId("error")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("history-item").Last).ToHaveAttributeAsync("data-action", "resolve");
        await Expect(page.GetByTestId("history-item").Last).ToContainTextAsync("已疏通下水道");
        await Expect(page.GetByTestId("actions").Locator("button")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("action-note")).ToBeHiddenAsync(); // nothing left to do
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("workbench-resolved.png"), FullPage = true });

        var issue = await admin.Get<IssueView>($"/api/issues/{second.Id}");
        Assert.Equal("resolved", issue.Status);
        Assert.Equal("已疏通下水道", issue.Outcome);

        // The command center's figures follow: one decided case, resolved: 100.0%.
        var grid = await admin.Get<GridView>($"/api/grids/{d.Grid(1, 1, 2)}");
        var after = await admin.WaitForScope("districts", d.Id, d.Grid(1, 1, 2), grid.Commit);
        Assert.Equal("100.0%", after.Figures.Year.Rates.Resolution.Display);

        // English: the same page, English labels.
        await page.GetByTestId("lang-toggle").ClickAsync();
        await Expect(page.GetByTestId("detail-status")).ToHaveTextAsync("resolved");
        await page.GetByTestId("back").ClickAsync();
        await Expect(page.Locator($"[data-testid=issue-item][data-id='{first.Id}'] [data-testid=issue-status]")).ToHaveTextAsync("responded");
        await page.GetByTestId("lang-toggle").ClickAsync();

        Assert.True(await browser.NotoSansScLoaded(), "Noto Sans SC is not loaded");
        Assert.Equal(loadId, await page.EvaluateAsync<string>("() => window.__gridgovLoadId"));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task An_issue_past_its_deadline_is_marked_overdue_live()
    {
        var host = fixture.Host;
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure);
        var urgent = await new ApiClient(host.Client()).Submit(d.Grid(2, 1, 1), title: "燃气泄漏", category: "building", sla: "emergency");
        Assert.Equal(d.Deputy(3), urgent.AssignedDeputyId);
        var deputyToken = host.Services.GetRequiredService<TokenIssuer>().Issue("deputy", deputyId: d.Deputy(3));

        await using var browser = await fixture.Open(BrowserPage.Phone);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/deputy.html#token={deputyToken}"));
        var item = page.Locator($"[data-testid=issue-item][data-id='{urgent.Id}']");
        await Expect(item).ToHaveAttributeAsync("data-overdue", "false");
        await Expect(item.GetByTestId("overdue-flag")).ToHaveCountAsync(0);

        host.Settings.Time.Advance(urgent.DueAt!.Value - host.Settings.Time.GetUtcNow() + TimeSpan.FromTicks(1));
        await Expect(item).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(item.GetByTestId("overdue-flag")).ToHaveTextAsync("已超期");
        await Expect(item).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\boverdue\b"));
    }
}
