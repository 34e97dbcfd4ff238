namespace GridGov.Silo.Demo;

/// <summary>The next planned step of one followed issue, due at <see cref="Due"/> (domain time).</summary>
public sealed record FollowUp(
    string IssueId, string GridId, string DeputyId, IReadOnlyList<PlannedStep> Steps, int Index, DateTimeOffset Due, long Order,
    int Attempts = 0)
{
    public PlannedStep Step => Steps[Index];
}

/// <summary>
/// The pending follow-ups, by due time (ties by the order issues were filed in, then by step), bounded by the
/// number of issues followed: each followed issue holds one slot, from <see cref="TryReserve"/> before it is
/// filed until <see cref="Finish"/>, and has at most one step pending. Thread-safe.
/// </summary>
public sealed class TrafficSchedule(int capacity)
{
    private readonly PriorityQueue<FollowUp, (DateTimeOffset Due, long Order, int Index)> _queue = new();
    private readonly Lock _lock = new();
    private int _followed;

    public int Capacity { get; } = capacity;

    /// <summary>Issues followed: pending here or being acted on.</summary>
    public int Followed
    {
        get { lock (_lock) return _followed; }
    }

    public int Pending
    {
        get { lock (_lock) return _queue.Count; }
    }

    /// <summary>Takes a slot for a new issue; false while the schedule is full.</summary>
    public bool TryReserve()
    {
        lock (_lock)
        {
            if (_followed >= Capacity) return false;
            _followed++;
            return true;
        }
    }

    /// <summary>Queues the next step of an issue that holds a slot.</summary>
    public void Add(FollowUp followUp)
    {
        lock (_lock) _queue.Enqueue(followUp, (followUp.Due, followUp.Order, followUp.Index));
    }

    /// <summary>The issue needs nothing more: frees its slot.</summary>
    public void Finish()
    {
        lock (_lock) _followed = Math.Max(0, _followed - 1);
    }

    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock) return _queue.TryPeek(out _, out var key) ? key.Due : null;
        }
    }

    /// <summary>Takes the earliest step if it is due by <paramref name="now"/>; the issue keeps its slot.</summary>
    public bool TryTakeDue(DateTimeOffset now, out FollowUp followUp)
    {
        lock (_lock)
        {
            if (_queue.TryPeek(out var next, out var key) && key.Due <= now)
            {
                _queue.Dequeue();
                followUp = next;
                return true;
            }
        }
        followUp = null!;
        return false;
    }
}
