using GridGov.Grains.Aggregates;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Domain.Units;

namespace GridGov.Grains.Access;

/// <summary>
/// Who may see and do what: the one place the HTTP API and the live hub ask. Placements come from the grid's profile
/// (its deputies), scopes from the caller's token. docs/api.md states these rules; AccessRulesTests has a row for each.
/// </summary>
public static class AccessRules
{
    /// <summary>A street scope holds the street and all below it; a community scope the community and its grids; no scope, all.</summary>
    public static bool InScope(Caller caller, string? streetId, string? communityId) => caller.Scope switch
    {
        null => true,
        var s when streetId is not null && s == UnitKey.Street(streetId) => true,
        var s when communityId is not null && s == UnitKey.Community(communityId) => true,
        _ => false,
    };

    /// <summary>A grid's figures and issue list: staff and displays of its scope; deputies the grids they are placed in.</summary>
    public static bool MaySee(Caller caller, GridProfile grid) => caller.Role switch
    {
        CallerRole.Deputy => grid.Deputies.Contains(caller.Id),
        CallerRole.Admin or CallerRole.Operator or CallerRole.Display => InScope(caller, grid.StreetId, grid.CommunityId),
        _ => false,
    };

    /// <summary>A community, street or district: staff and displays whose scope holds it; not deputies.</summary>
    public static bool MaySee(Caller caller, ScopeProfile unit) => caller.Role is CallerRole.Admin or CallerRole.Operator or CallerRole.Display && unit.Level switch
    {
        UnitLevel.Community => InScope(caller, unit.Parent?.Id, unit.Id),
        UnitLevel.Street => InScope(caller, unit.Id, null),
        _ => caller.Scope is null,
    };

    /// <summary>
    /// An issue: admins all; operators those of their scope; a deputy those assigned to them or filed by them, and a
    /// summary of the others in their grids. Displays and residents none (residents read theirs by tracking code).
    /// </summary>
    public static IssueReach Reach(Caller caller, Issue issue, GridProfile grid) => caller.Role switch
    {
        CallerRole.Admin => IssueReach.Full,
        CallerRole.Operator => InScope(caller, grid.StreetId, grid.CommunityId) ? IssueReach.Full : IssueReach.None,
        CallerRole.Deputy when caller.IsDeputy(issue.DeputyId) || issue.FiledBy == caller.Actor => IssueReach.Full,
        CallerRole.Deputy => grid.Deputies.Contains(caller.Id) ? IssueReach.Summary : IssueReach.None,
        _ => IssueReach.None,
    };

    /// <summary>May the caller act on an issue (the domain then checks the role may take that action)?</summary>
    public static bool MayAct(Caller caller, Issue issue, GridProfile grid) => Reach(caller, issue, grid) == IssueReach.Full;

    /// <summary>Photos of an issue: admins, operators of its scope, its assigned deputy.</summary>
    public static bool MayAddPhoto(Caller caller, Issue issue, GridProfile grid) => caller.Role switch
    {
        CallerRole.Admin => true,
        CallerRole.Operator => InScope(caller, grid.StreetId, grid.CommunityId),
        CallerRole.Deputy => caller.IsDeputy(issue.DeputyId),
        _ => false,
    };

    /// <summary>A resident's contact: operators whose scope holds the issue's grid, and the assigned deputy. Not admins, displays or other deputies.</summary>
    public static bool MaySeeContact(Caller caller, Issue issue, GridProfile grid) => caller.Role switch
    {
        CallerRole.Operator => InScope(caller, grid.StreetId, grid.CommunityId),
        CallerRole.Deputy => caller.IsDeputy(issue.DeputyId),
        _ => false,
    };

    /// <summary>A deputy's profile, issues and leave: the deputy, admins, and operators whose scope holds one of the deputy's grids.</summary>
    public static bool MayManageDeputy(Caller caller, string deputyId, IEnumerable<GridProfile> deputyGrids) => caller.Role switch
    {
        CallerRole.Admin => true,
        CallerRole.Deputy => caller.Id == deputyId,
        CallerRole.Operator => caller.Scope is null || deputyGrids.Any(g => InScope(caller, g.StreetId, g.CommunityId)),
        _ => false,
    };

    /// <summary>Rollups, years and the ledger's figures: admins, operators and displays, each within their scope.</summary>
    public static bool MayReadRollups(Caller caller) => caller.Role is CallerRole.Admin or CallerRole.Operator or CallerRole.Display;

    /// <summary>Alerts: acknowledged by admins and operators; an alert is shown to callers whose scope it names (or to the whole district).</summary>
    public static bool MayAcknowledgeAlerts(Caller caller) => caller.Role is CallerRole.Admin or CallerRole.Operator;

    public static bool MaySeeAlert(Caller caller, IReadOnlyCollection<UnitKey> alertScopes) => caller.Scope is not { } scope || alertScopes.Contains(scope);

    /// <summary>Live figures of a unit (the hub): as <see cref="MaySee(Caller, GridProfile)"/> for a grid; for a community,
    /// street or district its scope key and the keys above it decide.</summary>
    public static bool MayWatch(Caller caller, UnitKey unit, IReadOnlyCollection<UnitKey> above) =>
        caller.Role is CallerRole.Admin or CallerRole.Operator or CallerRole.Display
        && (caller.Scope is not { } scope || scope == unit || above.Contains(scope));
}
