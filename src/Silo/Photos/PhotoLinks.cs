using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GridGov.Silo.Photos;

/// <summary>A signed, short-lived link into the app to one photo: /photos/{issueId}/{photoId}?exp=UNIX&amp;sig=HMAC.</summary>
public sealed record PhotoLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and checks photo links: HMAC-SHA256 over "issueId|photoId|exp" (exp in Unix seconds), base64url. An img tag
/// sends no bearer token, so the link itself is the permission; it is handed only to callers who may read the issue.
/// Expiry runs on the real clock (it guards real browsers), not on the domain clock tests fake.
/// </summary>
public sealed class PhotoLinks
{
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public PhotoLinks(IOptions<PhotoOptions> options, AuthSettings auth, TimeProvider? clock = null)
    {
        _key = options.Value.LinkKey is { Length: > 0 } own
            ? Encoding.UTF8.GetBytes(own)
            // A key of its own, derived from the token key: a photo link can never pass for a token signature, nor the reverse.
            : HMACSHA256.HashData(Encoding.UTF8.GetBytes(auth.SigningKey), "gridgov-photo-links"u8);
        _lifetime = options.Value.LinkLifetime > TimeSpan.Zero ? options.Value.LinkLifetime : TimeSpan.FromMinutes(10);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// A link valid for the configured lifetime. The expiry is rounded up to the next whole minute, so a page that
    /// lists the photos again within that minute gets the same URLs and the browser's cache answers.
    /// </summary>
    public PhotoLink Sign(string issueId, string photoId)
    {
        var exp = (_clock.GetUtcNow() + _lifetime).ToUnixTimeSeconds();
        exp = (exp + 59) / 60 * 60;
        return Sign(issueId, photoId, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    /// <summary>A link that expires at the given moment (tests use it to make an expired one).</summary>
    public PhotoLink Sign(string issueId, string photoId, DateTimeOffset expiresAt)
    {
        var exp = expiresAt.ToUnixTimeSeconds();
        var url = $"/photos/{Uri.EscapeDataString(issueId)}/{Uri.EscapeDataString(photoId)}?exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={Signature(issueId, photoId, exp)}";
        return new PhotoLink(url, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    public enum Verdict { Valid, Invalid, Expired }

    /// <summary>Checks a link's signature (in constant time) and then its expiry.</summary>
    public Verdict Check(string issueId, string photoId, string? exp, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || string.IsNullOrEmpty(sig) || sig.Length > 64)
            return Verdict.Invalid;
        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(sig);
        }
        catch (FormatException)
        {
            return Verdict.Invalid;
        }
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(issueId, photoId, expiry))) return Verdict.Invalid;
        // A valid signature on an expiry too far out cannot come from Sign (clock skew aside): refuse it as well.
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (expiry > now + (long)_lifetime.TotalSeconds + 120) return Verdict.Invalid;
        return now < expiry ? Verdict.Valid : Verdict.Expired;
    }

    /// <summary>Seconds until the link expires (for Cache-Control), at least 0.</summary>
    public long SecondsLeft(string exp) =>
        long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) ? Math.Max(0, expiry - _clock.GetUtcNow().ToUnixTimeSeconds()) : 0;

    private string Signature(string issueId, string photoId, long exp) => WebEncoders.Base64UrlEncode(Mac(issueId, photoId, exp));

    private byte[] Mac(string issueId, string photoId, long exp) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{issueId}|{photoId}|{exp.ToString(CultureInfo.InvariantCulture)}"));
}
