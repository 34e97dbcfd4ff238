using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Clock;

/// <summary>The SLA clock on fake time: nothing before the due time, overdue exactly once at it, paused while suspended.</summary>
[Collection(SharedHost.Name)]
public sealed class SlaClockTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task An_issue_becomes_overdue_once_at_its_due_time()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var grid = d.Grid(1, 2, 2);
        var filed = await admin.Submit(grid, "燃气泄漏", category: "building", sla: "emergency");
        await admin.Act(filed.Id, "respond", "on the way");
        var due = filed.DueAt!.Value;

        Host.Settings.Time.Advance(due - Host.Settings.Time.GetUtcNow() - TimeSpan.FromTicks(1));
        var before = await admin.Get<IssueView>($"/api/issues/{filed.Id}");
        Assert.False(before.Overdue);

        Host.Settings.Time.Advance(TimeSpan.FromTicks(1)); // the alarm rings now
        var overdue = await Poll.Until(() => admin.Get<IssueView>($"/api/issues/{filed.Id}"), i => i.Overdue, "the issue to turn overdue");
        var history = await admin.Get<IReadOnlyList<HistoryView>>($"/api/issues/{filed.Id}/history");
        Assert.Single(history, h => h.Action == "overdue");
        Assert.Equal(due, history.Single(h => h.Action == "overdue").At);

        Assert.Equal(0, await Host.Grains.GetGrain<IGridGrain>(grid).Tick()); // a second pass adds nothing
        Assert.Single(await admin.Get<IReadOnlyList<HistoryView>>($"/api/issues/{filed.Id}/history"), h => h.Action == "overdue");
        var commit = (await Host.Grains.GetGrain<IGridGrain>(grid).GetSnapshot()).Commit;
        var district = await admin.WaitForScope("districts", d.Id, grid, commit);
        Assert.Equal(1, district.Figures.Year.Totals.OpenOverdue);
        Assert.Equal(1, district.Figures.Year.Totals.Overdue);
        Assert.Equal("0.0%", district.Figures.Year.Rates.Resolution.Display);
        Assert.True(overdue.Overdue);
    }

    [Fact]
    public async Task A_suspended_issue_is_due_later_by_the_suspended_span()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var filed = await admin.Submit(d.Grid(2, 2, 2), "等待供电局", sla: "utilities");
        await admin.Act(filed.Id, "respond", "called");
        await admin.Act(filed.Id, "suspend", "waiting for the power company");
        Host.Settings.Time.Advance(TimeSpan.FromHours(30)); // past the original 24 h limit, but the clock is paused
        var resumed = await admin.Act(filed.Id, "resume", "power company came");
        Assert.Equal(filed.DueAt!.Value + TimeSpan.FromHours(30), resumed.Issue.DueAt);
        Assert.False(resumed.Issue.Overdue);
    }
}
