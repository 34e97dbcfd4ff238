using GridGov.Dashboard.Live;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridGov.Tests.Live;

/// <summary>
/// The connection drops; the test holds the reconnect while data changes; when it is let through, the client
/// subscribes again and its fresh snapshot equals what the HTTP API reports.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ReconnectTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task After_a_held_reconnect_the_fresh_snapshot_equals_the_API()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var grid = d.Grid(1, 1, 2);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connects = 0;
        await using var live = new LiveClient(Host.Server, Host.Token("operator"), new ImmediateRetry(), async (_, ct) =>
        {
            if (Interlocked.Increment(ref connects) == 1) return;
            held.TrySetResult();
            await gate.Task.WaitAsync(ct); // the reconnect waits here until the test lets it through
        });
        var resubscribed = new TaskCompletionSource<StatsChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Connection.Reconnected += async _ => resubscribed.TrySetResult(await live.Subscribe("district", d.Id));
        await live.Connection.StartAsync();
        var first = await live.Subscribe("district", d.Id);
        Assert.Equal(0, first.Totals.Accepted);

        var reconnecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Connection.Reconnecting += _ => { reconnecting.TrySetResult(); return Task.CompletedTask; };
        live.Socket!.Abort(); // a network drop
        await reconnecting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Reconnecting, live.Connection.State);

        // While the client is away: two issues, one resolved.
        var a = await admin.Submit(grid, "a");
        await admin.Submit(grid, "b");
        await admin.Act(a.Id, "respond", "called");
        var last = await admin.Act(a.Id, "resolve", "done");
        var api = await admin.WaitForScope("districts", d.Id, grid, last.Commit);

        gate.SetResult();
        var fresh = await resubscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(api.Figures.Year.Totals, fresh.Totals);
        Assert.Equal(api.Figures.Year.Rates, fresh.Rates);
        Assert.Equal(2, fresh.Totals.Accepted);
        Assert.Equal(1, fresh.Totals.Resolved);
        Assert.True(fresh.Commits.GetValueOrDefault(grid) >= last.Commit);
    }

    private sealed class ImmediateRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => context.PreviousRetryCount < 100 ? TimeSpan.Zero : null;
    }
}
