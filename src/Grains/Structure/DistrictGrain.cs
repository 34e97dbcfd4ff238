using GridGov.Grains.Aggregates;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Grids;

namespace GridGov.Grains.Structure;

/// <summary>Holds the imported structure and pushes each unit its profile. Not reentrant: one import at a time.</summary>
public sealed class DistrictGrain(
    [PersistentState("district", StorageNames.Registry)] IPersistentState<DistrictRecord> storage) : Grain, IDistrictGrain
{
    private const int Parallelism = 32;

    public Task<DistrictStructure?> GetStructure() => Task.FromResult(storage.State.Structure);

    public async Task<ImportSummary> Import(DistrictStructure structure)
    {
        StructureValidation.Validate(structure);
        if (structure.Id != this.GetPrimaryKeyString())
            throw Domain.DomainRuleException.Invalid("district.id", "The structure's id does not match the district in the path.");
        var merged = StructureMerge.Merge(storage.State.Structure, structure, storage.State.Retired);
        storage.State = new DistrictRecord { Structure = structure, Retired = merged.Retired };
        await storage.WriteStateAsync();
        await GrainFactory.GetGrain<IDistrictDirectoryGrain>("all").Add(structure.Id, structure.Name, structure.NameEn);

        // Deputies first, so grids can ask their loads; then grids, then aggregates bottom-up.
        await ForEach(merged.Deputies, d => GrainFactory.GetGrain<IDeputyGrain>(d.Profile.Id).Configure(d.Profile, d.Grids, d.Retired));
        await ForEach(merged.Grids, g => GrainFactory.GetGrain<IGridGrain>(g.Id).Configure(g));
        await ForEach(merged.Scopes, s => GrainFactory.GetGrain<IAggregateGrain>(ScopeKeys.Of(s.Level, s.Id)).Configure(s));
        return new ImportSummary(structure.Streets.Count, structure.Streets.Sum(s => s.Communities.Count),
            structure.Streets.Sum(s => s.Communities.Sum(c => c.Grids.Count)), structure.Deputies.Count, merged.RetiredIds);
    }

    /// <summary>Bounded fan-out that stays on the grain's scheduler (Parallel.ForEachAsync would leave it).</summary>
    private static async Task ForEach<T>(IEnumerable<T> items, Func<T, Task> action)
    {
        using var slots = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(items.Select(async item =>
        {
            await slots.WaitAsync();
            try { await action(item); }
            finally { slots.Release(); }
        }));
    }
}

[GenerateSerializer]
public sealed class DistrictRecord
{
    [Id(0)] public DistrictStructure? Structure { get; set; }
    /// <summary>Units removed by earlier imports, kept so they stay retired.</summary>
    [Id(1)] public RetiredUnits Retired { get; set; } = new();
}

[GenerateSerializer]
public sealed class DistrictDirectory
{
    [Id(0)] public Dictionary<string, DistrictEntry> Districts { get; init; } = [];
}

public sealed class DistrictDirectoryGrain(
    [PersistentState("directory", StorageNames.Registry)] IPersistentState<DistrictDirectory> storage) : Grain, IDistrictDirectoryGrain
{
    public async Task Add(string districtId, string name, string nameEn)
    {
        var entry = new DistrictEntry(districtId, name, nameEn);
        if (storage.State.Districts.GetValueOrDefault(districtId) == entry) return;
        storage.State.Districts[districtId] = entry;
        await storage.WriteStateAsync();
    }

    public Task<IReadOnlyList<DistrictEntry>> List() =>
        Task.FromResult<IReadOnlyList<DistrictEntry>>(storage.State.Districts.Values.OrderBy(d => d.Id).ToList());
}
