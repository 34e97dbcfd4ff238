using GridGov.Grains.Access;
using GridGov.Dashboard.Figures;
using System.Security.Claims;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Grids;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

public sealed record DeputyView(string Id, string Name, string NameEn, string Level, string? Contact, bool Retired,
    IReadOnlyList<string> Grids, int OpenIssues, FiguresView Year, DurationsView Durations, IReadOnlyList<LeavePeriod> Leaves, string TimeZone);

public sealed record LeaveRequest(DateTimeOffset? From, DateTimeOffset? To, string? Reason);

public sealed record DeputyIssueView(string Id, string GridId, string Title, string Category, string Status, DateTimeOffset? DueAt, bool Overdue);

/// <summary>/api/deputies: a deputy's profile, figures and issues (the deputy themself, operators, admins).</summary>
public static class DeputiesApi
{
    public static RouteGroupBuilder MapDeputiesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/deputies").WithTags("Deputies").RequireAuthorization(Policies.Staff);
        group.MapGet("/{id}", Get).WithName("getDeputy").Problems(OtherDeputy, OutOfScope, UnknownDeputy).WithSummary("A deputy: grids, open issues and figures (the deputy, operators, admins).");
        group.MapGet("/{id}/issues", Issues).WithName("listDeputyIssues").Problems(OtherDeputy, OutOfScope, UnknownDeputy, StatusUnknown).WithSummary("A deputy's issues, earliest due first; ?status=open for open ones only.");
        group.MapPut("/{id}/leave", SetLeave).WithName("setDeputyLeave").Problems(OtherDeputy, OutOfScope, UnknownDeputy, LeaveInvalid, LeaveReason).WithSummary("Mark a leave period: automatic assignment skips the deputy meanwhile (the deputy, operators, admins).");
        group.MapDelete("/{id}/leave", ClearLeave).WithName("clearDeputyLeave").Problems(OtherDeputy, OutOfScope, UnknownDeputy).WithSummary("Cancel the deputy's leave periods (the deputy, operators, admins).");
        return group;
    }

    private static async Task<Ok<DeputyView>> Get(string id, IGrainFactory grains, ClaimsPrincipal user, Periods periods)
    {
        var snap = await Find(grains, id, user);
        var p = snap.Profile!;
        // Each event counts for the deputy assigned at that moment (the grids send the deputy their deltas), in the month
        // of the district's calendar: the year in view is the district's current year too.
        var zone = await ZoneOf(grains, snap);
        var year = periods.Year(zone);
        return TypedResults.Ok(new DeputyView(p.Id, p.Name, p.NameEn, p.Level, p.Contact, snap.Retired, snap.Grids,
            snap.Issues.Count(i => i.Status.IsOpen()), FiguresView.Of(year.ToString(), snap.Counters.Year(year), periods.Weights),
            DurationsView.Of(snap.Counters.Year(year)), snap.Leaves, zone));
    }

    /// <summary>The zone of the deputy's district: their grids' (a deputy placed in no grid: the default zone).</summary>
    private static async Task<string> ZoneOf(IGrainFactory grains, DeputySnapshot snap)
    {
        foreach (var grid in snap.Grids)
            if (await grains.GetGrain<IGridGrain>(grid).GetProfile() is { } profile) return profile.TimeZone;
        return DistrictCalendar.DefaultZone;
    }

    private static async Task<Ok<IReadOnlyList<DeputyIssueView>>> Issues(string id, IGrainFactory grains, ClaimsPrincipal user, string? status = null)
    {
        var snap = await Find(grains, id, user);
        IEnumerable<IssueCard> cards = snap.Issues;
        if (status == "open") cards = cards.Where(c => c.Status.IsOpen());
        else if (status is not null)
            cards = Enum.TryParse<IssueStatus>(status, true, out var s) ? cards.Where(c => c.Status == s)
                : throw DomainRuleException.Invalid("status.unknown", $"Unknown status '{status}'.");
        return TypedResults.Ok<IReadOnlyList<DeputyIssueView>>(cards.OrderBy(c => c.DueAt)
            .Select(c => new DeputyIssueView(c.Id, c.GridId, c.Title, c.Category, Names.Of(c.Status), c.DueAt, c.Overdue)).ToList());
    }

    private static async Task<Ok<IReadOnlyList<LeavePeriod>>> SetLeave(string id, LeaveRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        await Find(grains, id, user);
        if (body.From is not { } from || body.To is not { } to) throw DomainRuleException.Invalid("leave.period", "Give from and to.");
        if (body.Reason is { Length: > 200 }) throw DomainRuleException.Invalid("leave.reason", "A reason is at most 200 characters.");
        return TypedResults.Ok(await grains.GetGrain<IDeputyGrain>(id).SetLeave(new LeavePeriod(from, to, body.Reason)));
    }

    private static async Task<Ok<IReadOnlyList<LeavePeriod>>> ClearLeave(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        await Find(grains, id, user);
        return TypedResults.Ok(await grains.GetGrain<IDeputyGrain>(id).ClearLeave());
    }

    private static async Task<DeputySnapshot> Find(IGrainFactory grains, string id, ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        if (caller.Role == CallerRole.Deputy && caller.Id != id) throw DomainRuleException.Forbidden("deputy.other", "Deputies see only their own issues.");
        var snap = await grains.GetGrain<IDeputyGrain>(id).GetSnapshot();
        if (snap.Profile is null) throw DomainRuleException.NotFound("deputy.unknown", $"No deputy '{id}'.");
        // A scoped operator manages the deputies placed in their scope: the placements are the grids' profiles.
        var places = caller.Scope is null ? [] : (await Task.WhenAll(snap.Grids.Select(g => grains.GetGrain<IGridGrain>(g).GetProfile()))).OfType<GridProfile>();
        return AccessRules.MayManageDeputy(caller, id, places) ? snap : throw Lookup.OutOfScope();
    }
}
