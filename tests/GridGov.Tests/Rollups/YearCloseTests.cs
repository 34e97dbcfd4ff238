using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridGov.Grains.Rollups;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Rollups;

/// <summary>
/// Closing a year over HTTP, on hosts of their own (the fake clock moves into the next year): who may close, when, and
/// only once; a closed year's rollups keep their published figures while late ratings and reopened issues show as
/// amendments beside them; and a restarted host still serves the frozen figures.
/// </summary>
public sealed class YearCloseTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Moves the host's clock to a local (Shanghai) time, forward only.</summary>
    private static void MoveTo(HostSettings s, int year, int month, int day, int hour)
    {
        var target = new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));
        Assert.True(target > s.Time.GetUtcNow(), "the clock only moves forward");
        s.Time.Advance(target - s.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_year_closes_once_by_an_admin_and_only_after_it_has_ended()
    {
        var settings = HostSettings.Fresh();
        await using var host = new GridGovHost(settings);
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure);
        await admin.Submit(d.Grid(1, 1, 1));
        var year = settings.Time.GetUtcNow().Year;

        var early = await admin.Http.PostAsync($"/api/years/{year}/close?district={d.Id}", null);
        await AssertProblem(early, HttpStatusCode.Conflict, "year.notOver");
        var open = await admin.Get<YearView>($"/api/years/{year}?district={d.Id}");
        Assert.Equal(new YearView(d.Id, year, false, null), open);

        MoveTo(settings, year + 1, 1, 1, 0); // midnight in Shanghai: the year has just ended there
        var op = host.Client("operator");
        var display = host.CreateClient();
        display.DefaultRequestHeaders.Authorization = new("Bearer", await admin.DisplayToken("wall"));
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsync($"/api/years/{year}/close?district={d.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.PostAsync($"/api/years/{year}/close?district={d.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("deputy", d.Deputy(1)).GetAsync($"/api/years/{year}?district={d.Id}")).StatusCode);
        await AssertProblem(await admin.Http.PostAsync($"/api/years/{year}/close?district=nosuch", null), HttpStatusCode.NotFound, "district.unknown");
        await AssertProblem(await admin.Http.PostAsync($"/api/years/{year + 1}/close?district={d.Id}", null), HttpStatusCode.Conflict, "year.notOver");
        Assert.Equal(new YearView(d.Id, year, true, null), await new ApiClient(op).Get<YearView>($"/api/years/{year}?district={d.Id}"));

        var closing = await admin.Http.PostAsync($"/api/years/{year}/close?district={d.Id}", null);
        await ApiClient.Expect(closing, HttpStatusCode.OK);
        var closed = (await closing.Content.ReadFromJsonAsync<YearView>(ApiClient.Json))!;
        var expected = new YearView(d.Id, year, true, new ClosedView(settings.Time.GetUtcNow(), "admin:admin"));
        Assert.Equal(expected, closed);
        await AssertProblem(await admin.Http.PostAsync($"/api/years/{year}/close?district={d.Id}", null), HttpStatusCode.Conflict, "year.closed");

        var wall = new ApiClient(display);
        Assert.Equal(expected, await wall.Get<YearView>($"/api/years/{year}?district={d.Id}"));
        Assert.Equal(expected, await new ApiClient(op).Get<YearView>($"/api/years/{year}?district={d.Id}"));
        var list = await wall.Get<RollupListView>($"/api/rollups/{year}?district={d.Id}");
        Assert.Equal(expected.Closed, list.Header.Closed);
        Assert.Equal(expected.Closed!.ClosedAt, list.Header.ReadAt);
        Assert.Contains(list.Header.Notes, n => n.Contains("amended", StringComparison.Ordinal));
        // The new year is open: no closed header, no amendments.
        Assert.Null((await wall.Get<RollupListView>($"/api/rollups/{year + 1}?district={d.Id}")).Header.Closed);
    }

    [Fact]
    public async Task A_closed_year_keeps_its_published_figures_and_shows_late_changes_as_amendments()
    {
        var settings = HostSettings.Fresh();
        var d = TestDistrict.Create();
        var grid = d.Grid(1, 1, 1);
        var year = settings.Time.GetUtcNow().Year;
        var december = year * 100 + 12;
        SubmittedIssue x, y, z;
        RollupListView published;

        await using (var host = new GridGovHost(settings))
        {
            var admin = new ApiClient(host.Client("admin"));
            var resident = new ApiClient(host.Client());
            MoveTo(settings, year, 12, 30, 10);
            await admin.Import(d.Structure);
            x = await admin.Submit(grid, "路灯不亮", "roads", "hotline");
            y = await admin.Submit(grid, "电梯故障", "property", "online");
            z = await admin.Submit(grid, "垃圾未清运", "refuse", "hotline");
            settings.Time.Advance(TimeSpan.FromHours(1));
            foreach (var i in new[] { x, y, z }) await admin.Act(i.Id, "respond", "已联系");
            settings.Time.Advance(TimeSpan.FromHours(1));
            foreach (var i in new[] { x, y, z }) await admin.Act(i.Id, "resolve", "已处理");
            await resident.Rate(z.TrackingCode, "satisfied");

            // New Year's Day: x and y are still within their rating window when the year is closed.
            MoveTo(settings, year + 1, 1, 1, 10);
            await ApiClient.Expect(await admin.Http.PostAsync($"/api/years/{year}/close?district={d.Id}", null), HttpStatusCode.OK);
            published = await admin.Get<RollupListView>($"/api/rollups/{year}?level=grid&district={d.Id}");
            var before = published.Units.Single(u => u.Id == grid);
            // By hand: three received, accepted and resolved; one rated, satisfied.
            Assert.Equal((3L, 3L, 3L, 0L, 0L, 1L, 0L, 0L, 1L), Key(before.Figures));
            Assert.Equal("100.0%", before.Figures.Resolution.Display);
            Assert.Equal("100.0%", before.Figures.Satisfaction.Display);
            Assert.All(published.Units, u => Assert.Null(u.Amended));

            // After closing: a late rating (x, basically satisfied) and a reopen (y, unsatisfied: reopened within the limit).
            settings.Time.Advance(TimeSpan.FromHours(2));
            await resident.Rate(x.TrackingCode, "basicallySatisfied");
            await resident.Rate(y.TrackingCode, "unsatisfied");
            Assert.Equal(1, (await admin.Get<IssueView>($"/api/issues/{y.Id}")).ReopenCount);

            var after = await admin.Get<RollupListView>($"/api/rollups/{year}?level=grid&district={d.Id}");
            Assert.Equal(Json(published), Json(after with { Units = after.Units.Select(u => u with { Amended = null }).ToList() }));
            var unit = after.Units.Single(u => u.Id == grid);
            Assert.Equal(before.Figures, unit.Figures);
            // By hand: two resolved (y is open again, reopened once); three rated: satisfied, basically, unsatisfied.
            Assert.Equal((3L, 3L, 2L, 1L, 1L, 1L, 1L, 1L, 3L), Key(unit.Amended!));
            Assert.Equal("100.0%", unit.Amended!.Resolution.Display);
            Assert.Equal("66.7%", unit.Amended.Satisfaction.Display);
            Assert.Equal("63.3%", unit.Amended.WeightedSatisfaction.Display);
            Assert.All(after.Units.Where(u => u.Id != grid), u => Assert.Null(u.Amended));
            // The amendment is what an open year's rollup would say now: the issues recomputed by the tests' own rules.
            var facts = new List<IssueFact>();
            foreach (var i in new[] { x, y, z }) facts.Add(await IssueFact.Read(admin, d, i.Id));
            Expect.Matches("amended " + grid, facts, unit.Amended);

            // The district's detail: unit, children and slices carry the same split; only December's month is amended.
            var detail = await admin.Get<RollupDetailView>($"/api/rollups/{year}/districts/{d.Id}");
            Assert.Equal(Key(before.Figures), Key(detail.Unit.Figures));
            Assert.Equal(Key(unit.Amended), Key(detail.Unit.Amended!));
            Assert.NotNull(detail.Children.Single(c => c.Id == d.Street(1)).Amended);
            Assert.Null(detail.Children.Single(c => c.Id == d.Street(2)).Amended);
            Assert.All(detail.ByMonth.Where(m => m.Key != december.ToString()), m => Assert.Null(m.Amended));
            var dec = detail.ByMonth.Single(m => m.Key == december.ToString());
            Assert.Equal(Key(before.Figures), Key(dec.Figures));
            Assert.Equal(Key(unit.Amended), Key(dec.Amended!));
            Assert.Null(detail.ByCategory.Single(c => c.Key == "refuse").Amended);
            Assert.Equal(1, detail.ByCategory.Single(c => c.Key == "property").Amended!.Reopened);
            Assert.Equal(0, detail.ByCategory.Single(c => c.Key == "property").Figures.Reopened);
            Assert.Equal(1, detail.ByCategory.Single(c => c.Key == "roads").Amended!.BasicallySatisfied);
            Assert.Equal((1L, 1L), (detail.ByChannel.Single(c => c.Key == "hotline").Amended!.BasicallySatisfied,
                detail.ByChannel.Single(c => c.Key == "online").Amended!.Reopened));

            // CSV: the published columns as before, then the amended ones, labelled.
            var csv = Encoding.UTF8.GetString((await admin.Http.GetByteArrayAsync($"/api/rollups/{year}?level=grid&district={d.Id}&format=csv"))[3..]);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
            var header = lines[0].ToList();
            Assert.Equal(RollupExport.Columns.Select(c => c.Header), header.Take(RollupExport.Columns.Count));
            Assert.Contains("amended 已修正", header);
            Assert.Contains("amended.resolved 修正后已解决", header);
            var row = lines.Single(l => l[1] == grid);
            Assert.Equal("3", row[header.IndexOf("resolved 已解决")]);
            Assert.Equal("yes", row[header.IndexOf("amended 已修正")]);
            Assert.Equal("2", row[header.IndexOf("amended.resolved 修正后已解决")]);
            Assert.Equal("1", row[header.IndexOf("amended.reopened 修正后重新办理")]);
            Assert.Equal("66.7", row[header.IndexOf("amended.satisfactionRate 修正后满意率(%)")]);
            var other = lines.Single(l => l[1] == d.Grid(2, 2, 2));
            Assert.Equal("no", other[header.IndexOf("amended 已修正")]);
            // XLSX: valid Open XML with the same columns and amended values.
            var sheet = XlsxSheet.Read(await admin.Http.GetByteArrayAsync($"/api/rollups/{year}?level=grid&district={d.Id}&format=xlsx"), header.Count);
            Assert.Equal(header, sheet[0]);
            var xrow = sheet.Single(r => r[1] == grid);
            foreach (var column in new[] { "resolved 已解决", "amended 已修正", "amended.resolved 修正后已解决", "amended.reopened 修正后重新办理" })
                Assert.Equal(row[header.IndexOf(column)], xrow[header.IndexOf(column)]);
        }

        // A restart keeps the closed year: the same published figures, the same amendment.
        await using var restarted = new GridGovHost(settings.Restarted());
        var again = new ApiClient(restarted.Client("admin"));
        var reread = await again.Get<RollupListView>($"/api/rollups/{year}?level=grid&district={d.Id}");
        Assert.Equal(Json(published), Json(reread with { Units = reread.Units.Select(u => u with { Amended = null }).ToList() }));
        Assert.Equal((3L, 3L, 2L, 1L, 1L, 1L, 1L, 1L, 3L), Key(reread.Units.Single(u => u.Id == grid).Amended!));
        await AssertProblem(await again.Http.PostAsync($"/api/years/{year}/close?district={d.Id}", null), HttpStatusCode.Conflict, "year.closed");
    }

    [Fact]
    public async Task A_closed_year_publishes_what_was_open_when_it_ended()
    {
        var settings = HostSettings.Fresh();
        var d = TestDistrict.Create();
        var grid = d.Grid(1, 1, 1);
        var year = settings.Time.GetUtcNow().Year;
        var december = year * 100 + 12;
        SubmittedIssue p, q;

        await using (var host = new GridGovHost(settings))
        {
            var admin = new ApiClient(host.Client("admin"));
            // The plan (general issues: 7 days to resolve): p filed on Dec 20 is past due at the year's end, q filed on
            // Dec 30 is open but not due yet, r is resolved before the end.
            MoveTo(settings, year, 12, 20, 10);
            await admin.Import(d.Structure);
            p = await admin.Submit(grid, "路灯不亮");
            MoveTo(settings, year, 12, 30, 10);
            q = await admin.Submit(grid, "电梯故障", "property");
            var r = await admin.Submit(grid, "垃圾未清运", "refuse");
            settings.Time.Advance(TimeSpan.FromHours(1));
            await admin.Act(r.Id, "respond", "已联系");
            await admin.Act(r.Id, "resolve", "已处理");

            MoveTo(settings, year + 1, 1, 1, 10);
            await ApiClient.Expect(await admin.Http.PostAsync($"/api/years/{year}/close?district={d.Id}", null), HttpStatusCode.OK);
            var published = await admin.Get<RollupDetailView>($"/api/rollups/{year}/districts/{d.Id}");
            Assert.Equal((2L, 1L), AtEnd(published.Unit.Figures));
            Assert.Equal((2L, 1L), AtEnd(published.ByMonth.Single(m => m.Key == december.ToString()).Figures));
            Assert.Equal((0L, 0L), AtEnd(published.ByMonth.Single(m => m.Key == (december - 1).ToString()).Figures));
            Assert.Null(published.Unit.Amended);
            var q4 = await admin.Get<RollupListView>($"/api/rollups/{year}?level=grid&period=Q4&district={d.Id}");
            Assert.Equal((2L, 1L), AtEnd(q4.Units.Single(u => u.Id == grid).Figures));
            Assert.Equal((0L, 0L), AtEnd((await admin.Get<RollupListView>($"/api/rollups/{year}?period={december - 1}&district={d.Id}")).Units.Single().Figures));

            // Both resolved after closing: the gauges move (amended), the year-end snapshot does not.
            settings.Time.Advance(TimeSpan.FromHours(1));
            foreach (var i in new[] { p, q })
            {
                await admin.Act(i.Id, "respond", "已联系");
                await admin.Act(i.Id, "resolve", "已处理");
            }
            var after = await admin.Get<RollupDetailView>($"/api/rollups/{year}/districts/{d.Id}");
            Assert.Equal((2L, 1L), AtEnd(after.Unit.Figures));
            Assert.Equal(2, after.Unit.Figures.Open);
            Assert.Equal(0, after.Unit.Amended!.Open);
            Assert.Equal((2L, 1L), AtEnd(after.Unit.Amended));
        }

        // A restart serves the same published snapshot.
        await using var restarted = new GridGovHost(settings.Restarted());
        var again = await new ApiClient(restarted.Client("admin")).Get<RollupDetailView>($"/api/rollups/{year}/districts/{d.Id}");
        Assert.Equal((2L, 1L), AtEnd(again.Unit.Figures));
        Assert.Equal((2L, 1L), AtEnd(again.ByMonth.Single(m => m.Key == december.ToString()).Figures));
    }

    private static (long, long) AtEnd(RollupFigures f) => (f.OpenAtPeriodEnd!.Value, f.OpenPastDueAtPeriodEnd!.Value);

    private static string Json(object o) => System.Text.Json.JsonSerializer.Serialize(o, ApiClient.Json);

    /// <summary>Received, accepted, resolved, open, reopened, satisfied, basically satisfied, unsatisfied, rated.</summary>
    private static (long, long, long, long, long, long, long, long, long) Key(RollupFigures f) =>
        (f.Received, f.Accepted, f.Resolved, f.Open, f.Reopened, f.Satisfied, f.BasicallySatisfied, f.Unsatisfied, f.Rated);

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"wanted {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"code\":\"{code}\"", body);
    }
}
