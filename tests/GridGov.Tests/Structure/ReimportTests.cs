using System.Net;
using System.Net.Http.Json;
using GridGov.Dashboard.Figures;
using GridGov.Grains.Alerts;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Structure;

/// <summary>Re-importing a district updates names and placements and loses nothing: removed units are retired, not deleted.</summary>
[Collection(SharedHost.Name)]
public sealed class ReimportTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task A_reimport_retires_what_it_removes_and_reassigns_its_open_issues_with_an_alert()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var kept = d.Grid(1, 1, 1);      // deputy 1, who will be removed
        var removed = d.Grid(1, 1, 2);   // a grid the new import drops
        var open = await admin.Submit(kept, "open with deputy 1");
        var onRemoved = await admin.Submit(removed, "filed before the grid was dropped");
        Assert.Equal(d.Deputy(1), open.AssignedDeputyId);

        // New import: grid g2 of s1-c1 is gone, deputy 1 is gone and grid g1 is served by deputy 2; a name changes.
        var s = d.Structure;
        var c11 = s.Streets[0].Communities[0];
        var next = s with
        {
            Streets = [s.Streets[0] with { Name = "新名街道", Communities = [c11 with { Grids = [c11.Grids[0] with { Deputies = [d.Deputy(2)] }] }, .. s.Streets[0].Communities.Skip(1)] }, .. s.Streets.Skip(1)],
            Deputies = s.Deputies.Where(x => x.Id != d.Deputy(1)).ToList(),
        };
        await admin.Import(next);

        var moved = await admin.Get<IssueView>($"/api/issues/{open.Id}");
        Assert.Equal(d.Deputy(2), moved.AssignedDeputyId);
        Assert.Equal("assigned", moved.Status);
        var history = await admin.Get<IReadOnlyList<HistoryView>>($"/api/issues/{open.Id}/history");
        Assert.Contains(history, h => h.Action == "reassign" && h.By == "system:system");

        var retired = await admin.Get<GridView>($"/api/grids/{removed}");
        Assert.True(retired.Retired);
        Assert.Equal(1, retired.Figures.Year.Totals.Accepted); // counters kept
        Assert.NotNull(await admin.Get<IssueView>($"/api/issues/{onRemoved.Id}"));
        var refused = await admin.Http.PostAsJsonAsync("/api/issues", new { gridId = removed, category = "roads", channel = "hotline", title = "x" }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var street = await admin.Get<ScopeView>($"/api/streets/{d.Street(1)}");
        Assert.Equal("新名街道", street.Name);
        var board = Host.Grains.GetGrain<IAlertBoardGrain>(d.Id);
        await Poll.Until(board.Open, alerts => alerts.Any(a => a.Kind == "autoReassigned" && a.IssueId == open.Id),
            "an autoReassigned alert for the moved issue");
    }
}
