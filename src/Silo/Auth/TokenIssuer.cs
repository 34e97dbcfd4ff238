using GridGov.Grains.Access;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GridGov.Silo.Auth;

/// <summary>Mints HMAC-signed tokens for local use (./gridgov token) and tests.</summary>
public sealed class TokenIssuer(AuthSettings settings)
{
    public string Issue(string role, string? deputyId = null, string? scope = null, TimeSpan? lifetime = null, string? subject = null, string? tokenId = null)
    {
        var claims = new List<Claim> { new(GridGovClaims.Role, role), new("sub", subject ?? deputyId ?? role) };
        if (tokenId is not null) claims.Add(new("jti", tokenId));
        if (deputyId is not null) claims.Add(new(GridGovClaims.Deputy, deputyId));
        if (scope is not null) claims.Add(new(GridGovClaims.Scope, scope));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
