using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridGov.Bench.Live;

/// <summary>
/// One SignalR client on /hubs/live with its subscriptions (renewed after a reconnect). A probe also records,
/// for its grid at each level, when the covered commit of that grid first grew.
/// </summary>
public sealed class LiveWatcher : IWatcher
{
    private readonly List<(string Scope, string Id)> _subscriptions;
    private long _stats, _events, _reconnects;

    public HubConnection Connection { get; }
    public ProbeTrack? Probe { get; }
    public long StatsReceived => Interlocked.Read(ref _stats);
    public long EventsReceived => Interlocked.Read(ref _events);
    public long Reconnects => Interlocked.Read(ref _reconnects);

    public LiveWatcher(Uri baseUrl, string token, IEnumerable<(string Scope, string Id)> subscriptions, ProbeTrack? probe)
    {
        _subscriptions = subscriptions.Distinct().ToList();
        Probe = probe;
        Connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "hubs/live"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .WithAutomaticReconnect()
            .Build();
        // A loaded two-core machine can hold a keep-alive back for a while: do not drop a client for it.
        Connection.ServerTimeout = TimeSpan.FromSeconds(60);
        Connection.On<StatsMessage>("StatsChanged", m =>
        {
            var at = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _stats);
            Probe?.Seen(m, at);
        });
        Connection.On<EventMessage>("IssueEvent", _ => { Interlocked.Increment(ref _events); });
        Connection.On<EventMessage>("Alert", _ => { Interlocked.Increment(ref _events); });
        Connection.Reconnected += async _ =>
        {
            Interlocked.Increment(ref _reconnects);
            await SubscribeAll();
        };
    }

    public async Task Start(CancellationToken ct)
    {
        await Connection.StartAsync(ct);
        await SubscribeAll();
    }

    private async Task SubscribeAll()
    {
        foreach (var (scope, id) in _subscriptions)
        {
            var snapshot = await Connection.InvokeAsync<StatsMessage>("Subscribe", scope, id);
            Probe?.Seen(snapshot, Stopwatch.GetTimestamp());
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await Connection.StopAsync().WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception) { /* the host may be gone already */ }
        await Connection.DisposeAsync();
    }
}

/// <summary>The four levels a probe watches, in the order the report lists them.</summary>
public enum Level { Grid, Community, Street, District }

/// <summary>
/// A probe grid's record per level: the times at which the newest commit of the grid that the level's
/// StatsChanged covered went up. The first entry at or above a commit is the first message covering it.
/// </summary>
public sealed class ProbeTrack(int index, GridPlace place)
{
    private readonly List<(long At, long Commit)>[] _seen = [[], [], [], []];

    public int Index { get; } = index;
    public GridPlace Place { get; } = place;

    public IEnumerable<(string Scope, string Id)> Subscriptions =>
        [("grid", Place.GridId), ("community", Place.CommunityId), ("street", Place.StreetId), ("district", Place.DistrictId)];

    public void Seen(StatsMessage m, long at)
    {
        if (m.Commits is null || !m.Commits.TryGetValue(Place.GridId, out var commit)) return;
        Level? level = m.Scope switch
        {
            "grid" when m.Id == Place.GridId => Level.Grid,
            "community" when m.Id == Place.CommunityId => Level.Community,
            "street" when m.Id == Place.StreetId => Level.Street,
            "district" when m.Id == Place.DistrictId => Level.District,
            _ => null,
        };
        if (level is not { } l) return;
        var list = _seen[(int)l];
        lock (list)
            if (list.Count == 0 || commit > list[^1].Commit) list.Add((at, commit));
    }

    /// <summary>When the first message at <paramref name="level"/> covering <paramref name="commit"/> arrived; null if none yet.</summary>
    public long? FirstCovering(Level level, long commit)
    {
        var list = _seen[(int)level];
        lock (list)
        {
            int lo = 0, hi = list.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (list[mid].Commit >= commit) hi = mid; else lo = mid + 1;
            }
            return lo < list.Count ? list[lo].At : null;
        }
    }
}
