using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace GridGov.Grains.Live;

/// <summary>One per silo; see <see cref="ILiveNotifierGrain"/>. Latest value per scope, flushed as one batch per host.</summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class LiveNotifierGrain(ILogger<LiveNotifierGrain> logger) : Grain, ILiveNotifierGrain
{
    /// <summary>Short: each scope is already limited to about 10 publications a second where it is made; this only gathers a batch.</summary>
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan HostsEvery = TimeSpan.FromSeconds(2);
    private Dictionary<UnitKey, LiveStats> _stats = [];
    private List<IssueEvent> _events = [];
    private List<Alerts.Alert> _alerts = [];
    private List<DeputyUpdate> _deputies = [];
    private IReadOnlyList<ILiveHost> _hosts = [];
    private DateTimeOffset _hostsAt = DateTimeOffset.MinValue;
    private IGrainTimer? _flush;

    public Task Publish(LiveStats stats)
    {
        _stats[stats.Unit] = _stats.TryGetValue(stats.Unit, out var older) ? Merge(older, stats) : stats;
        ScheduleFlush();
        return Task.CompletedTask;
    }

    public Task Happened(IReadOnlyList<IssueEvent> events)
    {
        _events.AddRange(events);
        ScheduleFlush();
        return Task.CompletedTask;
    }

    public Task DeputyChanged(DeputyUpdate update)
    {
        _deputies.Add(update);
        ScheduleFlush();
        return Task.CompletedTask;
    }

    public Task Alerted(IReadOnlyList<Alerts.Alert> alerts)
    {
        _alerts.AddRange(alerts);
        ScheduleFlush();
        return Task.CompletedTask;
    }

    /// <summary>The newer stats win; the grid commits both covered are kept.</summary>
    public static LiveStats Merge(LiveStats older, LiveStats newer)
    {
        if (newer.Version < older.Version) (older, newer) = (newer, older);
        if (older.Commits.Count == 0) return newer;
        var commits = new Dictionary<string, long>(older.Commits);
        foreach (var (grid, commit) in newer.Commits) commits[grid] = Math.Max(commit, commits.GetValueOrDefault(grid));
        return newer with { Commits = commits };
    }

    private void ScheduleFlush()
    {
        _flush ??= this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions(FlushEvery, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private async Task Flush()
    {
        _flush?.Dispose();
        _flush = null;
        var batch = new LiveBatch(_stats.Values.ToList(), _events, _alerts, _deputies);
        _deputies = [];
        _stats = [];
        _events = [];
        _alerts = [];
        if (DateTimeOffset.UtcNow - _hostsAt > HostsEvery)
        {
            try
            {
                _hosts = await GrainFactory.GetGrain<ILiveHostRegistryGrain>("hosts").Hosts();
                _hostsAt = DateTimeOffset.UtcNow;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not refresh the live hosts; using the {Count} known", _hosts.Count);
            }
        }
        foreach (var host in _hosts)
        {
            try { await host.Deliver(batch); }
            catch (Exception e) { logger.LogDebug(e, "A live host did not take a batch"); }
        }
    }
}
