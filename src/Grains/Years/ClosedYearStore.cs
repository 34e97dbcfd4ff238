using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Years;

/// <summary>
/// Closed years in Azure Blob storage: one blob "{district}/{year}.json.gz" each, written with If-None-Match: * so a
/// stored year can never be overwritten (a second close, even a racing one on another silo, is refused by storage).
/// </summary>
public sealed class ClosedYearStore(BlobServiceClient blobs, string containerName)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(containerName);
    private volatile bool _created;

    /// <summary>Stores the year; a year already stored is a conflict (409), never replaced.</summary>
    public async Task Save(ClosedYear year, CancellationToken ct = default)
    {
        await EnsureContainer(ct);
        var blob = _container.GetBlobClient(BlobName(year.DistrictId, year.Year));
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(ClosedYearCodec.Encode(year)), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" },
                Metadata = new Dictionary<string, string> { ["closedby"] = Ascii(year.ClosedBy), ["version"] = ClosedYearCodec.Version.ToString() },
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw AlreadyClosed(year.DistrictId, year.Year);
        }
    }

    /// <summary>The stored year, or null if it was never closed.</summary>
    public async Task<ClosedYear?> Load(string districtId, int year, CancellationToken ct = default)
    {
        await EnsureContainer(ct);
        try
        {
            var download = await _container.GetBlobClient(BlobName(districtId, year)).DownloadStreamingAsync(cancellationToken: ct);
            await using var content = download.Value.Content;
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, ct);
            copy.Position = 0;
            return ClosedYearCodec.Decode(copy);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static DomainRuleException AlreadyClosed(string districtId, int year) =>
        DomainRuleException.Conflict("year.closed", $"{year} of district '{districtId}' is already closed; a closed year is never closed again.");

    /// <summary>"{prefix}-years" as a valid container name (3-63 of a-z, 0-9 and single hyphens).</summary>
    public static string ContainerNameFor(string tablePrefix) => GridGov.Grains.Archive.ContainerNames.For(tablePrefix, "years");

    // District ids are at most 64 characters of the import's alphabet; the blob name escapes nothing else.
    private static string BlobName(string districtId, int year) => $"{Uri.EscapeDataString(districtId)}/{year}.json.gz";

    private static string Ascii(string s) => new(s.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    private async Task EnsureContainer(CancellationToken ct)
    {
        if (_created) return;
        await _container.CreateIfNotExistsAsync(cancellationToken: ct);
        _created = true;
    }
}
