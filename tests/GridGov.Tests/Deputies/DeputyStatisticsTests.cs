using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Deputies;

/// <summary>A deputy's statistics: counts and rates, mean and p90 times to first response and to resolution.</summary>
[Collection(SharedHost.Name)]
public sealed class DeputyStatisticsTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task A_deputy_sees_their_counts_rates_and_times()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var deputy = d.Deputy(4); // serves s2-c2
        var me = new ApiClient(Host.Client("deputy", deputy));
        var a = await admin.Submit(d.Grid(2, 2, 1), "a");
        var b = await admin.Submit(d.Grid(2, 2, 2), "b");
        var open = await admin.Submit(d.Grid(2, 2, 2), "still open");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        await me.Act(a.Id, "respond", "called");
        await me.Act(b.Id, "respond", "called");
        Host.Settings.Time.Advance(TimeSpan.FromHours(3));
        await me.Act(a.Id, "resolve", "done");
        await me.Act(b.Id, "resolve", "done");

        var view = await Poll.Until(() => me.Get<DeputyView>($"/api/deputies/{deputy}"), v => v.Year.Totals.Resolved >= 2,
            "the deputy to count both resolutions");
        Assert.Equal(1, view.OpenIssues);
        Assert.Equal(3, view.Year.Totals.Accepted);
        Assert.Equal("100.0%", view.Year.Rates.Resolution.Display);
        Assert.Equal("100.0%", view.Year.Rates.Response.Display); // both answered within 24 h; the open one is not yet due
        Assert.Equal(1.0, view.Durations.MeanFirstResponseHours);
        Assert.Equal(4.0, view.Durations.MeanResolutionHours);
        Assert.Equal(2.0, view.Durations.P90FirstResponseHours); // 60 min falls in the 60-120 min bucket
        Assert.Equal(8.0, view.Durations.P90ResolutionHours);    // 240 min falls in the 4-8 h bucket
        _ = open;
    }
}
