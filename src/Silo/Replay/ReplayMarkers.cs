using Azure;
using Azure.Data.Tables;

namespace GridGov.Silo.Replay;

/// <summary>
/// Which years of a district were written by a replay: table "{prefix}Replays", PartitionKey district, RowKey year.
/// Marked before a replay writes anything, so an interrupted replay can be run again; a year with data and no mark
/// is live data and is never replayed over.
/// </summary>
public sealed class ReplayMarkers(TableServiceClient service, string tableName)
{
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    });

    public async Task<bool> IsReplayed(string districtId, int year)
    {
        var table = await _table.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(districtId, year.ToString());
        return row.HasValue;
    }

    public async Task Mark(string districtId, int year, ReplayOptions options, string state)
    {
        var table = await _table.Value;
        await table.UpsertEntityAsync(new TableEntity(districtId, year.ToString())
        {
            ["State"] = state, ["Seed"] = options.Seed, ["Scale"] = options.Scale, ["At"] = DateTimeOffset.UtcNow,
        }, TableUpdateMode.Replace);
    }
}
