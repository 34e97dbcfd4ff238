namespace GridGov.Grains.Live;

/// <summary>
/// Publishes a grain's live stats at most every <see cref="Interval"/> (about 10 a second), always its latest
/// state: changes in between are merged. Lives in the grain and runs on its scheduler.
/// </summary>
public sealed class LivePublisher(IGrainBase grain, IGrainFactory grains, Func<IReadOnlyDictionary<string, long>, LiveStats?> build)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private Dictionary<string, long> _commits = [];
    private IGrainTimer? _timer;

    /// <summary>The grain changed; <paramref name="commits"/> are the grid commits the change carries.</summary>
    public void Changed(IReadOnlyDictionary<string, long> commits)
    {
        foreach (var (grid, commit) in commits) _commits[grid] = Math.Max(commit, _commits.GetValueOrDefault(grid));
        _timer ??= grain.RegisterGrainTimer(Publish, new GrainTimerCreationOptions(Interval, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private Task Publish()
    {
        _timer?.Dispose();
        _timer = null;
        var stats = build(_commits);
        _commits = [];
        return stats is null ? Task.CompletedTask : grains.GetGrain<ILiveNotifierGrain>(0).Publish(stats);
    }
}
