using GridGov.Grains.Aggregates;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Grids;
using Microsoft.Extensions.Logging;

namespace GridGov.Grains.Structure;

/// <summary>
/// Holds the imported structure and pushes each unit its profile. Not reentrant: one import at a time.
/// An import is stored as pending before any unit is configured and marked done after the last one, so an import
/// that a stop interrupts is finished by <see cref="ResumeImport"/> (every host calls it at start) or by importing again.
/// </summary>
public sealed class DistrictGrain(
    [PersistentState("district", StorageNames.Registry)] IPersistentState<DistrictRecord> storage,
    ILogger<DistrictGrain> logger) : Grain, IDistrictGrain
{
    private const int Parallelism = 32;

    public Task<DistrictStructure?> GetStructure() => Task.FromResult(storage.State.Structure);

    public Task<ImportStatus> GetImportStatus() => Task.FromResult(storage.State switch
    {
        { Structure: null } => ImportStatus.None,
        { Pending: true } => ImportStatus.Pending,
        _ => ImportStatus.Done,
    });

    public async Task<ImportSummary> Import(DistrictStructure structure)
    {
        StructureValidation.Validate(structure);
        if (structure.Id != this.GetPrimaryKeyString())
            throw Domain.DomainRuleException.Invalid("district.id", "The structure's id does not match the district in the path.");
        var plan = StructureMerge.Merge(storage.State.Structure, structure, storage.State.Retired);
        await storage.Store(new DistrictRecord { Structure = structure, Retired = plan.Retired, Pending = true });
        await GrainFactory.GetGrain<IDistrictDirectoryGrain>("all").Add(structure.Id, structure.Name, structure.NameEn);
        await ConfigureUnits(plan);
        return new ImportSummary(structure.Streets.Count, structure.Streets.Sum(s => s.Communities.Count),
            structure.Streets.Sum(s => s.Communities.Sum(c => c.Grids.Count)), structure.Deputies.Count, plan.NewlyRetired.Select(u => u.Key).ToList());
    }

    public async Task<bool> ResumeImport()
    {
        if (storage.State is not { Pending: true, Structure: { } structure }) return false;
        logger.LogInformation("Finishing the interrupted import of district {District}", structure.Id);
        await GrainFactory.GetGrain<IDistrictDirectoryGrain>("all").Add(structure.Id, structure.Name, structure.NameEn);
        // The stored structure over itself: the same profiles, the units it retired kept retired.
        await ConfigureUnits(StructureMerge.Merge(structure, structure, storage.State.Retired));
        return true;
    }

    /// <summary>Deputies first, so grids can ask their loads; then grids, then aggregates bottom-up; then done.</summary>
    private async Task ConfigureUnits(StructurePlan plan)
    {
        await ForEach(plan.Deputies, d => GrainFactory.GetGrain<IDeputyGrain>(d.Profile.Id).Configure(d.Profile, d.Grids, d.Retired));
        logger.LogDebug("District {District}: {Deputies} deputies configured", this.GetPrimaryKeyString(), plan.Deputies.Count);
        await ForEach(plan.Grids, g => GrainFactory.GetGrain<IGridGrain>(g.Id).Configure(g));
        logger.LogDebug("District {District}: {Grids} grids configured", this.GetPrimaryKeyString(), plan.Grids.Count);
        await ForEach(plan.Scopes, s => GrainFactory.AggregateOf(s.Key).Configure(s));
        await storage.Store(new DistrictRecord { Structure = storage.State.Structure, Retired = storage.State.Retired, Pending = false });
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
    [Id(0)] public DistrictStructure? Structure { get; init; }
    /// <summary>Units removed by earlier imports, kept so they stay retired.</summary>
    [Id(1)] public RetiredUnits Retired { get; init; } = new();
    /// <summary>The structure is stored but not yet every unit has its profile.</summary>
    [Id(2)] public bool Pending { get; init; }
}
