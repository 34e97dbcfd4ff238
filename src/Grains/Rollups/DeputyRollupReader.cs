using System.Collections.Concurrent;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Structure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGov.Grains.Rollups;

/// <summary>
/// Reads rollups per deputy from each deputy grain's counters (per sending grid, months of the period only), fanned
/// out over the district's deputies with bounded parallelism; <see cref="DeputyRollup.Build"/> does the rest. Deputies
/// keep every month, so the grain holds the whole year; nothing is read from grid-month entities or closed years.
/// </summary>
public sealed class DeputyRollupReader(
    IGrainFactory grains,
    IOptions<GridGovOptions> options,
    [FromKeyedServices(GridGovTime.Key)] TimeProvider time)
{
    /// <summary>Deputies read at once.</summary>
    public const int Parallelism = 32;

    /// <summary>What slices by category are named from.</summary>
    public CategoryCatalogue Categories => options.Value.Catalogue;

    public async Task<DeputyRollup> Read(string districtId, RollupPeriod period, CancellationToken ct = default) =>
        await Read(await Structure(districtId), period, ct);

    public async Task<DeputyRollup> Read(DistrictStructure structure, RollupPeriod period, CancellationToken ct = default)
    {
        var counters = new ConcurrentDictionary<string, IReadOnlyDictionary<string, CounterSet>>();
        await Parallel.ForEachAsync(structure.Deputies.Select(d => d.Id).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (id, _) => counters[id] = await grains.GetGrain<IDeputyGrain>(id).GetMonths(period.FromMonth, period.ToMonth));
        var o = options.Value;
        return DeputyRollup.Build(structure, counters, period, o.Weights, o.MinimumDecidedToRank, time.GetUtcNow());
    }

    public async Task<DistrictStructure> Structure(string districtId) =>
        await grains.GetGrain<IDistrictGrain>(districtId).GetStructure()
            ?? throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");
}
