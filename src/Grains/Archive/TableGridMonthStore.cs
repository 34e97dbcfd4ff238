using System.Text.Json;
using Azure.Data.Tables;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>Grid-month counter entities in Azure Table storage: PartitionKey grid, RowKey yyyyMM.</summary>
public sealed class TableGridMonthStore(TableServiceClient service, string tableName = "GridGovGridMonths") : IGridMonthStore
{
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    });

    public async Task Save(string gridId, int month, CounterSet counters, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var cells = counters.Months.GetValueOrDefault(month) ?? [];
        var json = JsonSerializer.Serialize(cells.Select(c => new Cell(c.Key.Category, c.Key.Channel, c.Key.Sla, c.Value)), ArchiveJson.Options);
        var row = new TableEntity(gridId, month.ToString());
        var n = 0;
        foreach (var chunk in ArchiveJson.Chunks(json)) row[$"Cells{n++}"] = chunk;
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
    }

    public async Task<CounterSet> Load(string gridId, int fromMonth, int toMonth, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var set = new CounterSet();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {gridId} and RowKey ge {fromMonth.ToString()} and RowKey le {toMonth.ToString()}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var month = int.Parse(row.RowKey);
            var json = string.Concat(Enumerable.Range(0, 64).Select(n => row.GetString($"Cells{n}")).TakeWhile(s => s is not null));
            foreach (var cell in JsonSerializer.Deserialize<List<Cell>>(json, ArchiveJson.Options)!)
                set.Add(month, month * 100 + 1, new CellKey(cell.Category, cell.Channel, cell.Sla), cell.Tally, 1);
        }
        set.Days.Clear();
        return set;
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

    private sealed record Cell(string Category, IssueChannel Channel, SlaClass Sla, Tally Tally);
}
