namespace GridGov.Silo.Auth;

/// <summary>JWT settings ("Auth" section). Production sets its own key, or points Authority at the district's OIDC issuer.</summary>
public sealed class AuthSettings
{
    public const string DevelopmentKey = "gridgov-development-signing-key-change-me-0123456789";
    public string Issuer { get; set; } = "gridgov";
    public string Audience { get; set; } = "gridgov";
    /// <summary>HMAC key for locally minted tokens (at least 32 bytes).</summary>
    public string SigningKey { get; set; } = DevelopmentKey;
    /// <summary>An OIDC authority; when set, tokens are validated against its published keys instead.</summary>
    public string? Authority { get; set; }
}
