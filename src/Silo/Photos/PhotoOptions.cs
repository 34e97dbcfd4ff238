namespace GridGov.Silo.Photos;

/// <summary>Settings of issue photos ("GridGov:Photos" section).</summary>
public sealed class PhotoOptions
{
    public const string Section = "GridGov:Photos";

    /// <summary>The largest photo accepted, in bytes (default 5 MB).</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The most photos one issue may have (default 9).</summary>
    public int MaxPerIssue { get; set; } = 9;

    /// <summary>How long a signed photo link stays valid (default 10 minutes).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The HMAC key of photo links. When empty, a key derived from Auth:SigningKey is used; set one of the two to a
    /// secret in production (with Auth:Authority, Auth:SigningKey is otherwise left at its development value).
    /// </summary>
    public string? LinkKey { get; set; }

    /// <summary>The box (in CSS pixels) a thumbnail's width and height hints fit in.</summary>
    public int ThumbnailBox { get; set; } = 240;
}
