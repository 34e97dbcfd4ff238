using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Persistence;

/// <summary>Stopping the host and starting it again over the same Azurite data loses no issue, history entry or counter.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_restarted_host_has_every_issue_history_and_counter()
    {
        var settings = HostSettings.Fresh();
        var d = TestDistrict.Create();
        var grid = d.Grid(2, 1, 1);
        List<(SubmittedIssue Submitted, IssueView View, IReadOnlyList<HistoryView> History)> before = [];
        GridView gridBefore;
        ScopeView districtBefore;

        await using (var host = new GridGovHost(settings))
        {
            var admin = new ApiClient(host.Client("admin"));
            var resident = new ApiClient(host.Client());
            await admin.Import(d.Structure);
            var open = await resident.Submit(grid, "open one");
            var resolved = await resident.Submit(grid, "resolved and rated");
            var closed = await resident.Submit(grid, "closed, awaiting a rating");
            settings.Time.Advance(TimeSpan.FromHours(2));
            await admin.Act(resolved.Id, "respond", "called");
            await admin.Act(resolved.Id, "resolve", "fixed");
            await admin.Act(closed.Id, "respond", "called");
            await admin.Act(closed.Id, "close", "transferred to a department");
            await resident.Rate(resolved.TrackingCode, "satisfied"); // settles it: it moves to the archive
            var commit = (await host.Grains.GetGrain<IGridGrain>(grid).GetSnapshot()).Commit;
            foreach (var s in new[] { open, resolved, closed })
                before.Add((s, await admin.Get<IssueView>($"/api/issues/{s.Id}"), await admin.Get<IReadOnlyList<HistoryView>>($"/api/issues/{s.Id}/history")));
            gridBefore = await admin.Get<GridView>($"/api/grids/{grid}");
            districtBefore = await admin.WaitForScope("districts", d.Id, grid, commit);
        }

        await using var restarted = new GridGovHost(settings.Restarted());
        var again = new ApiClient(restarted.Client("admin"));
        foreach (var (submitted, view, history) in before)
        {
            Assert.Equal(view, await again.Get<IssueView>($"/api/issues/{submitted.Id}"));
            Assert.Equal(history, await again.Get<IReadOnlyList<HistoryView>>($"/api/issues/{submitted.Id}/history"));
            var tracked = await new ApiClient(restarted.Client()).Get<TrackedIssue>($"/api/track/{submitted.TrackingCode}");
            Assert.Equal(view.Status, tracked.Status);
        }
        var gridAfter = await again.Get<GridView>($"/api/grids/{grid}");
        Assert.Equal(gridBefore.Figures.Year, gridAfter.Figures.Year);
        Assert.Equal(gridBefore.OpenIssues, gridAfter.OpenIssues);
        Assert.Equal(gridBefore.Commit, gridAfter.Commit);
        var districtAfter = await again.Get<ScopeView>($"/api/districts/{d.Id}");
        Assert.Equal(districtBefore.Figures.Year, districtAfter.Figures.Year);
        Assert.Equal(districtBefore.Commits, districtAfter.Commits);
        Assert.Equal(3, gridAfter.Figures.Year.Totals.Accepted);
        Assert.Equal(1, gridAfter.Figures.Year.Totals.Resolved);
        Assert.Equal(1, gridAfter.Figures.Year.Totals.Satisfied);

        // The restarted host goes on numbering where the first stopped.
        var next = await new ApiClient(restarted.Client()).Submit(grid, "after the restart");
        Assert.EndsWith("-000004", next.Id);
    }
}
