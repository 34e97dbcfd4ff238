namespace GridGov.Silo.Replay;

/// <summary>What to replay: a year of a district at a scale (1 = the reviews' volume), deterministic for a seed.</summary>
public sealed record ReplayOptions
{
    public const int DefaultSeed = 20250101;

    public required int Year { get; init; }
    public string DistrictId { get; init; } = "demo";
    public double Scale { get; init; } = 1;
    public int Seed { get; init; } = DefaultSeed;
    /// <summary>Events within one quantum of domain time run together (each at the quantum's start), across grids at once.</summary>
    public TimeSpan Quantum { get; init; } = TimeSpan.FromMinutes(60);
    /// <summary>Issues acted on at once.</summary>
    public int Parallelism { get; init; } = 32;
    public ReplayRates Rates { get; init; } = new();
}

/// <summary>The paths the replay took, counted as they happened (thread-safe).</summary>
public sealed class ReplayCounts
{
    public long Filed, Accepted, Declined, Voided, Responded, RespondedLate, Started, Suspended, Resumed, Resolved, Closed;
    public long Overdue, Rated, Unsatisfied, Reopened, NearWindowRatings, LateRatingsRefused, CrossedMonthEnd, Unexpected;

    public void Add(ref long counter) => Interlocked.Increment(ref counter);

    /// <summary>The first refusals the plan did not expect (at most 20), for diagnostics.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Problems { get; } = new();
}

/// <summary>A figure line of the replayed year, from the grids' own year totals.</summary>
public sealed record ReplaySummary(
    int Year, long Received, long Accepted, long NotAccepted, long Voided, long Resolved, long ClosedUnresolved, long Rated,
    string ResolutionRate, string ResponseRate, string SatisfactionRate, TimeSpan Elapsed, ReplayCounts Paths);
