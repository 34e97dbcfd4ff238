using System.Security.Claims;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using static GridGov.Silo.Auth.GridGovClaims;

namespace GridGov.Silo.Auth;

/// <summary>Who the caller is in domain terms, and what their scope lets them see.</summary>
public static class Access
{
    public static Actor ActorOf(ClaimsPrincipal user)
    {
        var sub = user.FindFirstValue("sub") ?? "unknown";
        if (user.IsInRole(Roles.Admin)) return new Actor(ActorRole.Admin, sub);
        if (user.IsInRole(Roles.Operator)) return new Actor(ActorRole.Operator, sub);
        if (user.IsInRole(Roles.Deputy)) return new Actor(ActorRole.Deputy, user.FindFirstValue(Deputy) ?? sub);
        if (user.IsInRole(Roles.Display)) return new Actor(ActorRole.Display, sub);
        return Actor.Resident;
    }

    /// <summary>The caller's scope key ("street:ID", "community:ID"), or null for the whole district.</summary>
    public static string? ScopeOf(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) ? null : user.FindFirstValue(Scope);

    /// <summary>May the caller see this grid's figures and issues (deputies: grids they are placed in)?</summary>
    public static bool MaySee(ClaimsPrincipal user, GridProfile grid)
    {
        if (user.IsInRole(Roles.Deputy) && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Operator))
            return grid.Deputies.Contains(user.FindFirstValue(Deputy) ?? "");
        return InScope(user, grid.StreetId, grid.CommunityId);
    }

    /// <summary>May the caller see this community, street or district? (Scoped callers: their scope and below.)</summary>
    public static bool MaySee(ClaimsPrincipal user, ScopeProfile scope, string? streetOfCommunity = null)
    {
        if (user.IsInRole(Roles.Deputy) && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Operator)) return false;
        var mine = ScopeOf(user);
        if (mine is null) return true;
        var key = ScopeKeys.Of(scope.Level, scope.Id);
        return mine == key || (scope.Level == ScopeLevel.Community && mine == scope.ParentKey);
    }

    /// <summary>Rollups: admins, operators and displays (each within their scope); deputies read none.</summary>
    public static bool MayReadRollups(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Display);

    /// <summary>Is a unit inside the caller's scope? A street scope holds the street and all below it; a community
    /// scope the community and its grids; no scope, everything. <paramref name="communityId"/> is null above a community.</summary>
    public static bool InScope(ClaimsPrincipal user, string? streetId, string? communityId) => ScopeOf(user) switch
    {
        null => true,
        var s when streetId is not null && s == ScopeKeys.Of(ScopeLevel.Street, streetId) => true,
        var s when communityId is not null && s == ScopeKeys.Of(ScopeLevel.Community, communityId) => true,
        _ => false,
    };

    /// <summary>Residents' contact details: only the issue's deputy and operators of its scope.</summary>
    public static bool MaySeeContact(ClaimsPrincipal user, Issue issue, GridProfile grid) =>
        user.IsInRole(Roles.Admin)
        || (user.IsInRole(Roles.Operator) && MaySee(user, grid))
        || (user.IsInRole(Roles.Deputy) && user.FindFirstValue(Deputy) == issue.DeputyId);

    /// <summary>May the caller read this issue? Staff of its scope; a deputy only their own or their grids'.</summary>
    public static bool MayRead(ClaimsPrincipal user, Issue issue, GridProfile grid) =>
        user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Operator) && MaySee(user, grid))
        || (user.IsInRole(Roles.Deputy) && (user.FindFirstValue(Deputy) == issue.DeputyId || MaySee(user, grid)));
}
