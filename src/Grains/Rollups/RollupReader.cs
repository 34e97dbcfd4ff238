using System.Collections.Concurrent;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Grains.Structure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGov.Grains.Rollups;

/// <summary>
/// Reads rollups from counters, never from single issues: for each grid of the district one partition query returns
/// its stored months and its "held" marker; only a grid whose marker names a month of the period (or that has no
/// marker yet) is asked for what its grain holds. Settled months are cached (<see cref="SettledMonthCache"/>). Then
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

    /// <summary>Grids per store query (a range of partition keys) and such queries at once. Azurite runs each query as
    /// a scan of the whole table on its one core: few wide queries beat many narrow ones there.</summary>
    public const int GridsPerQuery = 64;
    public const int QueryParallelism = 4;

    /// <summary>A period is cached as final only this long after it ended: clocks of silos differ a little.</summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromHours(1);

    public async Task<DistrictRollup> Read(string districtId, RollupPeriod period, CancellationToken ct = default)
    {
        var structure = await grains.GetGrain<IDistrictGrain>(districtId).GetStructure()
            ?? throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");
        var gridIds = structure.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();
        var calendar = DistrictCalendar.For(structure.TimeZone);
        var now = time.GetUtcNow();
        var ended = calendar.MonthKey(now) > period.ToMonth;
        var finalAfter = calendar.EndOf(period.ToMonth) + ClockMargin <= now;
        var read = new ConcurrentDictionary<string, GridPeriod>();
        // Settled grids from the cache; the rest from the store in wide range queries; grains only where the marker says so.
        var generation = cache.Generation;
        var toRead = gridIds.Where(id => !cache.IsFinal(id, period.FromMonth, period.ToMonth)).ToList();
        if (toRead.Count == 0 && cache.Built(districtId, period.FromMonth, period.ToMonth, structure) is { } built)
            return built.ReadAgainAt(now);
        foreach (var id in gridIds.Except(toRead).ToList())
            if (cache.TryGetFinal(id, period.FromMonth, period.ToMonth, out var cached)) read[id] = Of(cached, period);
            else toRead.Add(id);
        var stored = toRead.Count == 0 ? new Dictionary<string, StoredGridMonths>()
            : await months.ReadMany(toRead, period.FromMonth, period.ToMonth, GridsPerQuery, QueryParallelism, ct);
        var heldInPeriod = new List<string>();
        foreach (var (id, s) in stored)
        {
            if (s.Held is null || s.Held.Any(period.Contains)) { heldInPeriod.Add(id); continue; }
            var storedMonths = Stored(s);
            cache.Put(id, period.FromMonth, period.ToMonth, storedMonths, final: finalAfter, generation);
            read[id] = Of(storedMonths, period);
        }
        await Parallel.ForEachAsync(heldInPeriod, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (id, token) => read[id] = await ReadGrid(id, period, finalAfter, token));
        var o = options.Value;
        var rollup = DistrictRollup.Build(structure, read.ToDictionary(r => r.Key, r => r.Value.Counters), period, o.Weights, o.MinimumDecidedToRank, now,
            ended ? read.ToDictionary(r => r.Key, r => r.Value.OpenAtEnd) : null);
        // Every grid final: nothing in this rollup can change until the structure or the stored data does.
        if (finalAfter && gridIds.All(id => cache.IsFinal(id, period.FromMonth, period.ToMonth))) cache.PutBuilt(districtId, structure, rollup, generation);
        return rollup;
    }

    /// <summary>
    /// One grid's counters of the period, and its snapshot of open issues by cohort month at the end of the period's
    /// last month. When the marker sends us to the grain, the grain is read before the store is read again: a month
    /// the grid moves to storage in between is then seen twice rather than not at all, and the held copy wins (the two
    /// are equal: a month is stored as held, then dropped, and never changes again).
    /// </summary>
    public async Task<GridPeriod> ReadGrid(string gridId, RollupPeriod period, bool finalAfter = false, CancellationToken ct = default)
    {
        if (cache.TryGetFinal(gridId, period.FromMonth, period.ToMonth, out var cached)) return Of(cached, period);
        var generation = cache.Generation;
        var stored = await months.Read(gridId, period.FromMonth, period.ToMonth, ct);
        var heldInPeriod = stored.Held is null || stored.Held.Any(period.Contains);
        GridSnapshot? held = null;
        if (heldInPeriod)
        {
            held = await grains.GetGrain<IGridGrain>(gridId).GetSnapshot();
            stored = await months.Read(gridId, period.FromMonth, period.ToMonth, ct);
        }
        var storedMonths = Stored(stored);
        cache.Put(gridId, period.FromMonth, period.ToMonth, storedMonths, final: !heldInPeriod && finalAfter, generation);
        var result = Of(storedMonths, period);
        if (held is null) return result;
        // The snapshot is the grain's committed state, shared in-process: copy, never modify.
        foreach (var (month, cells) in held.Counters.Months.Where(m => period.Contains(m.Key)))
            result.Counters.Months[month] = cells.ToDictionary(c => c.Key, c => c.Value.Copy());
        if (held.MonthEnds?.GetValueOrDefault(period.ToMonth) is { } end) result = result with { OpenAtEnd = Cohorts(end, period) };
        return result;
    }

    private static Dictionary<int, StoredMonth> Stored(StoredGridMonths stored)
    {
        var all = new Dictionary<int, StoredMonth>();
        foreach (var month in stored.Months.Keys.Union(stored.MonthEnds.Keys))
            all[month] = new StoredMonth(stored.Months.GetValueOrDefault(month), stored.MonthEnds.GetValueOrDefault(month));
        return all;
    }

    /// <summary>The period's counters from stored months (their cells shared, not copied) and the period end's snapshot.</summary>
    private static GridPeriod Of(IReadOnlyDictionary<int, StoredMonth> stored, RollupPeriod period)
    {
        var counters = new CounterSet();
        foreach (var (month, data) in stored)
            if (period.Contains(month) && data.Cells is { Count: > 0 } cells) counters.Months[month] = cells;
        return new GridPeriod(counters, Cohorts(stored.GetValueOrDefault(period.ToMonth)?.MonthEnd, period));
    }

    private static Dictionary<int, OpenCount> Cohorts(IReadOnlyDictionary<int, OpenCount>? snapshot, RollupPeriod period) =>
        snapshot?.Where(c => period.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value) ?? [];
}

/// <summary>One grid's counters of a period (months within it only; shared with the cache: read-only) and, by cohort
/// month within the period, its issues open at the end of the period's last month.</summary>
public sealed record GridPeriod(CounterSet Counters, IReadOnlyDictionary<int, OpenCount> OpenAtEnd);
