using System.Globalization;
using System.Text.RegularExpressions;
using GridGov.Grains.Rollups;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GridGov.Tests.Browser;

/// <summary>
/// The year-end report (年度报告) in a real browser: a 2025 lived through the HTTP API on a host whose clock then
/// moves into 2026; the page's headline, rankings and charts equal the rollup API; it prints to an A4 PDF whose text
/// holds the figures and Chinese set in the shipped font; it switches to English and drills down to a street; and a
/// year closed through the API shows when it was closed and a later rating's amendment beside the published figure.
/// The year is lived once for the class (<see cref="PastYearFixture.Once{T}"/>): the tests share the host's clock.
/// </summary>
[Trait("Category", "Browser")]
public sealed class YearEndReportTests(PastYearFixture fixture, ITestOutputHelper output) : IClassFixture<PastYearFixture>
{
    private const int Year = 2025;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private enum Outcome { ResolvedSatisfied, ResolvedBasically, ResolvedUnrated, ClosedBasically, ClosedUnrated, LeftOpen }

    /// <summary>The districts of the lived year: one for the report, one to close.</summary>
    private sealed record LivedYear(TestDistrict Report, int Accepted, TestDistrict Closing, string LateRater);

    [Fact]
    public async Task The_report_of_a_past_year_equals_the_API_and_prints_to_an_A4_PDF()
    {
        var host = fixture.Host;
        var lived = await fixture.Once(LiveTheYear);
        var d = lived.Report;
        var admin = new ApiClient(host.Client("admin"));
        var seeded = lived.Accepted;

        var district = await admin.Get<RollupDetailView>($"/api/rollups/{Year}/districts/{d.Id}");
        var figures = district.Unit.Figures;
        Assert.Equal(seeded, figures.Accepted);
        Assert.NotNull(figures.Resolution.Value);
        var communities = await admin.Get<RollupListView>($"/api/rollups/{Year}?level=community&district={d.Id}");
        var streets = await admin.Get<RollupListView>($"/api/rollups/{Year}?level=street&district={d.Id}");
        Assert.Contains(communities.Units, u => u.Rank is null); // one community is listed apart
        Assert.Contains(communities.Units, u => u.Rank is not null);

        await using var browser = await fixture.Open(A4Screen);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/yearend.html#year={Year}&level=district&id={d.Id}&token={host.Token("admin")}"));
        await ExpectReady(page);
        Assert.DoesNotContain("token=", page.Url);

        // The headline: the structure's counts and the API's figures, formatted for zh-CN.
        var placed = d.Structure.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).ToList();
        await Expect(page.GetByTestId("headline-deputies")).ToHaveTextAsync(Count(placed.SelectMany(g => g.Deputies).Distinct().Count()));
        await Expect(page.GetByTestId("headline-communities")).ToHaveTextAsync(Count(d.Structure.Streets.Sum(s => s.Communities.Count)));
        await Expect(page.GetByTestId("headline-grids")).ToHaveTextAsync(Count(placed.Count));
        await Expect(page.GetByTestId("headline-accepted")).ToHaveTextAsync(Count(figures.Accepted));
        await Expect(page.GetByTestId("headline-resolution")).ToHaveTextAsync(Rate(figures.Resolution));
        await Expect(page.GetByTestId("headline-satisfaction")).ToHaveTextAsync(Rate(figures.Satisfaction));
        var headline = await page.GetByTestId("headline").InnerTextAsync();
        Assert.Matches(@$"^{Year}年，全区\d+名代表进驻\d+个社区\d+个网格，受理群众反映问题[\d,]+件，解决率[\d.]+%，满意率([\d.]+%|暂无数据)。$", headline);
        await Expect(page.Locator("[data-testid=figure-composite] .published")).ToHaveTextAsync(Rate(figures.Composite));
        await Expect(page.GetByTestId("period")).ToContainTextAsync($"统计期：{Year}年1月至{Year}年12月");
        await Expect(page.GetByTestId("closed")).ToHaveAttributeAsync("data-closed", "false"); // not closed: figures may still change
        await Expect(page.GetByTestId("closed")).ToContainTextAsync("未封账");

        // Rankings: the API's ranks in order; units with no rank apart.
        await ExpectRanking(page, "street", streets);
        await ExpectRanking(page, "community", communities);
        await Expect(page.GetByTestId("community-too-few")).ToContainTextAsync("样本不足");
        // The month chart has twelve months, the category chart one bar pair per category with issues.
        await Expect(page.Locator("[data-testid=months-table] tbody tr")).ToHaveCountAsync(13); // and the total
        await Expect(page.Locator("#chart-months svg")).ToHaveCountAsync(1);
        Assert.True(await browser.NotoSansScLoaded(), "Noto Sans SC is not loaded");
        Assert.Empty(browser.Errors);

