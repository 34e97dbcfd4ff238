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
    /// <summary>Right after a silo joins, a call can find the cluster still converging (503): try again, within a bound.</summary>
    private static async Task ImportWhileTheClusterSettles(ApiClient admin, TestDistrict d)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await admin.Http.PutAsJsonAsync("/api/structure", d.Structure, ApiClient.Json);
            if (response.StatusCode == System.Net.HttpStatusCode.OK) return;
            if ((int)response.StatusCode < 500 || attempt == 100) // the import is idempotent: a converging cluster may fail it
                await ApiClient.Expect(response, System.Net.HttpStatusCode.OK);
            await Task.Delay(50);
        }
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
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            foreach (var host in new[] { one, two }) // both silos must see both before a call may land on either
                while ((await host.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count < 2) await Task.Delay(50, timeout.Token);

        // Both hosts registered for live batches, as seen from either silo (one registry once the directory settles).
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            foreach (var host in new[] { one, two })
                while ((await host.Grains.GetGrain<GridGov.Grains.Live.ILiveHostRegistryGrain>("hosts").Hosts()).Count < 2)
                    await Task.Delay(50, timeout.Token);

        var siloTwo = two.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var admin = new ApiClient(two.Client("admin")); // HTTP on silo 2: grids and deputies call across silos
        var d = TestDistrict.Create();
        await ImportWhileTheClusterSettles(admin, d);
        // Put one grid on silo 2, whatever placement chose: migrate it there with a placement hint.
        var remoteGrid = d.Grid(1, 1, 1);
        var grain = two.Grains.GetGrain<IGridGrain>(remoteGrid);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            while (await management.GetActivationAddress(grain) != siloTwo)
            {
                await grain.GetSnapshot();
                if (await management.GetActivationAddress(grain) == siloTwo) break;
                RequestContext.Set(IPlacementDirector.PlacementHintKey, siloTwo);
                await grain.Cast<Orleans.Core.Internal.IGrainManagementExtension>().MigrateOnIdle();
                RequestContext.Clear();
                await Task.Delay(50, timeout.Token);
            }

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
