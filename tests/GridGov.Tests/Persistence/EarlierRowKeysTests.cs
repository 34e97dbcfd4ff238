using Azure.Data.Tables;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Persistence;

/// <summary>
/// Grain state stored before rows were keyed by grain (row key = the state's name alone) is still found after the
/// upgrade, and a grain's next write moves its state to a row of its own.
/// </summary>
public sealed class EarlierRowKeysTests
{
    [Fact]
    public async Task State_in_rows_keyed_by_state_name_alone_is_read_and_moved_by_the_next_write()
    {
        var settings = HostSettings.Fresh();
        var d = TestDistrict.Create();
        var grid = d.Grid(1, 2, 1);
        SubmittedIssue first;
        IssueView issueBefore;
        GridView before;
        await using (var host = new GridGovHost(settings))
        {
            var admin = new ApiClient(host.Client("admin"));
            await admin.Import(d.Structure);
            first = await new ApiClient(host.Client()).Submit(grid, "filed before the upgrade");
            issueBefore = await admin.Get<IssueView>($"/api/issues/{first.Id}");
            before = await admin.Get<GridView>($"/api/grids/{grid}");
        }
        var table = new TableServiceClient(TestStorage.ConnectionString).GetTableClient(settings.TablePrefix + "State");
        var moved = await MoveToStateNameRowKeys(table);
        Assert.True(moved > 10, $"only {moved} rows were moved to the earlier keys");

        await using var upgraded = new GridGovHost(settings.Restarted());
        var again = new ApiClient(upgraded.Client("admin"));
        var after = await again.Get<GridView>($"/api/grids/{grid}");
        Assert.Equal(before.Commit, after.Commit);
        Assert.Equal(before.OpenIssues, after.OpenIssues);
        Assert.Equal(before.Figures.Year, after.Figures.Year);
        Assert.Equal(issueBefore, await again.Get<IssueView>($"/api/issues/{first.Id}"));

        var second = await new ApiClient(upgraded.Client()).Submit(grid, "filed after the upgrade");
        Assert.EndsWith("-000002", second.Id);
        var rows = await RowKeysOf(table, grid);
        Assert.Contains("grid", rows); // the earlier row stays, no longer read
        Assert.Contains($"grid.{grid}", rows);
    }

    /// <summary>Rewrites every row to the key an earlier version gave it: the state's name alone.</summary>
    private static async Task<int> MoveToStateNameRowKeys(TableClient table)
    {
        var moved = 0;
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            var dot = row.RowKey.IndexOf('.');
            if (dot < 0) continue;
            var earlier = new TableEntity(row) { RowKey = row.RowKey[..dot] };
            await table.AddEntityAsync(earlier);
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            moved++;
        }
        return moved;
    }

    private static async Task<List<string>> RowKeysOf(TableClient table, string gridId)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
            if (row.PartitionKey.EndsWith(gridId, StringComparison.Ordinal)) keys.Add(row.RowKey);
        return keys;
    }
}
