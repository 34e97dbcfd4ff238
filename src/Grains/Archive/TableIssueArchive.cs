using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// The issue archive in Azure Table storage. PartitionKey "{grid}_{yyyyMM}" (month of receipt, from the id),
/// RowKey the sequence number for the issue row and "{sequence}~h{n}" for each history row, so one issue and
/// its history share a partition and are read by key, and a grid's month lists in RowKey order.
/// History rows are written first and the issue row last: an issue row means its history is complete.
/// </summary>
public sealed class TableIssueArchive(TableServiceClient service, string tableName = "GridGovIssues") : IIssueArchive
{
    private const int BatchLimit = 100;
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    });

    public async Task Save(IReadOnlyCollection<Issue> issues, CancellationToken ct = default)
    {
        var table = await _table.Value;
        foreach (var partition in issues.GroupBy(i => Keys(i.Id).Partition))
        {
            var historyRows = partition.SelectMany(HistoryRows).ToList();
            foreach (var batch in historyRows.Chunk(BatchLimit)) await Submit(table, batch, ct);
            foreach (var batch in partition.Select(IssueRow).Chunk(BatchLimit)) await Submit(table, batch, ct);
        }
    }

    public async Task<Issue?> Find(string issueId, CancellationToken ct = default)
    {
        if (!IssueIds.TryParse(issueId, out _, out _, out _)) return null;
        var table = await _table.Value;
        var (pk, rk) = Keys(issueId);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct);
        if (!row.HasValue || row.Value is null) return null;
        var issue = Read(row.Value);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {rk + "~h"} and RowKey lt {rk + "~i"}");
        await foreach (var h in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            issue.History.Add(JsonSerializer.Deserialize<HistoryEntry>(h.GetString("Entry"), ArchiveJson.Options)!);
        return issue;
    }

    public async Task<ArchivePage> List(string gridId, int month, string? continuation, int pageSize, CancellationToken ct = default)
    {
        var table = await _table.Value;
        var pk = $"{gridId}_{month}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and Kind eq {"issue"}");
        var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: ct).AsPages(continuation, pageSize);
        await foreach (var page in pages)
            return new ArchivePage(page.Values.Select(Read).ToList(), page.ContinuationToken);
        return new ArchivePage([], null);
    }

    public async Task DeleteYear(string gridId, int year, CancellationToken ct = default)
    {
        var table = await _table.Value;
        foreach (var month in Enumerable.Range(1, 12).Select(m => year * 100 + m))
        {
            var pk = $"{gridId}_{month}";
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), select: ["PartitionKey", "RowKey"], cancellationToken: ct))
                rows.Add(row);
            // Issue rows first: a history without its issue row is invisible, an issue row without its history is not.
            foreach (var batch in rows.OrderBy(r => r.RowKey.Contains('~')).Chunk(BatchLimit))
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct);
        }
    }

    private static (string Partition, string Row) Keys(string issueId)
    {
        IssueIds.TryParse(issueId, out var grid, out var month, out var seq);
        return ($"{grid}_{month}", seq.ToString("D6"));
    }

    private static TableEntity IssueRow(Issue issue)
    {
        var (pk, rk) = Keys(issue.Id);
        var json = JsonSerializer.Serialize(WithoutHistory(issue), ArchiveJson.Options);
        var row = new TableEntity(pk, rk) { ["Kind"] = "issue", ["Status"] = Names.Of(issue.Status), ["Category"] = issue.Category };
        var n = 0;
        foreach (var chunk in ArchiveJson.Chunks(json)) row[$"Issue{n++}"] = chunk;
        return row;
    }

    private static IEnumerable<TableEntity> HistoryRows(Issue issue)
    {
        var (pk, rk) = Keys(issue.Id);
        return issue.History.Select((h, n) => new TableEntity(pk, $"{rk}~h{n:D4}")
        {
            ["Kind"] = "history",
            ["Entry"] = JsonSerializer.Serialize(h, ArchiveJson.Options),
        });
    }

    private static Issue Read(TableEntity row)
    {
        var json = string.Concat(Enumerable.Range(0, 64).Select(n => row.GetString($"Issue{n}")).TakeWhile(s => s is not null));
        return JsonSerializer.Deserialize<Issue>(json, ArchiveJson.Options)!;
    }

    private static Issue WithoutHistory(Issue issue)
    {
        var json = JsonSerializer.SerializeToNode(issue, ArchiveJson.Options)!.AsObject();
        json.Remove("history");
        json.Remove("trackingCode");
        return json.Deserialize<Issue>(ArchiveJson.Options)!;
    }

    private static async Task Submit(TableClient table, IEnumerable<TableEntity> rows, CancellationToken ct)
    {
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
        if (actions.Count > 0) await table.SubmitTransactionAsync(actions, ct);
    }
}
