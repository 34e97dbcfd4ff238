using Orleans.Storage;

namespace GridGov.Silo.Hosting;

/// <summary>
/// Grain state in table rows keyed by the grain as well as by the state's name. Orleans' table provider keys a row by
/// (grain, state name), so all 903 grids' rows share the row key "grid". Azurite finds a row through its row-key index
/// and then scans every row with that key for the partition key: under load that scan was a quarter of its CPU. With
/// the grain in the row key the look-up is one index probe. Azure Table indexes both keys, so there it changes nothing.
/// A row written under the state's name alone (before this) is still read; the grain's next write moves it.
/// </summary>
public sealed class RowPerGrainStorage(IGrainStorage table) : IGrainStorage
{
    /// <summary>The name the wrapped table provider is registered under: the provider's own name plus this.</summary>
    public const string TableSuffix = ".table";

    /// <summary>The storage named <paramref name="name"/>: this over the table provider registered as name + <see cref="TableSuffix"/>.</summary>
    public static RowPerGrainStorage Over(IServiceProvider services, string name) =>
        new(services.GetRequiredKeyedService<IGrainStorage>(name + TableSuffix));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await table.ReadStateAsync(RowKey(stateName, grainId), grainId, grainState);
        if (grainState.RecordExists) return;
        await table.ReadStateAsync(stateName, grainId, grainState);
        // The next write inserts the grain's own row: the earlier row's ETag does not apply to it.
        grainState.ETag = null;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        table.WriteStateAsync(RowKey(stateName, grainId), grainId, grainState);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The earlier row goes too, or the next read would bring it back.
        var earlier = new GrainState<T>();
        await table.ReadStateAsync(stateName, grainId, earlier);
        if (earlier.RecordExists) await table.ClearStateAsync(stateName, grainId, earlier);
        await table.ClearStateAsync(RowKey(stateName, grainId), grainId, grainState);
    }

    private static string RowKey(string stateName, GrainId grainId) => $"{stateName}.{grainId.Key}";
}
