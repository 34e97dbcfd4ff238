using System.Net.Http.Json;
using GridGov.Grains.Grids;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;
using Orleans.Runtime;

namespace GridGov.Tests.Live;

/// <summary>Two hosts form one cluster on Azure Table membership; a client on host 1 sees a grid that lives on silo 2 change.</summary>
public sealed class TwoSiloTests
{
    /// <summary>Right after a silo joins, a call can find the cluster still converging (503): try again, within a bound.
    /// The import is idempotent, so a retry after a 5xx is safe; any other status ends the wait and is checked.</summary>
    private static async Task ImportWhileTheClusterSettles(ApiClient admin, TestDistrict d)
    {
        var response = await Poll.Until(() => admin.Http.PutAsJsonAsync("/api/structure", d.Structure, ApiClient.Json),
            r => (int)r.StatusCode < 500, "the import to get past a converging cluster", TimeSpan.FromSeconds(10));
        await ApiClient.Expect(response, System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_on_one_silo_gets_updates_of_a_grid_active_on_the_other()
    {
        var settings = HostSettings.Fresh();
        await using var one = new GridGovHost(settings);
        await using var two = new GridGovHost(settings.Restarted());
        _ = one.Server;
        _ = two.Server;
        var management = one.Grains.GetGrain<IManagementGrain>(0);
        foreach (var host in new[] { one, two }) // both silos must see both before a call may land on either
            await Poll.Until(async () => (await host.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count, silos => silos >= 2,
                "both silos active, as each sees the cluster", TimeSpan.FromSeconds(60));

        // Both hosts registered for live batches, as seen from either silo (one registry once the directory settles).
        foreach (var host in new[] { one, two })
            await Poll.Until(async () => (await host.Grains.GetGrain<GridGov.Grains.Live.ILiveHostRegistryGrain>("hosts").Hosts()).Count,
                hosts => hosts >= 2, "both hosts registered for live batches", TimeSpan.FromSeconds(60));

        var siloTwo = two.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var admin = new ApiClient(two.Client("admin")); // HTTP on silo 2: grids and deputies call across silos
        var d = TestDistrict.Create();
        await ImportWhileTheClusterSettles(admin, d);
        // Put one grid on silo 2, whatever placement chose: migrate it there with a placement hint.
        var remoteGrid = d.Grid(1, 1, 1);
        var grain = two.Grains.GetGrain<IGridGrain>(remoteGrid);
        // Each read activates the grid and, while it lives elsewhere, asks it to move (the move is idempotent).
        await Poll.Until(async () =>
        {
            await grain.GetSnapshot();
            var at = await management.GetActivationAddress(grain);
            if (at != siloTwo)
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, siloTwo);
                await grain.Cast<Orleans.Core.Internal.IGrainManagementExtension>().MigrateOnIdle();
                RequestContext.Clear();
            }
            return at;
        }, at => at == siloTwo, $"{remoteGrid} to live on silo 2 ({siloTwo})", TimeSpan.FromSeconds(60));

        await using var live = await LiveClient.Connect(one.Server, one.Token("operator"));
        await live.Subscribe("grid", remoteGrid);
        await live.Subscribe("district", d.Id);
        var filed = await new ApiClient(two.Client()).Submit(remoteGrid, "across silos");

        var gridStats = await live.NextStats(s => s.Scope == "grid" && s.Commits.GetValueOrDefault(remoteGrid) >= filed.Commit, seconds: 60);
        Assert.Equal(1, gridStats.Totals.Accepted);
        var districtStats = await live.NextStats(s => s.Scope == "district" && s.Commits.GetValueOrDefault(remoteGrid) >= filed.Commit);
        Assert.Equal(1, districtStats.Totals.Accepted);
        Assert.Equal(siloTwo, await management.GetActivationAddress(two.Grains.GetGrain<IGridGrain>(remoteGrid)));
    }
}