        var screenshot = BrowserPage.Shot("yearend-district.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        await page.GetByTestId("section-overview").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserPage.Shot("yearend-district-overview.png") });
        await page.GetByTestId("section-detail").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserPage.Shot("yearend-district-detail.png") });
        await page.GetByTestId("section-ranking-2").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserPage.Shot("yearend-district-communities.png") });
        var pdf = BrowserPage.Shot("yearend-district.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        output.WriteLine($"screenshot: {screenshot}");
        output.WriteLine($"pdf: {pdf}");

        // The PDF: A4 pages, the headline's figures and Chinese text as text (the shipped font carries a ToUnicode map).
        using (var document = PdfDocument.Open(pdf))
        {
            var pages = document.GetPages().ToList();
            Assert.True(pages.Count >= 4, $"{pages.Count} pages: overview, detail and two rankings start pages of their own");
            // A4 is 595.3 x 841.9 pt; Chromium rounds the sheet to whole hundredths of an inch (595.9 x 842.9).
            Assert.All(pages, p => Assert.True(Math.Abs(p.Width - 595.3) < 2 && Math.Abs(p.Height - 841.9) < 2, $"{p.Width} x {p.Height} is not A4"));
            var texts = pages.Select(p => Regex.Replace(p.Text, @"\s+", "")).ToList();
            for (var i = 0; i < texts.Count; i++) output.WriteLine($"pdf page {i + 1}: {texts[i][..Math.Min(120, texts[i].Length)]}");
            var text = string.Concat(texts);
            // Page 1 holds the headline and the whole month chart (its last axis label); each ranking starts a page of its own.
            Assert.Contains("受理群众反映问题", texts[0]);
            Assert.Contains("12月", texts[0]);
            Assert.Matches(@"^\d+/\d+街道排名", texts.Single(x => x.Contains("街道排名"))); // after the page number in the bottom margin
            Assert.Matches(@"^\d+/\d+社区排名", texts.Single(x => x.Contains("社区排名")));
            Assert.Contains($"受理群众反映问题{Count(figures.Accepted)}件，解决率{Rate(figures.Resolution)}", text);
            Assert.Contains("解决率", text);
            Assert.Contains("测试区", text);
            Assert.Contains("社区排名", text);
            Assert.DoesNotContain("打印", text); // no navigation chrome on paper
        }

        // English: the same figures in an English sentence.
        await page.GetByTestId("lang-toggle").ClickAsync();
        await ExpectReady(page);
        await Expect(page.GetByTestId("headline")).ToContainTextAsync($"In {Year}, ");
        await Expect(page.GetByTestId("headline")).ToContainTextAsync($"resolution rate {Rate(figures.Resolution)}");
        await Expect(page.GetByTestId("headline-accepted")).ToHaveTextAsync(Count(figures.Accepted));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("yearend-district-en.png"), FullPage = true });
        await page.GetByTestId("lang-toggle").ClickAsync();
        await ExpectReady(page);

        // Drill down to street 1: its own figures and its communities.
        var street = await admin.Get<RollupDetailView>($"/api/rollups/{Year}/streets/{d.Street(1)}");
        await page.GetByTestId("pick-street").SelectOptionAsync(d.Street(1));
        await ExpectReady(page);
        Assert.EndsWith($"#year={Year}&level=street&id={d.Street(1)}", page.Url);
        await Expect(page.GetByTestId("unit-line")).ToHaveTextAsync("测试区 · 第1街道");
        await Expect(page.GetByTestId("headline-accepted")).ToHaveTextAsync(Count(street.Unit.Figures.Accepted));
        await Expect(page.GetByTestId("headline-resolution")).ToHaveTextAsync(Rate(street.Unit.Figures.Resolution));
        await Expect(page.GetByTestId("community-row")).ToHaveCountAsync(communities.Units.Count(u => u.StreetId == d.Street(1)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("yearend-street.png"), FullPage = true });
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_closed_year_shows_when_it_was_closed_and_amended_figures_beside_the_published()
    {
        var host = fixture.Host;
        var lived = await fixture.Once(LiveTheYear);
        var d = lived.Closing;
        var admin = new ApiClient(host.Client("admin"));
        var close = await admin.Http.PostAsync($"/api/years/{Year}/close?district={d.Id}", null);
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        var closedAt = TimeZoneInfo.ConvertTime(host.Settings.Time.GetUtcNow(), Shanghai);
        // After closing: the second resident's late rating (unsatisfied, which reopens the issue) is an amendment.
        await new ApiClient(host.Client()).Rate(lived.LateRater, "unsatisfied");
        var detail = await admin.Get<RollupDetailView>($"/api/rollups/{Year}/districts/{d.Id}");
        Assert.Equal("100.0%", detail.Unit.Figures.Satisfaction.Display); // published: one rating, satisfied
        Assert.Equal("50.0%", detail.Unit.Amended?.Satisfaction.Display); // amended: one of two satisfied

        await using var browser = await fixture.Open(A4Screen);
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/yearend.html#year={Year}&level=district&id={d.Id}&token={host.Token("admin")}"));
        await ExpectReady(page);
        await Expect(page.GetByTestId("closed")).ToHaveTextAsync(new Regex($"^已封账 · {closedAt.Year}年{closedAt.Month}月{closedAt.Day}日 · \\S*admin"));
        await Expect(page.GetByTestId("headline-satisfaction")).ToHaveTextAsync("100.0%");
        await Expect(page.GetByTestId("headline-satisfaction-amended")).ToHaveTextAsync("50.0%");
        await Expect(page.GetByTestId("headline")).ToContainTextAsync("满意率100.0%（修正后 50.0%）");
        await Expect(page.Locator("[data-testid=figure-satisfaction] .amended")).ToHaveTextAsync("修正后 50.0%");
        await Expect(page.Locator("[data-testid=figure-response] .amended")).ToHaveCountAsync(0); // unchanged: nothing beside
        await page.GetByTestId("lang-toggle").ClickAsync();
        await ExpectReady(page);
        await Expect(page.GetByTestId("closed")).ToContainTextAsync($"Closed on {closedAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserPage.Shot("yearend-closed-en.png") });
        Assert.Empty(browser.Errors);

        // A wall display may not read the structure: the headline counts communities and grids from the rollups and
        // names no deputies.
        await using var wall = await fixture.Open(A4Screen);
        await wall.Page.GotoAsync(fixture.Url($"/dashboard/yearend.html#year={Year}&level=district&id={d.Id}&token={await admin.DisplayToken("年报")}"));
        await ExpectReady(wall.Page);
        await Expect(wall.Page.GetByTestId("headline-deputies")).ToHaveCountAsync(0);
        await Expect(wall.Page.GetByTestId("headline")).ToContainTextAsync($"{Year}年，全区4个社区8个网格共受理群众反映问题2件，解决率100.0%");
        await Expect(wall.Page.GetByTestId("closed")).ToHaveAttributeAsync("data-closed", "true");
        Assert.Empty(wall.Errors);
    }

    // ---- living a past year -----------------------------------------------------------------------------

    /// <summary>
    /// The report district's year (<see cref="SeedYear"/>), and a second district with two issues resolved on New
    /// Year's Eve, one rated satisfied and one left to rate after the year is closed; then the clock moves to 2 January.
    /// </summary>
    private async Task<LivedYear> LiveTheYear()
    {
        var admin = new ApiClient(fixture.Host.Client("admin"));
        var report = TestDistrict.Create();
        await admin.Import(report.Structure);
        var accepted = await SeedYear(report, admin);
        var closing = TestDistrict.Create();
        await admin.Import(closing.Structure);
        var resident = new ApiClient(fixture.Host.Client());
        ForwardTo(new DateTime(Year, 12, 31, 15, 0, 0));
        var first = await resident.Submit(closing.Grid(1, 1, 1));
        var second = await resident.Submit(closing.Grid(2, 1, 1), "楼道堆物");
        foreach (var issue in new[] { first, second })
        {
            await admin.Act(issue.Id, "respond", "called back");
            await admin.Act(issue.Id, "resolve", "done");
        }
        await resident.Rate(first.TrackingCode, "satisfied");
        ForwardTo(new DateTime(Year + 1, 1, 2, 10, 0, 0));
        return new LivedYear(report, accepted, closing, second.TrackingCode);
    }

    /// <summary>
    /// Lives through the year on the host's clock: issues filed month by month over the HTTP API (various grids,
    /// categories and channels), answered, resolved or closed and rated. Street 2's community 2 gets one issue only,
    /// too few to rank. Returns how many were filed (all accepted: the district accepts automatically).
    /// </summary>
    private async Task<int> SeedYear(TestDistrict d, ApiClient admin)
    {
        var resident = new ApiClient(fixture.Host.Client());
        string[] categories = ["roads", "property", "water", "elderly", "refuse", "security"];
        string[] channels = ["hotline", "online", "reception", "liaisonStation", "deputyVisit"];
        var plan = new (int Month, string Grid, Outcome Outcome)[]
        {
            (3, d.Grid(1, 1, 1), Outcome.ResolvedSatisfied), (3, d.Grid(1, 1, 2), Outcome.ResolvedBasically), (3, d.Grid(2, 1, 1), Outcome.ResolvedSatisfied),
            (4, d.Grid(1, 2, 1), Outcome.ResolvedSatisfied), (4, d.Grid(2, 1, 2), Outcome.ClosedBasically),
            (5, d.Grid(1, 1, 1), Outcome.ResolvedUnrated), (5, d.Grid(1, 2, 2), Outcome.ResolvedSatisfied), (5, d.Grid(2, 1, 1), Outcome.ResolvedSatisfied),
            (6, d.Grid(1, 2, 1), Outcome.ClosedUnrated), (7, d.Grid(2, 1, 1), Outcome.ResolvedBasically), (7, d.Grid(1, 1, 2), Outcome.ResolvedSatisfied),
            (8, d.Grid(2, 2, 1), Outcome.ResolvedSatisfied), (9, d.Grid(1, 1, 1), Outcome.ResolvedSatisfied), (9, d.Grid(2, 1, 2), Outcome.ResolvedSatisfied),
            (10, d.Grid(1, 2, 2), Outcome.ResolvedBasically), (11, d.Grid(2, 1, 1), Outcome.ResolvedSatisfied), (11, d.Grid(1, 1, 2), Outcome.LeftOpen),
            (12, d.Grid(1, 2, 1), Outcome.ResolvedSatisfied),
        };
        var n = 0;
        foreach (var (month, grid, outcome) in plan)
        {
            ForwardTo(new DateTime(Year, month, 10 + n % 15, 9, 0, 0));
            var issue = await resident.Submit(grid, $"问题{n}", categories[n % categories.Length], channels[n % channels.Length]);
            n++;
            if (outcome == Outcome.LeftOpen) continue; // past its time limit by the year's end: counts against the resolution rate
            fixture.Host.Settings.Time.Advance(TimeSpan.FromHours(1));
            await admin.Act(issue.Id, "respond", "called the resident");
            fixture.Host.Settings.Time.Advance(TimeSpan.FromHours(2 + 5 * (n % 4)));
            if (outcome is Outcome.ClosedBasically or Outcome.ClosedUnrated) await admin.Act(issue.Id, "close", "outside jurisdiction");
            else await admin.Act(issue.Id, "resolve", "done");
            fixture.Host.Settings.Time.Advance(TimeSpan.FromHours(1));
            var rating = outcome switch
            {
                Outcome.ResolvedSatisfied => "satisfied",
                Outcome.ResolvedBasically or Outcome.ClosedBasically => "basicallySatisfied",
                _ => null,
            };
            if (rating is not null) await resident.Rate(issue.TrackingCode, rating);
        }
        return plan.Length;
    }

    /// <summary>Moves the host's domain clock forward to a local time in Shanghai.</summary>
    private void ForwardTo(DateTime shanghai)
    {
        var at = new DateTimeOffset(shanghai, Shanghai.GetUtcOffset(shanghai));
        var time = fixture.Host.Settings.Time;
        if (at > time.GetUtcNow()) time.Advance(at - time.GetUtcNow());
    }

    // ---- the page --------------------------------------------------------------------------------------

    /// <summary>A desktop browser about an A4 sheet wide, in Chinese and the district's time zone.</summary>
    private static BrowserNewContextOptions A4Screen => new()
    {
        ViewportSize = new ViewportSize { Width = 1000, Height = 1200 },
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };

    /// <summary>The page marks itself ready once everything is drawn, the charts have finished and the fonts are in.</summary>
    private static Task ExpectReady(IPage page) => Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");

    private static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Rate(RollupRate r) => r.Value is null ? "暂无数据" : r.Display;

    private static async Task ExpectRanking(IPage page, string level, RollupListView list)
    {
        var ranked = list.Units.Where(u => u.Rank is not null).OrderBy(u => u.Rank).ToList();
        var rows = page.Locator($"[data-testid={level}-ranking-ranked] [data-testid={level}-row]");
        await Expect(rows).ToHaveCountAsync(ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            await Expect(rows.Nth(i)).ToHaveAttributeAsync("data-id", ranked[i].Id);
            await Expect(rows.Nth(i).Locator("td.rank")).ToHaveTextAsync(ranked[i].Rank!.Value.ToString(CultureInfo.InvariantCulture));
            await Expect(rows.Nth(i).Locator("td.composite .published")).ToHaveTextAsync(Rate(ranked[i].Figures.Composite));
        }
        var apart = list.Units.Where(u => u.Rank is null).Select(u => u.Id).ToList();
        await Expect(page.Locator($"[data-testid={level}-ranking-unranked] [data-testid={level}-row]")).ToHaveCountAsync(apart.Count);
    }
}
