using System.Collections.Concurrent;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Rollups;

namespace GridGov.Grains.Years;

/// <summary>
/// A district's year as it was closed: the structure, the scoring rules, every grid's counters of the year's months
/// and its month-end snapshots of open issues at close time, and who closed it when. Immutable once made: every rollup of the year (any level, any period, every
/// slice) is rebuilt from it with <see cref="DistrictRollup.Build"/>, so published figures never move.
/// </summary>
public sealed class ClosedYear
{
    private readonly ConcurrentDictionary<string, DistrictRollup> _rollups = new();

    public required string DistrictId { get; init; }
    public required int Year { get; init; }
    public required DateTimeOffset ClosedAt { get; init; }
    /// <summary>The actor who closed it ("admin:ID").</summary>
    public required string ClosedBy { get; init; }
    public required DistrictStructure Structure { get; init; }
    public required ScoreWeights Weights { get; init; }
    public required int MinimumDecidedToRank { get; init; }
    /// <summary>Grid id -> its counters of the year's months (no days). Never modified.</summary>
    public required IReadOnlyDictionary<string, CounterSet> Grids { get; init; }
    /// <summary>Grid id -> month of the year -> its end's open issues by cohort month of the year (only non-zero
    /// cohorts; a month without open issues may be missing). Null for a year stored before snapshots were kept: its
    /// rollups then give openAtPeriodEnd as the gauges at close time. Never modified.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<int, IReadOnlyDictionary<int, OpenCount>>>? MonthEnds { get; init; }

    /// <summary>The published rollup of a period of this year, built once and kept (the snapshot cannot change).</summary>
    public DistrictRollup Rollup(RollupPeriod period)
    {
        if (period.Year != Year) throw new ArgumentException($"{period.Label} is not in {Year}.", nameof(period));
        return _rollups.GetOrAdd(period.Label, _ => DistrictRollup.Build(Structure, Grids, period, Weights, MinimumDecidedToRank, ClosedAt,
            OpenAtEndOf(period)));
    }

    /// <summary>Grid id -> the snapshot at the end of the period's last month (a closed year has ended: every month's is due).</summary>
    private IReadOnlyDictionary<string, IReadOnlyDictionary<int, OpenCount>>? OpenAtEndOf(RollupPeriod period)
    {
        if (MonthEnds is null) return null;
        var empty = new Dictionary<int, OpenCount>();
        return Grids.Keys.Concat(MonthEnds.Keys).Distinct().ToDictionary(g => g,
            g => MonthEnds.GetValueOrDefault(g)?.GetValueOrDefault(period.ToMonth) ?? empty);
    }
}
