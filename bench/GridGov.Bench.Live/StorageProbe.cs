using System.Diagnostics;
using Azure.Data.Tables;

namespace GridGov.Bench.Live;

/// <summary>
/// Times single-entity upserts (about 2 KB, one at a time, a few a second) into a table of its own on the same
/// Azurite as the host: what one storage write costs while the load runs. Each level of the live pipeline
/// after the grid waits for at least one such write of the level below.
/// </summary>
public sealed class StorageProbe(string connectionString)
{
    private readonly List<(long At, double Ms)> _writes = [];

    public async Task Run(TimeSpan every, CancellationToken ct)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("GridGovBenchProbe");
        await table.CreateIfNotExistsAsync(ct);
        var payload = new string('x', 2000);
        var n = 0;
        using var tick = new PeriodicTimer(every);
        while (await tick.WaitForNextTickAsync(ct))
        {
            var entity = new TableEntity("probe", (n++ % 50).ToString("D2")) { ["Payload"] = payload, ["N"] = n };
            var start = Stopwatch.GetTimestamp();
            try
            {
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
                var end = Stopwatch.GetTimestamp();
                lock (_writes) _writes.Add((end, (end - start) * 1000.0 / Stopwatch.Frequency));
            }
            catch (Azure.RequestFailedException) { }
        }
    }

    public List<double> Between(long from, long to)
    {
        lock (_writes) return _writes.Where(w => w.At >= from && w.At < to).Select(w => w.Ms).Order().ToList();
    }
}
