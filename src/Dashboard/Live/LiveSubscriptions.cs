using System.Collections.Concurrent;
using GridGov.Grains.Domain.Units;

namespace GridGov.Dashboard.Live;

/// <summary>This host's SignalR subscriptions: which groups have watchers, and each connection's groups.</summary>
public sealed class LiveSubscriptions
{
    private readonly ConcurrentDictionary<string, int> _watchers = new();
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new();

    public static string Stats(UnitKey unit) => "stats:" + unit.Key;
    public static string Heat(UnitKey unit) => "heat:" + unit.Key;
    public static string Events(UnitKey unit) => "events:" + unit.Key;
    public static string Deputy(string deputyId) => "issues:" + UnitKey.Deputy(deputyId).Key;

    public bool Watched(string group) => _watchers.TryGetValue(group, out var n) && n > 0;

    /// <summary>Records that <paramref name="connectionId"/> joined <paramref name="group"/>; false if it already had.</summary>
    public bool Add(string connectionId, string group)
    {
        var groups = _byConnection.GetOrAdd(connectionId, _ => []);
        lock (groups)
            if (!groups.Add(group)) return false;
        _watchers.AddOrUpdate(group, 1, (_, n) => n + 1);
        return true;
    }

    public bool Remove(string connectionId, string group)
    {
        if (!_byConnection.TryGetValue(connectionId, out var groups)) return false;
        lock (groups)
            if (!groups.Remove(group)) return false;
        _watchers.AddOrUpdate(group, 0, (_, n) => Math.Max(0, n - 1));
        return true;
    }

    public void Disconnected(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var groups)) return;
        lock (groups)
            foreach (var g in groups) _watchers.AddOrUpdate(g, 0, (_, n) => Math.Max(0, n - 1));
    }
}
