using Azure.Data.Tables;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>Grid-month counter entities in Azure Table storage: PartitionKey grid, RowKey yyyyMM, plus the "held" marker (<see cref="GridMonthEntity"/>).</summary>
public sealed class TableGridMonthStore(TableServiceClient service, string tableName = "GridGovGridMonths") : IGridMonthStore
{
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    });

    public string TableName => tableName;

    public async Task Save(string gridId, int month, CounterSet counters, IReadOnlyDictionary<int, OpenCount>? monthEnd = null, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var cells = counters.Months.GetValueOrDefault(month) ?? [];
        await table.UpsertEntityAsync(GridMonthEntity.Month(gridId, month, cells, monthEnd), TableUpdateMode.Replace, ct);
    }

    public async Task SaveHeld(string gridId, IReadOnlyCollection<int> months, CancellationToken ct = default)
    {
        var table = await _table.Value;
        await table.UpsertEntityAsync(GridMonthEntity.Held(gridId, months), TableUpdateMode.Replace, ct);
    }

    public async Task<CounterSet> Load(string gridId, int fromMonth, int toMonth, CancellationToken ct = default)
    {
        var stored = await Read(gridId, fromMonth, toMonth, ct);
        var set = new CounterSet();
        foreach (var (month, cells) in stored.Months) set.Months[month] = cells;
        return set;
    }

    public async Task<StoredGridMonths> Read(string gridId, int fromMonth, int toMonth, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var months = new Dictionary<int, Dictionary<CellKey, Tally>>();
        var ends = new Dictionary<int, Dictionary<int, OpenCount>>();
        IReadOnlyList<int>? held = null;
        // One partition query returns the months of the range and the marker.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {gridId} and ((RowKey ge {fromMonth.ToString()} and RowKey le {toMonth.ToString()}) or RowKey eq {GridMonthEntity.HeldRow})");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (GridMonthEntity.IsHeld(row)) { held = GridMonthEntity.ReadHeld(row); continue; }
            if (!int.TryParse(row.RowKey, out var month) || month > toMonth) continue;
            var cells = GridMonthEntity.ReadCells(row);
            if (cells.Count > 0) months[month] = cells;
            var end = GridMonthEntity.ReadMonthEnd(row);
            if (end.Count > 0) ends[month] = end;
        }
        return new StoredGridMonths(months, ends, held);
    }
}
