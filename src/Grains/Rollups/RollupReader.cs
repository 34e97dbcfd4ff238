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
/// Reads rollups from counters, never from single issues: for each grid of the district, its settled months from
/// the grid-month entities (<see cref="IGridMonthStore"/>) and the months it still holds from its grain, fanned out
/// with bounded parallelism; then <see cref="DistrictRollup.Build"/> sums them up the structure.
/// </summary>
public sealed class RollupReader(
    IGrainFactory grains,
    IGridMonthStore months,
    IOptions<GridGovOptions> options,
    [FromKeyedServices(GridGovTime.Key)] TimeProvider time)
{
    /// <summary>Grids read at once.</summary>
    public const int Parallelism = 32;

    public async Task<DistrictRollup> Read(string districtId, RollupPeriod period, CancellationToken ct = default) =>
        await Read(await Structure(districtId), period, ct);

    /// <summary>The rollup of <paramref name="structure"/> as it is now (a closed year's amendments use the structure it was closed with).</summary>
    public async Task<DistrictRollup> Read(DistrictStructure structure, RollupPeriod period, CancellationToken ct = default)
    {
        var counters = await ReadGrids(structure, period, ct);
        var o = options.Value;
        return DistrictRollup.Build(structure, counters, period, o.Weights, o.MinimumDecidedToRank, time.GetUtcNow());
    }

    public async Task<DistrictStructure> Structure(string districtId) =>
        await grains.GetGrain<IDistrictGrain>(districtId).GetStructure()
            ?? throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");

    /// <summary>Every grid's counters of the period (grid id -> counters), read with bounded parallelism.</summary>
    public async Task<IReadOnlyDictionary<string, CounterSet>> ReadGrids(DistrictStructure structure, RollupPeriod period, CancellationToken ct = default)
    {
        var gridIds = structure.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();
        var counters = new ConcurrentDictionary<string, CounterSet>();
        await Parallel.ForEachAsync(gridIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (id, token) => counters[id] = await ReadGrid(id, period, token));
        return counters;
    }

    /// <summary>
    /// One grid's counters of the period. The grain is read before the store: a month the grid moves to storage in
    /// between is then seen twice rather than not at all, and the held copy wins (the two are equal: a month is
    /// stored as held, then dropped, and never changes again).
    /// </summary>
    public async Task<CounterSet> ReadGrid(string gridId, RollupPeriod period, CancellationToken ct = default)
    {
        var held = (await grains.GetGrain<IGridGrain>(gridId).GetSnapshot()).Counters;
        var set = await months.Load(gridId, period.FromMonth, period.ToMonth, ct);
        // The snapshot is the grain's committed state, shared in-process: copy, never modify.
        foreach (var (month, cells) in held.Months.Where(m => period.Contains(m.Key)))
            set.Months[month] = cells.ToDictionary(c => c.Key, c => c.Value.Copy());
        set.Days.Clear();
        return set;
    }
}
