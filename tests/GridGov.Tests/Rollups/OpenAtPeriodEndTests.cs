using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Rollups;

/// <summary>
/// "Open at period end" across a month end on the fake clock: open issues, one closed after the month ended, one
/// reopened, one suspended; a grid that commits after the month end (snapshot taken then), one that does not (the
/// grain answers from what it holds) and one whose month settles and moves to storage with its snapshot. Expected
/// values are worked out by hand from the plan below (general: 7 days to resolve; emergency: 2 hours).
/// </summary>
[Collection(SharedHost.Name)]
public sealed class OpenAtPeriodEndTests(HostFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task A_month_s_rollup_counts_what_was_open_when_it_ended()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        var resident = new ApiClient(Host.Client());
        await admin.Import(d.Structure);
        var (a, b, c) = (d.Grid(1, 1, 1), d.Grid(1, 2, 1), d.Grid(2, 1, 1));

        // The 20th of next month, 10:00 in Shanghai: every step below stays inside that month until its end.
        var local = TimeZoneInfo.ConvertTime(Now(), Shanghai);
        var first = new DateTime(local.Year, local.Month, 1).AddMonths(1);
        var month = first.Year * 100 + first.Month;
        AdvanceTo(first.AddDays(19).AddHours(10));
        var i1 = await admin.Submit(a, "open past due");
        var i2 = await admin.Submit(a, "resolved and rated before the end");
        var i3 = await admin.Submit(a, "resolved after the end");
        var i4 = await admin.Submit(a, "reopened on the 26th");
        var i5 = await admin.Submit(a, "suspended before due", sla: "emergency");
        var j1 = await admin.Submit(b, "open in an idle grid");
        var k1 = await admin.Submit(c, "resolved after the end, then rated");
        AdvanceTo(first.AddDays(19).AddHours(11));
        foreach (var i in new[] { i2, i3, i4, k1 }) await admin.Act(i.Id, "respond", "called the resident");
        await admin.Act(i5.Id, "suspend", "waiting for the owners");
        AdvanceTo(first.AddDays(20).AddHours(10));
        await admin.Act(i2.Id, "resolve", "fixed");
        await admin.Act(i4.Id, "resolve", "fixed");
        await resident.Rate(i2.TrackingCode, "satisfied");
        AdvanceTo(first.AddDays(25).AddHours(10));
        await resident.Rate(i4.TrackingCode, "unsatisfied"); // reopened: due again on the 2nd of the month after, 10:00
        foreach (var g in new[] { a, b, c }) await Host.Grains.GetGrain<IGridGrain>(g).Tick();

        // Over the month end: grid a and c commit (a files a new issue, c resolves and gets its rating); b stays idle.
        AdvanceTo(first.AddMonths(1).AddHours(10));
        await admin.Submit(a, "next month");
        await admin.Act(i3.Id, "resolve", "fixed late");
        await admin.Act(k1.Id, "resolve", "fixed late");
        await resident.Rate(k1.TrackingCode, "satisfied"); // settled: c's month moves to storage with its snapshot

        var store = Host.Services.GetRequiredService<IGridMonthStore>();
        var stored = await store.Read(c, month, month);
        Assert.Equal(new OpenCount(1, 1), stored.MonthEnds[month][month]);
        Assert.DoesNotContain(month, stored.Held!);
        Assert.Contains(month, (await Host.Grains.GetGrain<IGridGrain>(a).GetSnapshot()).Counters.Months.Keys);

        // Open at the end of the month: a: i1 (due the 27th: past due), i3 (past due), i4 (reopened, not due), i5 (suspended
        // before its due time: not past due); b: j1 (past due); c: k1 (past due).
        var expected = new Dictionary<string, (long Open, long PastDue)> { [a] = (4, 2), [b] = (1, 1), [c] = (1, 1) };
        var grids = await admin.Get<RollupListView>($"/api/rollups/{month / 100}?level=grid&period={month}&district={d.Id}");
        foreach (var (grid, (open, pastDue)) in expected)
        {
            var f = grids.Units.Single(u => u.Id == grid).Figures;
            Assert.Equal((grid, open, pastDue), (grid, f.OpenAtPeriodEnd, f.OpenPastDueAtPeriodEnd));
        }
        var district = await admin.Get<RollupDetailView>($"/api/rollups/{month / 100}/districts/{d.Id}?period={month}");
        Assert.Equal((6L, 4L), (district.Unit.Figures.OpenAtPeriodEnd, district.Unit.Figures.OpenPastDueAtPeriodEnd));
        // The gauges now differ: i3 and k1 have been resolved since.
        Assert.Equal(4, district.Unit.Figures.Open);
        Assert.Equal((6L, 4L), (district.ByMonth.Single().Figures.OpenAtPeriodEnd, district.ByMonth.Single().Figures.OpenPastDueAtPeriodEnd));
        Assert.DoesNotContain(district.Header.Notes, n => n.Contains("not taken yet"));
        Assert.DoesNotContain(district.Header.Notes, n => n.Contains("so far"));

        // The month now running has not ended: its figures are the gauges so far.
        var next = first.AddMonths(1);
        var running = await admin.Get<RollupDetailView>($"/api/rollups/{next.Year}/districts/{d.Id}?period={next.Year * 100 + next.Month}");
        Assert.Equal((running.Unit.Figures.Open, running.Unit.Figures.OpenPastDue),
            (running.Unit.Figures.OpenAtPeriodEnd!.Value, running.Unit.Figures.OpenPastDueAtPeriodEnd!.Value));
        Assert.Equal(1, running.Unit.Figures.OpenAtPeriodEnd);
        Assert.Contains(running.Header.Notes, n => n.Contains("so far"));
    }

    private DateTimeOffset Now() => Host.Settings.Time.GetUtcNow();

    private void AdvanceTo(DateTime shanghai)
    {
        var at = new DateTimeOffset(shanghai, Shanghai.GetUtcOffset(shanghai));
        Assert.True(at > Now(), $"the clock runs forward only ({at:o} <= {Now():o})");
        Host.Settings.Time.Advance(at - Now());
    }
}
