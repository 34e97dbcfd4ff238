using Azure.Data.Tables;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// Grid-month counter entities in Azure Table storage: PartitionKey grid, RowKey yyyyMM, plus the "held" marker
/// (<see cref="GridMonthEntity"/>). The earlier form of the store: <see cref="BlobGridMonthStore"/> replaces it and
/// still reads what it left behind.
/// </summary>
public sealed class TableGridMonthStore(TableServiceClient service, string tableName = "GridGovGridMonths")
{
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    });

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

    public async Task DeleteYear(string gridId, int year, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var actions = Enumerable.Range(1, 12)
            .Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(gridId, (year * 100 + m).ToString()), Azure.ETag.All))
            .ToList();
        // Deletes in one partition go as one transaction, but a transaction fails whole on a missing row: delete those present.
        var present = new HashSet<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {gridId} and RowKey ge {(year * 100 + 1).ToString()} and RowKey le {(year * 100 + 12).ToString()}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct)) present.Add(row.RowKey);
        actions.RemoveAll(a => !present.Contains(a.Entity.RowKey));
        if (actions.Count > 0) await table.SubmitTransactionAsync(actions, ct);
    }

    public async Task<bool> HasYear(int year, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {(year * 100 + 1).ToString()} and RowKey le {(year * 100 + 12).ToString()}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: ct)) return true;
        return false;
    }

    /// <summary>The grid's months of <c>[from, to]</c> with their snapshots and its held marker (null if it never wrote one).</summary>
    public async Task<StoredGridMonths> Read(string gridId, int fromMonth, int toMonth, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var (months, ends) = (new Dictionary<int, Dictionary<CellKey, Tally>>(), new Dictionary<int, Dictionary<int, OpenCount>>());
        IReadOnlyList<int>? held = null;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {gridId} and ((RowKey ge {fromMonth.ToString()} and RowKey le {toMonth.ToString()}) or RowKey eq {GridMonthEntity.HeldRow})");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            if (GridMonthEntity.IsHeld(row))
            {
                held = GridMonthEntity.ReadHeld(row);
                continue;
            }
            if (!int.TryParse(row.RowKey, out var month) || month > toMonth) continue;
            var cells = GridMonthEntity.ReadCells(row);
            if (cells.Count > 0) months[month] = cells;
            var end = GridMonthEntity.ReadMonthEnd(row);
            if (end.Count > 0) ends[month] = end;
        }
        return new StoredGridMonths(months, ends, held);
    }

    /// <summary>Whether the table holds anything at all (one row is enough): an empty or missing table has nothing to read.</summary>
    public async Task<bool> HasAny(CancellationToken ct = default)
    {
        var table = await _table.Value;
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages(pageSizeHint: 1))
            if (page.Values.Count > 0) return true;
            else if (page.ContinuationToken is null) return false;
        return false;
    }
}
