using System.Threading.Channels;
using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridGov.Dashboard.Live;

/// <summary>
/// This host's end of the live pipeline: registers with the cluster as a live host, takes batches from every
/// silo's notifier, keeps the latest stats per scope, and pushes only what its own SignalR clients watch, one
/// message per scope (the GPSTracker pattern, without a backplane): a batch that finds the loop idle goes out at
/// once, and batches that arrive while a push is made or during the <see cref="FlushEvery"/> after it are merged
/// into the next push. Each scope's rate is limited where it is published (about 10 a second), not here.
/// </summary>
public sealed class LiveFanOut(
    IGrainFactory grains,
    IHubContext<LiveHub> hub,
    LiveSubscriptions subscriptions,
    IOptions<GridGovOptions> options,
    ILogger<LiveFanOut> logger) : BackgroundService, ILiveHost
{
    public static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(25);
    private readonly Channel<LiveBatch> _inbox = Channel.CreateUnbounded<LiveBatch>(new UnboundedChannelOptions { SingleReader = true });
    private ILiveHost? _self;

    public Task Deliver(LiveBatch batch)
    {
        _inbox.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        _self = grains.CreateObjectReference<ILiveHost>(this);
        _ = Renew(ct);
        var stats = new Dictionary<UnitKey, LiveStats>();
        var events = new List<IssueEvent>();
        var alerts = new List<Grains.Alerts.Alert>();
        var deputies = new List<DeputyUpdate>();
        while (await _inbox.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (_inbox.Reader.TryRead(out var batch))
            {
                foreach (var s in batch.Stats)
                    stats[s.Unit] = stats.TryGetValue(s.Unit, out var older) ? LiveNotifierGrain.Merge(older, s) : s;
                events.AddRange(batch.Events);
                alerts.AddRange(batch.Alerts);
                deputies.AddRange(batch.Deputies);
            }
            if (stats.Count == 0 && events.Count == 0 && alerts.Count == 0 && deputies.Count == 0) continue;
            try
            {
                await Push(stats.Values, events, alerts, deputies);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Live push failed");
            }
            stats.Clear();
            events.Clear();
            alerts.Clear();
            deputies.Clear();
            await Task.Delay(FlushEvery, ct).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        if (_self is not null)
        {
            try { await grains.GetGrain<ILiveHostRegistryGrain>("hosts").Unregister(_self).WaitAsync(TimeSpan.FromSeconds(2), ct); }
            catch (Exception e) { logger.LogDebug(e, "Could not unregister the live host"); }
        }
        await base.StopAsync(ct);
    }

    private async Task Push(IEnumerable<LiveStats> stats, List<IssueEvent> events, List<Grains.Alerts.Alert> alerts, List<DeputyUpdate> deputies)
    {
        var sends = new List<Task>();
        var heat = new Dictionary<UnitKey, List<HeatCell>>();
        foreach (var s in stats)
        {
            var group = LiveSubscriptions.Stats(s.Unit);
            if (subscriptions.Watched(group))
                sends.Add(hub.Clients.Group(group).SendAsync("StatsChanged", StatsChanged.Of(s, options.Value)));
            if (s.Unit.Level != UnitLevel.Grid) continue;
            foreach (var ancestor in s.Ancestors.Where(a => subscriptions.Watched(LiveSubscriptions.Heat(a))))
                (heat.TryGetValue(ancestor, out var cells) ? cells : heat[ancestor] = []).Add(HeatCell.Of(s));
        }
        foreach (var (scope, cells) in heat)
        {
            sends.Add(hub.Clients.Group(LiveSubscriptions.Heat(scope)).SendAsync("HeatChanged", new HeatChanged(UnitKey.Name(scope.Level), scope.Id, cells)));
        }
        foreach (var e in events)
            foreach (var scope in e.Scopes.Where(s => subscriptions.Watched(LiveSubscriptions.Events(s))))
                sends.Add(hub.Clients.Group(LiveSubscriptions.Events(scope)).SendAsync("IssueEvent", IssueEventMessage.Of(e)));
        foreach (var a in alerts)
            foreach (var scope in a.Scopes.Where(s => subscriptions.Watched(LiveSubscriptions.Events(s))))
                sends.Add(hub.Clients.Group(LiveSubscriptions.Events(scope)).SendAsync("Alert", AlertMessage.Of(a)));
        foreach (var d in deputies.Where(d => subscriptions.Watched(LiveSubscriptions.Deputy(d.DeputyId))))
            sends.Add(hub.Clients.Group(LiveSubscriptions.Deputy(d.DeputyId)).SendAsync("DeputyIssues", DeputyIssuesChanged.Of(d)));
        await Task.WhenAll(sends);
    }

    /// <summary>Re-registers periodically: the registry forgets hosts that stop renewing (a dead host).</summary>
    private async Task Renew(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wait = LiveHostRenewal.Period;
            try { await grains.GetGrain<ILiveHostRegistryGrain>("hosts").Register(_self!); }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not register as a live host; retrying");
                wait = TimeSpan.FromSeconds(1);
            }
            await Task.Delay(wait, ct).ConfigureAwait(false);
        }
    }
}
