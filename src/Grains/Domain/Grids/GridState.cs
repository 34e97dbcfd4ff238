using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Domain.Grids;

/// <summary>
/// Everything a grid keeps in its one storage entity: bounded to its open and recently closed issues, the
/// months still changing, recent days, unexpired idempotency keys and undelivered deltas.
/// </summary>
[GenerateSerializer]
public sealed class GridState
{
    [Id(0)] public GridProfile? Profile { get; set; }
    /// <summary>Issues not yet settled (open, or closed and awaiting a rating and not parked) and settled ones not yet archived.</summary>
    [Id(1)] public Dictionary<string, Issue> Issues { get; init; } = [];
    [Id(2)] public CounterSet Counters { get; init; } = new();
    /// <summary>Month of receipt (yyyyMM) -> last issue sequence number used in it.</summary>
    [Id(3)] public Dictionary<int, long> Sequences { get; init; } = [];
    /// <summary>Idempotency-Key -> the issue it created, kept until it expires.</summary>
    [Id(4)] public Dictionary<string, IdempotentSubmission> Submissions { get; init; } = [];
    [Id(5)] public Outbox Outbox { get; init; } = new();
    /// <summary>The number of the latest commit (storage write) of this grid.</summary>
    [Id(6)] public long Commit { get; set; }
    /// <summary>Cohort year -> totals, so a grid answers for its whole year after months move to storage.</summary>
    [Id(7)] public Dictionary<int, Tally> Years { get; init; } = [];
    /// <summary>Month (yyyyMM) -> its end's snapshot of open issues by cohort month, until it moves to storage with
    /// that month's counters.</summary>
    [Id(8)] public Dictionary<int, Dictionary<int, OpenCount>> MonthEnds { get; init; } = [];
    /// <summary>The last month whose end has been snapshotted (0: none yet).</summary>
    [Id(9)] public int MonthEndsThrough { get; set; }
    /// <summary>The months the store's "held" marker lists as held by this grid (null: no marker written yet).</summary>
    [Id(10)] public List<int>? MarkedMonths { get; set; }

    /// <summary>Closed issues awaiting their rating whose bodies are in the archive (see <see cref="GridBook.Park"/>).</summary>
    [Id(11)] public Dictionary<string, ParkedIssue> Parked { get; init; } = [];

    /// <summary>Issues changed by the commit being built. Not stored, not copied: each commit starts empty.</summary>
    [field: NonSerialized]
    public HashSet<string> Touched { get; } = [];
}

[GenerateSerializer, Immutable]
public sealed record IdempotentSubmission([property: Id(0)] string IssueId, [property: Id(1)] DateTimeOffset ExpiresAt);
