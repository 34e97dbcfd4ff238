using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GridGov.Grains.Domain;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGov.Tests.Browser;

/// <summary>
/// What the pages take from the API rather than from their own copies: dates in the district's time zone (Los Angeles,
/// while the browser sits in Shanghai), a category the host's catalogue adds (噪声扰民) on the command center, the
/// deputy workbench, the resident's report and tracking pages and the year-end report, and the report's formula with
/// the weights the closed year was scored with (0.2 / 0.3 / 0.5).
/// </summary>
[Trait("Category", "Browser")]
public sealed class DistrictSettingsPagesTests(OtherZoneFixture fixture) : IClassFixture<OtherZoneFixture>
{
    private const string Noise = "噪声扰民";

    [Fact]
    public async Task The_catalogue_is_served_anonymously_cacheable_and_with_the_added_category()
    {
        var http = fixture.Host.Client();
        var response = await http.GetAsync("/api/categories");
        await ApiClient.Expect(response, HttpStatusCode.OK);
        var categories = (await response.Content.ReadFromJsonAsync<List<CategoryView>>(ApiClient.Json))!;
        Assert.Equal(CategoryCatalogue.Default.All.Count + 1, categories.Count);
        Assert.Equal(new CategoryView("water", "饮用水", "Drinking water"), categories.Single(c => c.Id == "water"));
        Assert.Equal(new CategoryView("noise", Noise, "Noise nuisance"), categories[^1]);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.NotNull(response.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/categories") { Headers = { IfNoneMatch = { response.Headers.ETag! } } };
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);
        using var csv = new HttpRequestMessage(HttpMethod.Get, "/api/categories") { Headers = { Accept = { new("text/csv") } } };
        var refused = await http.SendAsync(csv);
        Assert.Equal(HttpStatusCode.NotAcceptable, refused.StatusCode);
        Assert.Equal("not-acceptable", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_mobile_pages_show_the_district_zone_dates_and_the_added_category()
    {
        var host = fixture.Host;
        var d = fixture.District;

        // The resident's tracking page: received on New Year's Eve in Los Angeles (1 January 15:00 in Shanghai).
        await using var phone = await fixture.Open(BrowserPage.Phone);
        var page = phone.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/track.html#code={fixture.EveIssue.TrackingCode}"));
        await Expect(page.GetByTestId("tracked-received")).ToHaveTextAsync(Short(OtherZoneFixture.Start));
        await Expect(page.GetByTestId("tracked-category")).ToHaveTextAsync(Noise);

        // The report form offers the added category, named from the catalogue.
        await page.GotoAsync(fixture.Url($"/dashboard/report.html#district={d.Id}"));
        await Expect(page.GetByTestId("pick-category").Locator("option[value='noise']")).ToHaveTextAsync(Noise);
        await Expect(page.GetByTestId("pick-category").Locator("option[value='water']")).ToHaveTextAsync("饮用水");

        // The deputy's workbench: a new noise issue, its due time and its receipt in Los Angeles time.
        var filed = await new ApiClient(host.Client()).Submit(d.Grid(1, 1, 2), "广场舞音响", category: "noise");
        Assert.Equal(d.Deputy(1), filed.AssignedDeputyId);
        var issue = await new ApiClient(host.Client("admin")).Get<IssueView>($"/api/issues/{filed.Id}");
        await page.GotoAsync(fixture.Url($"/dashboard/deputy.html#token={host.Token("deputy", d.Deputy(1))}"));
        var item = page.Locator($"[data-testid=issue-item][data-id='{filed.Id}']");
        await Expect(item).ToContainTextAsync(Noise);
        await Expect(item).ToContainTextAsync(Short(issue.DueAt!.Value));
        await item.ClickAsync();
        await Expect(page.GetByTestId("detail-category")).ToHaveTextAsync(Noise);
        await Expect(page.GetByTestId("detail-received")).ToHaveTextAsync(Short(issue.ReceivedAt));
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task The_command_center_shows_event_times_in_the_district_zone_and_the_added_category()
    {
        var host = fixture.Host;
        var d = fixture.District;
        await using var wall = await fixture.Open(BrowserPage.WallScreen);
        var page = wall.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/#token={host.Token("admin")}&district={d.Id}"));
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.GetByTestId("heat-cell")).ToHaveCountAsync(8); // subscribed: events from now on reach the feed
        var filed = await new ApiClient(host.Client()).Submit(d.Grid(2, 1, 1), "夜间装修", category: "noise");
        var issue = await new ApiClient(host.Client("admin")).Get<IssueView>($"/api/issues/{filed.Id}");
        var item = page.Locator($"[data-testid=feed-item][data-id='{filed.Id}']").First;
        await Expect(item.Locator(".what")).ToHaveTextAsync(Noise);
        await Expect(item.Locator(".time")).ToHaveTextAsync(InZone(issue.AcceptedAt ?? issue.ReceivedAt).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.Empty(wall.Errors);
    }

    [Fact]
    public async Task The_year_end_report_states_the_frozen_weights_the_zone_dates_and_the_added_category()
    {
        var host = fixture.Host;
        var d = fixture.District;
        await using var browser = await fixture.Open(BrowserPage.WallScreen);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/yearend.html#year=2025&level=district&id={d.Id}&token={host.Token("admin")}"));
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");
        await Expect(page.GetByTestId("notes")).ToContainTextAsync("综合得分 = 0.2×响应率 + 0.3×解决率 + 0.5×加权满意率");
        await Expect(page.GetByTestId("notes")).Not.ToContainTextAsync("0.1×响应率");
        await Expect(page.Locator("[data-ranked-by]").First).ToHaveTextAsync("按综合得分排名；综合得分 = 0.2×响应率 + 0.3×解决率 + 0.5×加权满意率。");
        // Closed on 2 January in Los Angeles (3 January in Shanghai).
        await Expect(page.GetByTestId("closed")).ToHaveTextAsync(new Regex("^已封账 · 2026年1月2日"));
        await Expect(page.GetByTestId("categories-table")).ToContainTextAsync(Noise);
        await page.GetByTestId("lang-toggle").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");
        await Expect(page.GetByTestId("notes")).ToContainTextAsync("composite score = 0.2 x response + 0.3 x resolution + 0.5 x weighted satisfaction");
        await Expect(page.GetByTestId("categories-table")).ToContainTextAsync("Noise nuisance");
        Assert.Empty(browser.Errors);
    }

    private static DateTime InZone(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, OtherZoneFixture.LosAngeles).DateTime;

    /// <summary>The mobile pages' short date and time in zh-CN ("12/31 23:00"), in the district's zone.</summary>
    private static string Short(DateTimeOffset at) => InZone(at).ToString("MM/dd HH:mm", CultureInfo.InvariantCulture);
}
