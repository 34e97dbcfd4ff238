using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// Grid-months in Azure Blob storage: one blob "{year}/{grid}" per grid and year (<see cref="GridYearCodec"/>) holding
/// the year's settled months, their month-end snapshots and the held months of that year, so a rollup reads a grid's
/// year with one GET by name (no listing, no table query: Azurite answers every table query by scanning the whole table).
/// The grid's grain is the only writer; each change reads the blob and writes it back on its ETag (If-Match, or
/// If-None-Match for a new blob), retrying if anything else wrote in between.
/// </summary>
public sealed class BlobGridMonthStore(BlobServiceClient blobs, string containerName) : IGridMonthStore
{
    /// <summary>GETs at once for a rollup (each small: a demo-size grid-year is a few kilobytes).</summary>
    public const int ReadParallelism = 32;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(containerName);
    private Task? _created;

    public string ContainerName => containerName;

    public static string ContainerNameFor(string tablePrefix) => ContainerNames.For(tablePrefix, "gridmonths");

    public async Task Save(string gridId, int month, CounterSet counters, IReadOnlyDictionary<int, OpenCount>? monthEnd = null, CancellationToken ct = default)
    {
        var cells = counters.Months.GetValueOrDefault(month);
        await Update(gridId, month / 100, year =>
        {
            if (cells is { Count: > 0 }) year.Months[month] = new Dictionary<CellKey, Tally>(cells);
            else year.Months.Remove(month);
            if (monthEnd is { Count: > 0 }) year.MonthEnds[month] = new Dictionary<int, OpenCount>(monthEnd);
            else year.MonthEnds.Remove(month);
            year.Held.Remove(month);
        }, ct);
    }

    /// <summary>Writes the held months into the blob of each of their years. A year no longer named keeps its blob as
    /// it is: its months left the marker as they were saved (<see cref="Save"/>).</summary>
    public async Task SaveHeld(string gridId, IReadOnlyCollection<int> months, CancellationToken ct = default)
    {
        foreach (var byYear in months.GroupBy(m => m / 100))
            await Update(gridId, byYear.Key, year =>
            {
                year.Held.Clear();
                year.Held.UnionWith(byYear);
            }, ct);
    }

    /// <summary>Writes a grid's whole year at once, replacing what was there (bulk loads: a replay, the bench).</summary>
    public async Task SaveYear(string gridId, int year, GridYear data, CancellationToken ct = default)
    {
        await Created();
        await Blob(gridId, year).UploadAsync(BinaryData.FromBytes(GridYearCodec.Encode(data)), overwrite: true, ct);
    }

    public async Task DeleteYear(string gridId, int year, CancellationToken ct = default)
    {
        await Created();
        await Blob(gridId, year).DeleteIfExistsAsync(cancellationToken: ct);
    }

    /// <summary>Whether any grid has a blob of <paramref name="year"/> (stored or held months of it).</summary>
    public async Task<bool> HasYear(int year, CancellationToken ct = default)
    {
        await Created();
        await foreach (var _ in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{year}/", ct)) return true;
        return false;
    }

    public async Task<CounterSet> Load(string gridId, int fromMonth, int toMonth, CancellationToken ct = default)
    {
        var stored = await Read(gridId, fromMonth, toMonth, ct);
        var set = new CounterSet();
        foreach (var (month, cells) in stored.Months) set.Months[month] = cells;
        return set;
    }

    public async Task<StoredGridMonths> Read(string gridId, int fromMonth, int toMonth, CancellationToken ct = default) =>
        (await ReadPacked(gridId, fromMonth, toMonth, ct)).Unpack(fromMonth, toMonth);

    public async Task<PackedGridMonths> ReadPacked(string gridId, int fromMonth, int toMonth, CancellationToken ct = default)
    {
        var years = new List<PackedGridYear>();
        for (var y = fromMonth / 100; y <= toMonth / 100; y++)
        {
            await Created();
            try
            {
                years.Add(new PackedGridYear(y, await Download(Blob(gridId, y), ct)));
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }
        // No year of the range found: the grid has never written a marker for it (Held is null).
        return new PackedGridMonths(years);
    }

    public async Task<IReadOnlyDictionary<string, PackedGridMonths>> ReadMany(IReadOnlyCollection<string> gridIds, int fromMonth, int toMonth,
        CancellationToken ct = default)
    {
        var all = new ConcurrentDictionary<string, PackedGridMonths>();
        await Parallel.ForEachAsync(gridIds.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = ct },
            async (grid, token) => all[grid] = await ReadPacked(grid, fromMonth, toMonth, token));
        return all;
    }

    // Each asked once per process, again only if the first attempt failed (storage not reachable yet).
    private Task Created() => Once(ref _created, () => _container.CreateIfNotExistsAsync());

    private static T Once<T>(ref T? slot, Func<T> start) where T : Task
    {
        var task = slot;
        if (task is null || task.IsFaulted || task.IsCanceled) slot = task = start();
        return task;
    }

    /// <summary>The blob of a grid's year: "{year}/{grid}", so a year's blobs share a prefix.</summary>
    public static string BlobName(string gridId, int year) => $"{year}/{Uri.EscapeDataString(gridId)}";

    private BlobClient Blob(string gridId, int year) => _container.GetBlobClient(BlobName(gridId, year));

    /// <summary>The grid's year and its ETag, or null if it has no blob yet.</summary>
    private async Task<(GridYear Data, ETag ETag)?> Get(string gridId, int year, CancellationToken ct)
    {
        await Created();
        try
        {
            var download = await Blob(gridId, year).DownloadContentAsync(ct);
            return (GridYearCodec.Decode(download.Value.Content.ToMemory().Span), download.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The blob's bytes read straight into one array of its length (no growing buffer, no copy after).</summary>
    private static async Task<byte[]> Download(BlobClient blob, CancellationToken ct)
    {
        using var download = (await blob.DownloadStreamingAsync(cancellationToken: ct)).Value;
        var bytes = new byte[download.Details.ContentLength];
        await download.Content.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    /// <summary>Read, change, write back on the ETag; again from the read if another writer came in between.</summary>
    private async Task Update(string gridId, int year, Action<GridYear> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await Get(gridId, year, ct);
            var data = current?.Data ?? new GridYear();
            change(data);
            var conditions = current is { ETag: var etag } ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await Blob(gridId, year).UploadAsync(BinaryData.FromBytes(GridYearCodec.Encode(data)),
                    new BlobUploadOptions { Conditions = conditions }, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 10)
            {
            }
        }
    }
}
