using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridGov.Grains.Grids;

/// <summary>
/// The SLA clock's alarm bell, one per silo: wakes a grid at its next due time, on the domain clock (so tests
/// drive it with a fake clock, and Orleans' own clocks stay real). A call to the grid re-activates it if
/// needed; after a restart the grid's wake-up reminder brings it back to set its alarm again.
/// </summary>
public sealed class SlaAlarms([FromKeyedServices(GridGovTime.Key)] TimeProvider time, IGrainFactory grains, ILogger<SlaAlarms> logger) : IDisposable
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(30);
    private readonly Dictionary<string, Alarm> _alarms = [];

    /// <summary>Rings for <paramref name="gridId"/> at <paramref name="due"/>; null cancels. Replaces any earlier alarm.</summary>
    public void Set(string gridId, DateTimeOffset? due)
    {
        lock (_alarms)
        {
            if (_alarms.TryGetValue(gridId, out var current))
            {
                if (current.Due == due) return;
                current.Timer?.Dispose();
                _alarms.Remove(gridId);
            }
            if (due is not { } at) return;
            var wait = at - time.GetUtcNow();
            // Registered before the timer can ring: a timer due now may fire inside CreateTimer.
            var alarm = new Alarm(at);
            _alarms[gridId] = alarm;
            // Timers take at most about 49 days; a later due time (a replayed past year beside live issues) rings early,
            // finds nothing due, and sets the alarm again.
            alarm.Timer = time.CreateTimer(_ => Ring(gridId, alarm), null, wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait,
                Timeout.InfiniteTimeSpan);
        }
    }

    public DateTimeOffset? DueOf(string gridId)
    {
        lock (_alarms) return _alarms.TryGetValue(gridId, out var a) ? a.Due : null;
    }

    private async void Ring(string gridId, Alarm alarm)
    {
        lock (_alarms)
            if (_alarms.TryGetValue(gridId, out var a) && ReferenceEquals(a, alarm)) _alarms.Remove(gridId);
        try
        {
            await grains.GetGrain<IGridGrain>(gridId).Tick();
        }
        catch (Exception e)
        {
            // The wake-up reminder runs the clock's catch-up later; nothing is lost.
            logger.LogWarning(e, "The SLA clock of grid {Grid} could not run", gridId);
        }
    }

    public void Dispose()
    {
        lock (_alarms)
        {
            foreach (var a in _alarms.Values) a.Timer?.Dispose();
            _alarms.Clear();
        }
    }

    private sealed class Alarm(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;
        public ITimer? Timer { get; set; }
    }
}
