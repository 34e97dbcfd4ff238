using GridGov.Dashboard.Figures;
using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Api;

/// <summary>
/// A mix of outcomes driven over HTTP against real Azurite; exact figures at grid, community, street and
/// district, computed by hand:
///   grid g1: A resolved (satisfied), B closed unresolved (basically satisfied), C never answered and overdue;
///   grid g2: D resolved, rated unsatisfied, so reopened (open, inside its new time limit: undecided).
///   resolution = 1 / (1 + 1 + 1) = 33.3%; response = 3 in time / (3 + C past its limit) = 75.0%;
///   satisfaction = 2 / 3 = 66.7%; weighted = 1.9 / 3 = 63.3%;
///   composite = 0.1 x 0.75 + 0.5 x 1/3 + 0.4 x 1.9/3 = 49.5%.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class FiguresAcrossLevelsTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task Rates_at_every_level_match_hand_computed_figures()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        var resident = new ApiClient(Host.Client());
        await admin.Import(d.Structure);
        var g1 = d.Grid(1, 1, 1);
        var g2 = d.Grid(1, 1, 2);

        var a = await resident.Submit(g1, "A");
        var b = await resident.Submit(g1, "B");
        var c = await resident.Submit(g1, "C");
        var dd = await resident.Submit(g2, "D");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        foreach (var i in new[] { a, b, dd }) await admin.Act(i.Id, "respond", "called the resident");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        await admin.Act(a.Id, "resolve", "lamp replaced");
        await admin.Act(b.Id, "close", "outside jurisdiction");
        await admin.Act(dd.Id, "resolve", "pipe fixed");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        await resident.Rate(a.TrackingCode, "satisfied");
        await resident.Rate(b.TrackingCode, "basicallySatisfied");
        var reopened = await resident.Rate(dd.TrackingCode, "unsatisfied");
        Assert.Equal("assigned", reopened.Status);

        // Past C's seven-day limit, but not past D's new one (set when it reopened, three hours later).
        // The SLA clock's alarm rings as the fake clock passes C's due time; wait until C shows it.
        Host.Settings.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        await Poll.Until(() => admin.Get<IssueView>($"/api/issues/{c.Id}"), i => i.Overdue, "issue C to turn overdue");
        Assert.Equal(0, await Host.Grains.GetGrain<IGridGrain>(g1).Tick()); // already done, exactly once
        Assert.Equal(0, await Host.Grains.GetGrain<IGridGrain>(g2).Tick());
        Assert.False((await admin.Get<IssueView>($"/api/issues/{dd.Id}")).Overdue);
        var g1Commit = (await Host.Grains.GetGrain<IGridGrain>(g1).GetSnapshot()).Commit;
        var g2Commit = (await Host.Grains.GetGrain<IGridGrain>(g2).GetSnapshot()).Commit;

        var grid = await admin.Get<GridView>($"/api/grids/{g1}");
        // g1 alone: response 2/3, satisfaction 2/2, weighted 1.9/2, composite 0.1x2/3 + 0.5x1/3 + 0.4x0.95 = 61.3%.
        AssertRates(grid.Figures.Year, "33.3%", "66.7%", "100.0%", "95.0%", "61.3%");
        Assert.Equal((1, 1, 1), (grid.Figures.Year.Totals.Resolved, grid.Figures.Year.Totals.ClosedUnresolved, grid.Figures.Year.Totals.OpenOverdue));
        var quiet = await admin.Get<GridView>($"/api/grids/{g2}");
        Assert.Equal("no data", quiet.Figures.Year.Rates.Resolution.Display);
        Assert.Equal("0.0%", quiet.Figures.Year.Rates.Satisfaction.Display);
        Assert.Equal(1, quiet.Figures.Year.Totals.Reopened);

        foreach (var (level, id) in new[] { ("communities", d.Community(1, 1)), ("streets", d.Street(1)), ("districts", d.Id) })
        {
            await admin.WaitForScope(level, id, g2, g2Commit);
            var scope = await admin.WaitForScope(level, id, g1, g1Commit);
            AssertRates(scope.Figures.Year, "33.3%", "75.0%", "66.7%", "63.3%", "49.5%");
            Assert.Equal(4, scope.Figures.Year.Totals.Accepted);
            Assert.Equal(1, scope.Figures.Year.Totals.Reopened);
        }

        var district = await admin.Get<ScopeView>($"/api/districts/{d.Id}");
        var emptyStreet = district.Children.Single(s => s.Id == d.Street(2));
        Assert.Equal("no data", emptyStreet.Figures.Year.Rates.Resolution.Display);
        Assert.Equal("no data", emptyStreet.Figures.Year.Rates.Composite.Display);
        Assert.Equal("33.3%", district.Children.Single(s => s.Id == d.Street(1)).Figures.Year.Rates.Resolution.Display);
    }

    private static void AssertRates(FiguresView f, string resolution, string response, string satisfaction, string weighted, string composite)
    {
        Assert.Equal(resolution, f.Rates.Resolution.Display);
        Assert.Equal(response, f.Rates.Response.Display);
        Assert.Equal(satisfaction, f.Rates.Satisfaction.Display);
        Assert.Equal(weighted, f.Rates.WeightedSatisfaction.Display);
        Assert.Equal(composite, f.Rates.Composite.Display);
    }
}
