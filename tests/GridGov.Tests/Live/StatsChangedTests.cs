using GridGov.Dashboard.Figures;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Live;

/// <summary>A .NET SignalR client sees each level's figures change after an HTTP command, with the version that covers it.</summary>
[Collection(SharedHost.Name)]
public sealed class StatsChangedTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task Resolving_an_issue_pushes_the_new_resolution_rate_at_every_level()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var grid = d.Grid(2, 2, 1);
        var closed = await admin.Submit(grid, "closed one");
        var resolved = await admin.Submit(grid, "to be resolved");
        await admin.Act(closed.Id, "respond", "called");
        await admin.Act(resolved.Id, "respond", "called");
        var before = await admin.Act(closed.Id, "close", "outside jurisdiction");
        await admin.WaitForScope("districts", d.Id, grid, before.Commit);

        await using var live = await LiveClient.Connect(Host.Server, Host.Token("operator"));
        var levels = new[] { ("grid", grid), ("community", d.Community(2, 2)), ("street", d.Street(2)), ("district", d.Id) };
        foreach (var (scope, id) in levels)
        {
            var snapshot = await live.Subscribe(scope, id);
            Assert.Equal("0.0%", snapshot.Rates.Resolution.Display); // 0 resolved of 1 decided
        }

        var acted = await admin.Act(resolved.Id, "resolve", "repaired");

        foreach (var (scope, id) in levels)
        {
            var pushed = await live.NextStats(s => s.Scope == scope && s.Id == id && s.Commits.GetValueOrDefault(grid) >= acted.Commit);
            Assert.Equal("50.0%", pushed.Rates.Resolution.Display); // 1 resolved of 2 decided
            Assert.Equal(1, pushed.Totals.Resolved);
        }
        // The stored figures agree once they cover the commit: the live view runs ahead of the aggregates' writes.
        var district = await admin.WaitForScope("districts", d.Id, grid, acted.Commit);
        Assert.Equal("50.0%", district.Figures.Year.Rates.Resolution.Display);
    }

    [Fact]
    public async Task Events_reach_the_scopes_above_their_grid_without_personal_data()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        await using var live = await LiveClient.Connect(Host.Server, Host.Token("operator", scope: $"street:{d.Street(1)}"));
        await live.Subscribe("street", d.Street(1));

        var filed = await new ApiClient(Host.Client()).Submit(d.Grid(1, 2, 2), "积水", contact: new { name = "王女士", phone = "13900000000" });

        var assigned = await live.NextEvent(e => e.IssueId == filed.Id);
        Assert.Equal("assigned", assigned.Kind);
        Assert.Equal(d.Grid(1, 2, 2), assigned.GridId);
    }

    [Fact]
    public async Task An_operator_cannot_watch_outside_their_scope()
    {
        var d = TestDistrict.Create();
        await new ApiClient(Host.Client("admin")).Import(d.Structure);
        await using var live = await LiveClient.Connect(Host.Server, Host.Token("operator", scope: $"street:{d.Street(1)}"));
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => live.Subscribe("street", d.Street(2)));
        Assert.Contains("outside your scope", refused.Message);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => live.Subscribe("district", d.Id));
        var mine = await live.Subscribe("community", d.Community(1, 2));
        Assert.Equal(d.Community(1, 2), mine.Id);
    }
}
