using System.Security.Cryptography;

namespace GridGov.Grains.Domain;

/// <summary>
/// A tracking code is the issue id plus a random secret, so it routes to its grid without a global index
/// and cannot be guessed from the id.
/// </summary>
public static class TrackingCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const char Separator = '.';

    public static string NewSecret() => RandomNumberGenerator.GetString(Alphabet, 10);

    public static string Compose(string issueId, string secret) => issueId + Separator + secret;

    public static bool TryParse(string? code, out string issueId, out string secret)
    {
        var i = code?.LastIndexOf(Separator) ?? -1;
        issueId = i > 0 ? code![..i] : "";
        secret = i > 0 ? code![(i + 1)..] : "";
        return i > 0 && secret.Length > 0 && IssueIds.TryParse(issueId, out _, out _, out _);
    }

    public static bool Matches(Issue issue, string secret) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(issue.TrackingSecret), System.Text.Encoding.ASCII.GetBytes(secret));
}
