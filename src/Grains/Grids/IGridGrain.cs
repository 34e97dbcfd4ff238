using GridGov.Grains.Delivery;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;

namespace GridGov.Grains.Grids;

/// <summary>
/// A community grid: the single writer of its open issues. Commands are group-committed; each answer comes
/// after the storage write that carries it, with that write's commit number.
/// </summary>
public interface IGridGrain : IDeltaSender
{
    Task<IssueReceipt> Submit(NewIssue input, string? idempotencyKey);

    Task<IssueReceipt> Act(string issueId, IssueCommand command);

    /// <summary>An issue of this grid, open or archived, with its history; null if there is none.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Issue?> GetIssue(string issueId);

    [Orleans.Concurrency.ReadOnly]
    Task<GridSnapshot> GetSnapshot();

    /// <summary>The grid's place and deputies; null for a grid never imported. What every request checks first, so it
    /// copies nothing else (a snapshot carries the grid's counters).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<GridProfile?> GetProfile();

    /// <summary>The issues the grid still holds (open and awaiting a rating).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Issue>> GetHeldIssues();

    /// <summary>The grid's live figures now, covering its latest commit.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Live.LiveStats?> GetLiveStats();

    /// <summary>Runs the SLA clock now; returns how many issues changed.</summary>
    Task<int> Tick();

    /// <summary>Archives settled issues and stores settled months now rather than with the next write; returns how
    /// many of either it found (0: nothing left to do).</summary>
    Task<int> Settle();

    /// <summary>
    /// Forgets cohort year <paramref name="year"/>: its archived issues, stored months and held issues and counters,
    /// and takes back what the grid gave its community and deputies for it (negative deltas). For replaying a year again.
    /// </summary>
    Task<int> ForgetYear(int year);

    /// <summary>Sets the grid's place and deputies (structure import).</summary>
    Task Configure(GridProfile profile);
}

/// <summary>An issue as committed, the commit that carried the change, and whether the submission was a repeat.</summary>
[GenerateSerializer, Immutable]
public sealed record IssueReceipt([property: Id(0)] Issue Issue, [property: Id(1)] long Commit, [property: Id(2)] bool Repeated = false);

/// <summary>What a grid reports of itself.</summary>
[GenerateSerializer, Immutable]
public sealed record GridSnapshot(
    [property: Id(0)] GridProfile? Profile,
    [property: Id(1)] long Commit,
    [property: Id(2)] IReadOnlyDictionary<int, Tally> Years,
    [property: Id(3)] CounterSet Counters,
    [property: Id(4)] int HeldIssues,
    /// <summary>Month -> its end's snapshot of open issues by cohort month, for months not yet in storage (including
    /// month ends passed since the grid last committed, taken from what it holds).</summary>
    [property: Id(5)] IReadOnlyDictionary<int, Dictionary<int, OpenCount>>? MonthEnds = null);
