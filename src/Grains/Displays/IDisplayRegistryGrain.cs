namespace GridGov.Grains.Displays;

/// <summary>A wall screen's long-lived, read-only sign-in: one entry per display token, revocable by an admin.</summary>
[GenerateSerializer, Immutable]
public sealed record DisplayEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    /// <summary>"street:ID" or "community:ID"; null for the whole district.</summary>
    [property: Id(2)] string? Scope,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] DateTimeOffset? RevokedAt = null,
    [property: Id(6)] string? RevokedBy = null);

/// <summary>The display tokens issued (one grain, key "displays"). A token whose entry is missing or revoked is refused.</summary>
public interface IDisplayRegistryGrain : IGrainWithStringKey
{
    Task Add(DisplayEntry entry);

    Task<bool> Revoke(string id, string by);

    [Orleans.Concurrency.ReadOnly]
    Task<bool> IsActive(string id);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<DisplayEntry>> List();
}

[GenerateSerializer]
public sealed class DisplayRegistryState
{
    [Id(0)] public Dictionary<string, DisplayEntry> Displays { get; init; } = [];
}

public sealed class DisplayRegistryGrain(
    [PersistentState("displays", StorageNames.Registry)] IPersistentState<DisplayRegistryState> storage) : Grain, IDisplayRegistryGrain
{
    public async Task Add(DisplayEntry entry)
    {
        storage.State.Displays[entry.Id] = entry;
        await storage.WriteStateAsync();
    }

    public async Task<bool> Revoke(string id, string by)
    {
        if (!storage.State.Displays.TryGetValue(id, out var entry) || entry.RevokedAt is not null) return false;
        storage.State.Displays[id] = entry with { RevokedAt = DateTimeOffset.UtcNow, RevokedBy = by };
        await storage.WriteStateAsync();
        return true;
    }

    public Task<bool> IsActive(string id) =>
        Task.FromResult(storage.State.Displays.TryGetValue(id, out var e) && e.RevokedAt is null);

    public Task<IReadOnlyList<DisplayEntry>> List() =>
        Task.FromResult<IReadOnlyList<DisplayEntry>>(storage.State.Displays.Values.OrderBy(e => e.CreatedAt).ToList());
}
