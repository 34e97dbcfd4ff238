using GridGov.Dashboard.Figures;
using GridGov.Silo.Api;
using GridGov.Silo.Demo;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Demo;

/// <summary>
/// The traffic generator in a real host on a test district of its own, the fake domain clock advanced step by
/// step: residents file, deputies act and residents rate through the grid grains, and the district's figures
/// (read over HTTP) show it. Then a restarted host, with arrivals off, carries the held issues on until none is open.
/// </summary>
public sealed class DemoTrafficTests
{
    [Fact]
    public async Task Traffic_files_resolves_and_rates_issues_and_the_figures_move()
    {
        var settings = HostSettings.Fresh();
        var d = TestDistrict.Create();
        await using var host = new GridGovHost(settings, s => s.AddDemoTraffic(o => Options(o, d, issuesPerMinute: 6)));
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure);
        var worker = host.Services.GetRequiredService<DemoTrafficWorker>();

        // Ten minutes in steps of 30 s; after each, wait until the worker has done everything due by then.
        await Drive(settings, worker, steps: 20);

        var c = worker.Counters;
        Assert.InRange(c.Filed, 30, 100);
        Assert.True(c.Responded > 0 && c.Resolved > 0 && c.Rated > 0, $"responded {c.Responded}, resolved {c.Resolved}, rated {c.Rated}");
        Assert.Empty(c.Problems);
        Assert.Equal(0L, c.Rejected + c.Failed + c.Skipped);

        // The grids hold their own figures; wait until the district's (delivered as deltas) add up to them.
        var grids = d.Structure.Streets.SelectMany(s => s.Communities).SelectMany(x => x.Grids).Select(g => g.Id).ToList();
        var perGrid = new List<TotalsView>();
        foreach (var grid in grids) perGrid.Add((await admin.Get<GridView>($"/api/grids/{grid}")).Figures.Year.Totals);
        var expected = perGrid.Select(Key).Aggregate((a, b) => a.Zip(b, (x, y) => x + y).ToArray());
        var district = await Poll.Until(() => admin.Get<ScopeView>($"/api/districts/{d.Id}"),
            v => Key(v.Figures.Year.Totals).SequenceEqual(expected), "the district to add up its grids");

        var totals = district.Figures.Year.Totals;
        Assert.Equal(c.Filed, totals.Accepted);
        Assert.Equal(totals.Accepted, totals.Open + totals.Resolved + totals.ClosedUnresolved);
        Assert.True(totals.Resolved > 0);
        Assert.True(totals.RespondedInTime > 0);
        Assert.True(totals.Satisfied + totals.BasicallySatisfied + totals.Unsatisfied > 0);
        Assert.Equal(c.Reopened, totals.Reopened);
        Assert.NotEqual("no data", district.Figures.Year.Rates.Resolution.Display);
        // Issues spread over the district's grids.
        Assert.True(perGrid.Count(t => t.Accepted > 0) >= grids.Count / 2);
        Assert.True(totals.Open > 0, "some issues are still open when the host stops");

        // A host started again over the same data, with no new arrivals, carries the held issues on to the end.
        await host.DisposeAsync();
        var restarted = settings.Restarted();
        await using var again = new GridGovHost(restarted, s => s.AddDemoTraffic(o => Options(o, d, issuesPerMinute: 0)));
        var carrier = again.Services.GetRequiredService<DemoTrafficWorker>();
        await Drive(restarted, carrier, steps: 20);
        Assert.True(carrier.Counters.Adopted > 0);
        Assert.Equal(0L, carrier.Counters.Filed);
        Assert.Empty(carrier.Counters.Problems);
        var settled = await Poll.Until(() => new ApiClient(again.Client("admin")).Get<ScopeView>($"/api/districts/{d.Id}"),
            v => v.Figures.Year.Totals.Open == 0, "every held issue to be closed");
        Assert.Equal(totals.Accepted, settled.Figures.Year.Totals.Accepted);
    }

    private static void Options(DemoTrafficOptions o, TestDistrict d, double issuesPerMinute)
    {
        o.DistrictId = d.Id;
        o.IssuesPerMinute = issuesPerMinute;
        o.TimeScale = 3600; // one minute of the fake clock stands for 60 hours
        o.Seed = 20260310;
    }

    /// <summary>Advances the fake clock 30 s at a time; after each step waits until the worker has done all that was due.</summary>
    private static async Task Drive(HostSettings settings, DemoTrafficWorker worker, int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            settings.Time.Advance(TimeSpan.FromSeconds(30));
            var now = settings.Time.GetUtcNow();
            await Poll.Until(() => Task.FromResult((worker.CaughtUpTo, worker.InFlight, worker.Schedule.Pending, worker.Schedule.NextDue)),
                t => t.CaughtUpTo > now, $"the worker to catch up with {now} (caught up, in flight, pending, next due)");
        }
    }

    private static long[] Key(TotalsView t) =>
        [t.Accepted, t.Open, t.Resolved, t.ClosedUnresolved, t.RespondedInTime, t.Satisfied, t.BasicallySatisfied, t.Unsatisfied, t.Reopened];
}
