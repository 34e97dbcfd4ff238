using System.Collections.Concurrent;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Grids;
using GridGov.Grains.Structure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGov.Grains.Rollups;

/// <summary>
/// Reads rollups from counters, never from single issues: for each grid of the district one GET of its year blob
/// returns its stored months, still packed, and its "held" marker; only a grid whose marker names a month of the period
/// (or that has no marker yet) is asked for what its grain holds. Final periods are cached (<see cref="SettledMonthCache"/>). Then
/// <see cref="DistrictRollup.Build"/> sums them up the structure.
/// </summary>
public sealed class RollupReader(
    IGrainFactory grains,
    IGridMonthStore months,
    SettledMonthCache cache,
    IOptions<GridGovOptions> options,
    [FromKeyedServices(GridGovTime.Key)] TimeProvider time)
{
    /// <summary>Grids whose grains are read at once.</summary>
    public const int Parallelism = 16;

    /// <summary>What slices by category are named from.</summary>
    public CategoryCatalogue Categories => options.Value.Catalogue;

    /// <summary>A period is cached as final only this long after it ended: clocks of silos differ a little.</summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromHours(1);

    public async Task<DistrictRollup> Read(string districtId, RollupPeriod period, CancellationToken ct = default) =>
        await Read(await Structure(districtId), period, ct);

    /// <summary>The rollup of <paramref name="structure"/> as it is now (a closed year's amendments use the structure it was closed with).</summary>
    public async Task<DistrictRollup> Read(DistrictStructure structure, RollupPeriod period, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var generation = cache.Generation;
        if (cache.Built(structure.Id, period.FromMonth, period.ToMonth, structure) is { } built) return built.ReadAgainAt(now);
        var grids = await ReadGrids(structure, period, ct);
        var calendar = DistrictCalendar.For(structure.TimeZone);
        var ended = calendar.MonthKey(now) > period.ToMonth;
        var o = options.Value;
        var rollup = DistrictRollup.Build(structure, grids.ToDictionary(r => r.Key, r => r.Value.Counters), period, o.Weights,
            o.MinimumDecidedToRank, now, ended ? grids.ToDictionary(r => r.Key, r => r.Value.OpenAtEndOf(period)) : null);
        // Every grid final: nothing in this rollup can change until the structure or the stored data does.
        if (calendar.EndOf(period.ToMonth) + ClockMargin <= now && grids.Keys.All(id => cache.IsFinal(id, period.FromMonth, period.ToMonth)))
            cache.PutBuilt(structure.Id, structure, rollup, generation);
        return rollup;
    }

    public async Task<DistrictStructure> Structure(string districtId) =>
        await grains.GetGrain<IDistrictGrain>(districtId).GetStructure()
            ?? throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");

    /// <summary>
    /// Every grid's counters of the period and its month-end snapshots of the period's months (grid id -> both):
    /// final grids from the cache, the rest from the store at once, grains only where the marker says so. With
    /// <paramref name="only"/>, those grids of the structure alone.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GridPeriod>> ReadGrids(DistrictStructure structure, RollupPeriod period, CancellationToken ct = default,
        IReadOnlyCollection<string>? only = null)
    {
        var gridIds = only ?? structure.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();
        var calendar = DistrictCalendar.For(structure.TimeZone);
        var finalAfter = calendar.EndOf(period.ToMonth) + ClockMargin <= time.GetUtcNow();
        var read = new ConcurrentDictionary<string, GridPeriod>();
        var generation = cache.Generation;
        var toRead = new List<string>();
        foreach (var id in gridIds)
            if (cache.TryGetFinal(id, period.FromMonth, period.ToMonth, out var cached)) read[id] = GridPeriod.Of(period, cached);
            else toRead.Add(id);
        var stored = toRead.Count == 0 ? new Dictionary<string, PackedGridMonths>()
            : await months.ReadMany(toRead, period.FromMonth, period.ToMonth, ct);
        var heldInPeriod = new List<string>();
        foreach (var (id, s) in stored)
        {
            if (s.Held is null || s.Held.Any(period.Contains)) { heldInPeriod.Add(id); continue; }
            if (finalAfter) cache.PutFinal(id, period.FromMonth, period.ToMonth, s.Years, generation);
            read[id] = GridPeriod.Of(period, s.Years);
        }
        await Parallel.ForEachAsync(heldInPeriod, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (id, token) => read[id] = await ReadHeld(id, period, token));
        return read;
    }

    /// <summary>
    /// One grid's counters of the period, and its snapshots of open issues by cohort month at the end of each of the
    /// period's months, for a grid whose marker (already read) says its grain holds a month of the period. The grain is
    /// read before the store is read again: a month the grid moves to storage in between is then seen twice rather than
    /// not at all, and the held copy wins (the two are equal: a month is stored as held, then dropped, and never changes
    /// again).
    /// </summary>
    private async Task<GridPeriod> ReadHeld(string gridId, RollupPeriod period, CancellationToken ct)
    {
        var held = await grains.GetGrain<IGridGrain>(gridId).GetSnapshot();
        var stored = await months.ReadPacked(gridId, period.FromMonth, period.ToMonth, ct);
        // The snapshot is the grain's committed state, shared in-process: copy, never modify.
        var result = GridPeriod.Of(period, stored.Years, held.Counters.OnlyMonths(period.FromMonth, period.ToMonth));
        var ends = new Dictionary<int, IReadOnlyDictionary<int, OpenCount>>(result.MonthEnds);
        foreach (var (month, end) in held.MonthEnds ?? new Dictionary<int, Dictionary<int, OpenCount>>())
            if (period.Contains(month)) ends[month] = end;
        return result with { MonthEnds = ends };
    }
}

/// <summary>
/// One grid's counters of a period and, for each month of the period whose end has passed, its snapshot of open issues
/// by cohort month at that end (shared: read-only).
/// </summary>
public sealed record GridPeriod(GridCounters Counters, IReadOnlyDictionary<int, IReadOnlyDictionary<int, OpenCount>> MonthEnds)
{
    /// <summary>The period's counters from stored years (and months a grain holds), with the stored month-end snapshots of the period's months.</summary>
    public static GridPeriod Of(RollupPeriod period, IReadOnlyList<PackedGridYear> stored, CounterSet? held = null)
    {
        var ends = new Dictionary<int, IReadOnlyDictionary<int, OpenCount>>();
        foreach (var year in stored)
            foreach (var (month, end) in year.MonthEnds)
                if (period.Contains(month)) ends[month] = end;
        return new GridPeriod(new GridCounters(period, stored, held), ends);
    }

    /// <summary>Of the period's cohort months, the issues open (and past due) when its last month ended.</summary>
    public IReadOnlyDictionary<int, OpenCount> OpenAtEndOf(RollupPeriod period) =>
        MonthEnds.GetValueOrDefault(period.ToMonth)?.Where(c => period.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value)
            ?? new Dictionary<int, OpenCount>();
}
