using System.Security.Claims;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Units;
using static GridGov.Grains.Access.GridGovClaims;

namespace GridGov.Grains.Access;

public enum CallerRole
{
    /// <summary>No token, or one that grants nothing (a deputy role without a deputy id).</summary>
    Resident,
    Display,
    Deputy,
    Operator,
    Admin,
}

/// <summary>
/// Who calls, read once from their token: the strongest role it carries, the id that role acts under (a deputy's id for
/// deputies), and the street or community of a scoped operator or display (null: the whole district). A scope claim that
/// names no unit grants nothing.
/// </summary>
public sealed record Caller(CallerRole Role, string Id, UnitKey? Scope)
{
    public static readonly Caller Anonymous = new(CallerRole.Resident, "resident", null);

    public static Caller From(ClaimsPrincipal user)
    {
        var sub = user.FindFirst("sub")?.Value ?? "unknown";
        var claim = user.FindFirst(GridGovClaims.Scope)?.Value;
        if (user.IsInRole(Roles.Admin)) return new(CallerRole.Admin, sub, null);
        UnitKey? scope = null;
        if (claim is not null)
        {
            if (!UnitKey.TryParse(claim, out var unit)) return Anonymous;
            scope = unit;
        }
        if (user.IsInRole(Roles.Operator)) return new(CallerRole.Operator, sub, scope);
        if (user.IsInRole(Roles.Deputy))
            return user.FindFirst(Deputy)?.Value is { Length: > 0 } deputy ? new(CallerRole.Deputy, deputy, null) : Anonymous;
        if (user.IsInRole(Roles.Display)) return new(CallerRole.Display, sub, scope);
        return Anonymous;
    }

    public bool IsDeputy(string? deputyId) => Role == CallerRole.Deputy && deputyId == Id;

    /// <summary>The caller as the domain records them in an issue's history.</summary>
    public Actor Actor => Role switch
    {
        CallerRole.Admin => new Actor(ActorRole.Admin, Id),
        CallerRole.Operator => new Actor(ActorRole.Operator, Id),
        CallerRole.Deputy => new Actor(ActorRole.Deputy, Id),
        CallerRole.Display => new Actor(ActorRole.Display, Id),
        _ => Domain.Actor.Resident,
    };
}
