using Orleans.Storage;

namespace GridGov.Silo.Hosting;

/// <summary>
/// Grain state in table rows keyed by the grain as well as by the state's name. Orleans' table provider keys a row by
/// (grain, state name), so all 903 grids' rows share the row key "grid". Azurite finds a row through its row-key index
/// and then scans every row with that key for the partition key: under load that scan was a quarter of its CPU. With
/// the grain in the row key the look-up is one index probe. Azure Table indexes both keys, so there it changes nothing.
/// </summary>
public sealed class RowPerGrainStorage(IGrainStorage table) : IGrainStorage
{
    /// <summary>The name the wrapped table provider is registered under: the provider's own name plus this.</summary>
    public const string TableSuffix = ".table";

    /// <summary>The storage named <paramref name="name"/>: this over the table provider registered as name + <see cref="TableSuffix"/>.</summary>
    public static RowPerGrainStorage Over(IServiceProvider services, string name) =>
        new(services.GetRequiredKeyedService<IGrainStorage>(name + TableSuffix));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        table.ReadStateAsync(RowKey(stateName, grainId), grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        table.WriteStateAsync(RowKey(stateName, grainId), grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        table.ClearStateAsync(RowKey(stateName, grainId), grainId, grainState);

    private static string RowKey(string stateName, GrainId grainId) => $"{stateName}.{grainId.Key}";
}
