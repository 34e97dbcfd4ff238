namespace GridGov.Grains.Live;

/// <summary>
/// Publishes a grain's live stats at most every <see cref="Interval"/> (about 10 a second), always its latest
/// state: changes in between are merged. The first change after a quiet spell goes out after <see cref="Gather"/>
/// only (a burst of one turn still makes one publication), later ones at the next free slot. Lives in the grain and
/// runs on its scheduler; times are real (not the domain clock).
/// </summary>
public sealed class LivePublisher(IGrainBase grain, IGrainFactory grains, Func<IReadOnlyDictionary<string, long>, LiveStats?> build)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a first change waits for the rest of its burst.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(5);
    private Dictionary<string, long> _commits = [];
    private IGrainTimer? _timer;
    private long _lastPublished = long.MinValue;
    private ILiveNotifierGrain? _notifier;

    /// <summary>The grain changed; <paramref name="commits"/> are the grid commits the change carries.</summary>
    public void Changed(IReadOnlyDictionary<string, long> commits)
    {
        foreach (var (grid, commit) in commits) _commits[grid] = Math.Max(commit, _commits.GetValueOrDefault(grid));
        if (_timer is not null) return;
        var free = _lastPublished == long.MinValue ? TimeSpan.Zero : Interval - TimeProvider.System.GetElapsedTime(_lastPublished);
        var due = free > Gather ? free : Gather;
        _timer = grain.RegisterGrainTimer(Publish, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private Task Publish()
    {
        _timer?.Dispose();
        _timer = null;
        _lastPublished = TimeProvider.System.GetTimestamp();
        var stats = build(_commits);
        _commits = [];
        return stats is null ? Task.CompletedTask : (_notifier ??= grains.GetGrain<ILiveNotifierGrain>(0)).Publish(stats);
    }
}
