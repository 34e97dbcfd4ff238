namespace GridGov.Grains.Structure;

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
        await storage.Store(new DistrictDirectory { Districts = new(storage.State.Districts) { [districtId] = entry } });
    }

    public Task<IReadOnlyList<DistrictEntry>> List() =>
        Task.FromResult<IReadOnlyList<DistrictEntry>>(storage.State.Districts.Values.OrderBy(d => d.Id).ToList());
}
