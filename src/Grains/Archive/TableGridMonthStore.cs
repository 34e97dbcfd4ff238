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

    private sealed record Cell(string Category, IssueChannel Channel, SlaClass Sla, Tally Tally);
}
