using System.Globalization;
using System.Text.RegularExpressions;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GridGov.Tests.Browser;

/// <summary>
/// The year-end report of a replayed year (<see cref="ReplayedYearFixture"/>): the page's headline equals the rollup
/// API and the replay's own tally, and Chromium prints it to a PDF whose text (read with PdfPig) holds the headline
/// figures and Chinese text.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReplayedYearReportTests(ReplayedYearFixture fixture, ITestOutputHelper output) : IClassFixture<ReplayedYearFixture>
{
    private const int Year = ReplayedYearFixture.Year;

    [Fact]
    public async Task The_report_of_a_replayed_year_shows_its_figures_on_screen_and_in_the_PDF()
    {
        var host = fixture.Host;
        var d = fixture.District;
        var admin = new ApiClient(host.Client("admin"));
        var figures = (await admin.Get<RollupDetailView>($"/api/rollups/{Year}/districts/{d.Id}")).Unit.Figures;
        Assert.Equal(fixture.Summary.Accepted, figures.Accepted);
        Assert.Equal(fixture.Summary.Received, figures.Received);
        Assert.True(figures.Accepted > 50, $"{figures.Accepted} accepted: a replayed year at this scale has about a hundred");

        await using var browser = await fixture.Open(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1000, Height = 1200 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = browser.Page;
        await page.GotoAsync(fixture.Url($"/dashboard/yearend.html#year={Year}&level=district&id={d.Id}&token={host.Token("admin")}"));
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");
        var accepted = figures.Accepted.ToString("#,0", CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("headline-accepted")).ToHaveTextAsync(accepted);
        await Expect(page.GetByTestId("headline-resolution")).ToHaveTextAsync(figures.Resolution.Display);
        await Expect(page.GetByTestId("headline-satisfaction")).ToHaveTextAsync(figures.Satisfaction.Display);

        var screenshot = BrowserPage.Shot("yearend-replayed.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        var pdf = BrowserPage.Shot("yearend-replayed.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        output.WriteLine($"screenshot: {screenshot}\npdf: {pdf}");

        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => Regex.Replace(p.Text, @"\s+", "")));
        Assert.Contains($"受理群众反映问题{accepted}件，解决率{figures.Resolution.Display}，满意率{figures.Satisfaction.Display}", text);
        Assert.Contains("年度人大代表网格工作报告", text);
        Assert.Contains("社区排名", text);
        Assert.Empty(browser.Errors);
    }
}
