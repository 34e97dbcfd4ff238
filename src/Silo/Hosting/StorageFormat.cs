using Azure;
using Azure.Data.Tables;

namespace GridGov.Silo.Hosting;

/// <summary>
/// The format of everything this build stores, recorded once in a marker entity of table {prefix}Meta. Nothing has
/// shipped, so nothing converts between formats: a build that finds another format refuses to start and says what to
/// do, rather than failing on each read. Raise <see cref="Current"/> whenever a stored shape changes incompatibly.
/// </summary>
public static class StorageFormat
{
    public const int Current = 2;
    private const string Partition = "storage", Row = "format";

    /// <summary>Null when the storage is fresh or holds this format (then marked); else what to tell the operator.</summary>
    public static async Task<string?> Check(ClusterSettings settings, CancellationToken ct = default)
    {
        var service = new TableServiceClient(settings.StorageConnectionString);
        var meta = service.GetTableClient(settings.TablePrefix + "Meta");
        await meta.CreateIfNotExistsAsync(ct);
        var marker = await meta.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        if (marker.HasValue)
        {
            var found = marker.Value!.GetInt32("Version");
            return found == Current ? null : Refusal(settings, $"format {found}");
        }
        // No marker: a fresh account, or state written without one.
        await foreach (var _ in service.QueryAsync(t => t.Name == settings.TablePrefix + "State", maxPerPage: 1, cancellationToken: ct))
        {
            await foreach (var __ in service.GetTableClient(settings.TablePrefix + "State").QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct))
                return Refusal(settings, "a format without a marker");
        }
        try
        {
            await meta.AddEntityAsync(new TableEntity(Partition, Row) { ["Version"] = Current }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await Check(settings, ct); // another host marked it first
        }
        return null;
    }

    private static string Refusal(ClusterSettings settings, string found) =>
        $"The storage (tables {settings.TablePrefix}*) holds data in {found}; this build stores format {Current} and converts nothing. " +
        "Delete the local data with `./gridgov reset`, or give an empty storage account with --storage.";
}
