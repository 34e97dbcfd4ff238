using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GridGov.Grains.Archive;

namespace GridGov.Silo.Photos;

/// <summary>A stored photo as its blob describes it (name, properties and metadata): no grain state holds photos.</summary>
public sealed record StoredPhoto(
    string IssueId, string Id, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy, int? Width, int? Height);

/// <summary>An open photo to stream out.</summary>
public sealed record PhotoContent(Stream Content, string ContentType, long Size);

/// <summary>
/// Issue photos in Azure Blob storage: container "{table prefix}-photos", blob "{issueId}/{photoId}.{ext}", the sniffed
/// content type as the blob's content type, and who uploaded it when in the blob's metadata. Listing an issue's photos
/// is a listing by the prefix "{issueId}/". Storage URLs never leave this class.
/// </summary>
public sealed class PhotoStore(BlobServiceClient blobs, string containerName)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(containerName);
    private volatile bool _created;

    public string ContainerName => _container.Name;

    /// <summary>"{prefix}-photos" as a valid container name (<see cref="ContainerNames"/>).</summary>
    public static string ContainerNameFor(string tablePrefix) => ContainerNames.For(tablePrefix, "photos");

    /// <summary>An issue's photos, oldest first.</summary>
    public async Task<IReadOnlyList<StoredPhoto>> List(string issueId, CancellationToken ct = default)
    {
        await EnsureContainer(ct);
        var photos = new List<StoredPhoto>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = issueId + "/", Traits = BlobTraits.Metadata }, ct))
            if (Describe(issueId, blob) is { } photo) photos.Add(photo);
        return photos.OrderBy(p => p.UploadedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Stores a photo unless the issue already has <paramref name="maxPerIssue"/>: null then. Two uploads racing for the
    /// last place both check the count, both write, and then both list again: the later one (by upload time, then id)
    /// deletes its own blob and is refused, so the limit holds without a lock.
    /// </summary>
    public async Task<StoredPhoto?> Add(string issueId, ReadOnlyMemory<byte> bytes, PhotoFormat format, (int Width, int Height)? size,
        string uploaderRole, string uploaderId, DateTimeOffset uploadedAt, int maxPerIssue, CancellationToken ct = default)
    {
        if ((await List(issueId, ct)).Count >= maxPerIssue) return null;
        var photoId = Guid.CreateVersion7().ToString("N");
        var blob = _container.GetBlobClient(BlobName(issueId, photoId, format));
        var metadata = new Dictionary<string, string>
        {
            ["uploadedat"] = uploadedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["uploadedby"] = uploaderRole,
            ["uploader"] = Ascii(uploaderId),
        };
        if (size is { } s)
        {
            metadata["width"] = s.Width.ToString(CultureInfo.InvariantCulture);
            metadata["height"] = s.Height.ToString(CultureInfo.InvariantCulture);
        }
        await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = format.ContentType },
            Metadata = metadata,
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, ct);

        var after = await List(issueId, ct);
        var place = after.ToList().FindIndex(p => p.Id == photoId);
        if (place >= maxPerIssue)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return null;
        }
        return place >= 0 ? after[place] : new StoredPhoto(issueId, photoId, format.ContentType, bytes.Length, uploadedAt, uploaderRole, size?.Width, size?.Height);
    }

    /// <summary>Opens a photo for streaming, or null when there is no such photo.</summary>
    public async Task<PhotoContent?> Open(string issueId, string photoId, CancellationToken ct = default)
    {
        if (!IsPhotoId(photoId)) return null;
        await EnsureContainer(ct);
        // The extension is part of the blob name: find it by prefix (at most one blob matches).
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{issueId}/{photoId}." }, ct))
        {
            try
            {
                var download = await _container.GetBlobClient(item.Name).DownloadStreamingAsync(cancellationToken: ct);
                var details = download.Value.Details;
                return new PhotoContent(download.Value.Content, details.ContentType ?? "application/octet-stream", details.ContentLength);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }
        return null;
    }

    public static bool IsPhotoId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    private static string BlobName(string issueId, string photoId, PhotoFormat format) => $"{issueId}/{photoId}.{format.Extension}";

    private static StoredPhoto? Describe(string issueId, BlobItem blob)
    {
        var file = blob.Name[(issueId.Length + 1)..];
        var dot = file.IndexOf('.');
        if (dot <= 0 || file.Contains('/')) return null;
        var id = file[..dot];
        var meta = blob.Metadata ?? new Dictionary<string, string>();
        var uploadedAt = meta.TryGetValue("uploadedat", out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when
            : blob.Properties.CreatedOn ?? DateTimeOffset.MinValue;
        return new StoredPhoto(issueId, id, blob.Properties.ContentType ?? "application/octet-stream", blob.Properties.ContentLength ?? 0, uploadedAt,
            (meta.TryGetValue("uploadedby", out var by) ? by : "unknown"), Int(meta, "width"), Int(meta, "height"));
    }

    private static int? Int(IDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Blob metadata values are ASCII: anything else in an id is escaped.</summary>
    private static string Ascii(string value) => value.All(char.IsAscii) && !value.Any(char.IsControl) ? value : Uri.EscapeDataString(value);

    private async Task EnsureContainer(CancellationToken ct)
    {
        if (_created) return;
        await _container.CreateIfNotExistsAsync(cancellationToken: ct);
        _created = true;
    }
}
