using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Structure;

/// <summary>A district's structure (keyed by district id): the import that places grids, communities and deputies.</summary>
public interface IDistrictGrain : IGrainWithStringKey
{
    /// <summary>Imports a whole district. Re-importing updates names and placements; what is removed is retired, never deleted.</summary>
    Task<ImportSummary> Import(DistrictStructure structure);

    /// <summary>Finishes an import a stop interrupted (configures every unit again); false when none was pending.</summary>
    Task<bool> ResumeImport();

    [Orleans.Concurrency.ReadOnly]
    Task<DistrictStructure?> GetStructure();

    [Orleans.Concurrency.ReadOnly]
    Task<ImportStatus> GetImportStatus();
}

/// <summary>Whether a district's structure is stored and every unit of it configured.</summary>
public enum ImportStatus
{
    None,
    Pending,
    Done,
}

/// <summary>The districts this deployment knows (one grain, key "all").</summary>
public interface IDistrictDirectoryGrain : IGrainWithStringKey
{
    Task Add(string districtId, string name, string nameEn);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<DistrictEntry>> List();
}

[GenerateSerializer, Immutable]
public sealed record DistrictEntry([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string NameEn);

[GenerateSerializer, Immutable]
public sealed record ImportSummary(
    [property: Id(0)] int Streets,
    [property: Id(1)] int Communities,
    [property: Id(2)] int Grids,
    [property: Id(3)] int Deputies,
    [property: Id(4)] IReadOnlyList<string> Retired);
