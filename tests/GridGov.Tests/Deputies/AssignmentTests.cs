using System.Net;
using System.Net.Http.Json;
using GridGov.Grains.Alerts;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Deputies;

/// <summary>Automatic assignment: least loaded first (ties by id), deputies on leave skipped, an empty grid falls back to its community and alerts.</summary>
[Collection(SharedHost.Name)]
public sealed class AssignmentTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    /// <summary>s1-c1-g1 has deputies 1 and 2; s1-c1-g2 has deputy 3 (the community's fallback); the rest as usual.</summary>
    private static TestDistrict District() => TestDistrict.Create(deputiesOfGrid: (d, s, c, g) =>
        (s, c, g) switch
        {
            (1, 1, 1) => [$"{d}-d1", $"{d}-d2"],
            (1, 1, 2) => [$"{d}-d3"],
            _ => [$"{d}-d4"],
        });

    [Fact]
    public async Task The_least_loaded_deputy_gets_the_issue_ties_by_id()
    {
        var d = District();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var grid = d.Grid(1, 1, 1);
        Assert.Equal(d.Deputy(1), (await admin.Submit(grid, "1")).AssignedDeputyId); // 0 vs 0: by id
        Assert.Equal(d.Deputy(2), (await admin.Submit(grid, "2")).AssignedDeputyId); // 1 vs 0
        Assert.Equal(d.Deputy(1), (await admin.Submit(grid, "3")).AssignedDeputyId); // 1 vs 1: by id
    }

    [Fact]
    public async Task A_deputy_on_leave_is_skipped_and_an_empty_grid_falls_back_to_its_community_with_an_alert()
    {
        var d = District();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var grid = d.Grid(1, 1, 1);
        var now = Host.Settings.Time.GetUtcNow();
        var leave = new { from = now.AddHours(-1), to = now.AddDays(3), reason = "出差" };

        // Deputy 1 marks their own leave; deputy 2 takes the issue although deputy 1 has fewer.
        var self = await new ApiClient(Host.Client("deputy", d.Deputy(1))).Http.PutAsJsonAsync($"/api/deputies/{d.Deputy(1)}/leave", leave, ApiClient.Json);
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Equal(d.Deputy(2), (await admin.Submit(grid, "a")).AssignedDeputyId);
        Assert.Equal(d.Deputy(2), (await admin.Submit(grid, "b")).AssignedDeputyId);
        var other = await new ApiClient(Host.Client("deputy", d.Deputy(1))).Http.PutAsJsonAsync($"/api/deputies/{d.Deputy(2)}/leave", leave, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode); // a deputy marks only their own leave

        // Both on leave: the community's other deputy takes it, and the operators are alerted.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync($"/api/deputies/{d.Deputy(2)}/leave", leave, ApiClient.Json)).StatusCode);
        var fallback = await admin.Submit(grid, "c");
        Assert.Equal(d.Deputy(3), fallback.AssignedDeputyId);
        var board = Host.Grains.GetGrain<IAlertBoardGrain>(d.Id);
        await Poll.Until(board.Open, alerts => alerts.Any(a => a.Kind == "assignedOutsideGrid" && a.IssueId == fallback.Id),
            "an assignedOutsideGrid alert for the fallback issue");

        // Leave over: deputy 1 is back in turn.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.DeleteAsync($"/api/deputies/{d.Deputy(1)}/leave")).StatusCode);
        Assert.Equal(d.Deputy(1), (await admin.Submit(grid, "d")).AssignedDeputyId);
    }

    [Fact]
    public async Task A_deputys_reassignment_request_reaches_the_operators_alerts()
    {
        var d = District();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var issue = await admin.Submit(d.Grid(1, 1, 2), "不在我的职责范围");
        var mine = new ApiClient(Host.Client("deputy", d.Deputy(3)));
        var asked = await mine.Http.PostAsJsonAsync($"/api/issues/{issue.Id}/reassignment-request", new { note = "属于物业" }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var notMine = await new ApiClient(Host.Client("deputy", d.Deputy(4))).Http.PostAsJsonAsync($"/api/issues/{issue.Id}/reassignment-request", new { note = "x" }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Forbidden, notMine.StatusCode);
        var alert = Assert.Single(await Host.Grains.GetGrain<IAlertBoardGrain>(d.Id).Open(), a => a.Kind == "reassignmentRequested");
        Assert.Equal((issue.Id, "属于物业"), (alert.IssueId, alert.Detail));
    }
}
