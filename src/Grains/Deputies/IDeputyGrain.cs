using GridGov.Grains.Live;
using GridGov.Grains.Delivery;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Deputies;

/// <summary>A deputy: tracks the open issues assigned to them across all their grids, fed by the grids' deltas.</summary>
public interface IDeputyGrain : IDeltaReceiver
{
    /// <summary>Open issues in grids other than <paramref name="gridId"/> (that grid counts its own exactly).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<DeputyLoad> GetLoad(string gridId);

    [Orleans.Concurrency.ReadOnly]
    Task<DeputySnapshot> GetSnapshot();

    /// <summary>Per grid that sends to this deputy, the counters of cohort months <paramref name="fromMonth"/>..<paramref name="toMonth"/>
    /// (yyyyMM, no days): what rollups per deputy read, without the cards.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyDictionary<string, CounterSet>> GetMonths(int fromMonth, int toMonth);

    Task Configure(DeputyProfile profile, IReadOnlyList<string> grids, bool retired);

    /// <summary>A grid's committed card changes, told ahead of their delta: shown on the deputy's screens at once.</summary>
    [Orleans.Concurrency.OneWay]
    Task Hint(CardHint hint);

    /// <summary>Marks a leave period (replacing any overlapping one); past ones are dropped.</summary>
    Task<IReadOnlyList<LeavePeriod>> SetLeave(LeavePeriod leave);

    Task<IReadOnlyList<LeavePeriod>> ClearLeave();
}

[GenerateSerializer, Immutable]
public sealed record DeputySnapshot(
    [property: Id(0)] DeputyProfile? Profile,
    [property: Id(1)] IReadOnlyList<string> Grids,
    [property: Id(2)] IReadOnlyList<IssueCard> Issues,
    [property: Id(3)] CounterSet Counters,
    [property: Id(4)] bool Retired,
    [property: Id(5)] IReadOnlyDictionary<string, long> Origins,
    [property: Id(6)] IReadOnlyList<LeavePeriod> Leaves);
