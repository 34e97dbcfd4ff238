using GridGov.Grains.Access;
using System.Security.Claims;
using GridGov.Grains.Domain;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>/api/issues: residents submit (no token); staff read and act within their scope.</summary>
public static class IssuesApi
{
    public const int MaxIdempotencyKey = 100;

    public static RouteGroupBuilder MapIssuesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/issues").WithTags("Issues");
        group.MapPost("", Submit).WithName("submitIssue")
            .Problems([CategoryMissing, ChannelMissing, CategoryUnknown, ChannelUnknown, SlaUnknown, TitleMissing, .. TooLong, LocationRange, IdempotencyKey, UnknownGrid, GridRetired]).AllowAnonymous().RequireRateLimiting(ResidentRateLimit.Policy)
            .WithSummary("Submit an issue (residents need no token). Honours Idempotency-Key.");
        group.MapGet("/{id}", Get).WithName("getIssue").Problems(UnknownIssue, OutOfScope).RequireAuthorization(Policies.Staff).WithSummary("An issue (staff of its scope; deputies their own).");
        group.MapGet("/{id}/history", History).WithName("getIssueHistory").Problems(UnknownIssue, OutOfScope).RequireAuthorization(Policies.Staff).WithSummary("An issue's audit trail.");
        group.MapPost("/{id}/reassignment-request", RequestReassignment).WithName("requestReassignment")
            .Problems(UnknownIssue, OutOfScope, NotAssigned, Transition, NoteTooLong).RequireAuthorization(Policies.Staff)
            .WithSummary("The assigned deputy asks the operators to reassign the issue: it goes to their alerts.");
        group.MapPost("/{id}/{action}", Act).WithName("actOnIssue")
            .Problems(UnknownAction, UnknownIssue, OutOfScope, UnknownDeputy, ActionInvalid, DeputyMissing, NotAssigned, SameDeputy, NoteMissing, NoteTooLong,
                RoleRefusesAction, Transition, IssueArchived, IssueStale).RequireAuthorization(Policies.Staff)
            .WithSummary("accept, reject, respond, start, resolve, close, suspend, resume, reassign or void (admin). Residents rate through /api/track.");
        return group;
    }

    private static async Task<Results<Created<SubmittedIssue>, Ok<SubmittedIssue>>> Submit(
        SubmitIssueRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user)
    {
        // Staff may file on a resident's behalf (a deputy at a reception): the issue then records them as its filer.
        var filer = Caller.From(user) is { Role: not CallerRole.Resident } staff ? staff.Actor : null;
        if (idempotencyKey is { Length: > MaxIdempotencyKey } || idempotencyKey?.Length == 0)
            throw DomainRuleException.Invalid("idempotency-key", $"Idempotency-Key must be 1-{MaxIdempotencyKey} characters.");
        var input = new NewIssue(
            body.GridId ?? "",
            body.Category ?? throw DomainRuleException.Invalid("category.missing", "A category is required."),
            body.Channel ?? throw DomainRuleException.Invalid("channel.missing", "A channel is required."),
            body.Sla ?? SlaClass.General,
            body.Title ?? "",
            body.Description, body.Contact, body.Location, FiledBy: filer);
        var (grid, _) = await Lookup.Grid(grains, body.GridId);
        var receipt = await grid.Submit(input, idempotencyKey);
        var issue = receipt.Repeated ? (await grid.GetIssue(receipt.Issue.Id))! : receipt.Issue;
        var answer = new SubmittedIssue(issue.Id, issue.TrackingCode, Names.Of(issue.Status), issue.GridId, issue.DeputyId, issue.DueAt, receipt.Commit);
        return receipt.Repeated ? TypedResults.Ok(answer) : TypedResults.Created($"/api/issues/{issue.Id}", answer);
    }

    private static async Task<Ok<IssueView>> Get(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        var (issue, _, profile) = await Lookup.ReadableIssue(grains, id, caller, IssueReach.Summary);
        return TypedResults.Ok(IssueView.For(caller, issue, profile));
    }

    private static async Task<Ok<IReadOnlyList<HistoryView>>> History(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        var (issue, _, _) = await Lookup.ReadableIssue(grains, id, Caller.From(user));
        return TypedResults.Ok<IReadOnlyList<HistoryView>>(issue.History.Select(HistoryView.Of).ToList());
    }

    private static async Task<Ok<ActedIssue>> Act(string id, string action, IssueActionRequest? body, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!Enum.TryParse<IssueAction>(action, ignoreCase: true, out var verb) || !char.IsLetter(action[0]))
            throw DomainRuleException.NotFound("action.unknown", $"No action '{action}'.");
        var (grid, profile) = await Lookup.IssueGrid(grains, id);
        var caller = Caller.From(user);
        if (caller.Role is CallerRole.Operator && !AccessRules.InScope(caller, profile.StreetId, profile.CommunityId)) throw Lookup.OutOfScope();
        if (verb == IssueAction.Reassign && body?.DeputyId is { } deputy && !await DeputyExists(grains, deputy))
            throw DomainRuleException.NotFound("deputy.unknown", $"No deputy '{deputy}'.");
        var receipt = await grid.Act(id, new IssueCommand(verb, caller.Actor, body?.Note, body?.DeputyId, body?.Rating));
        return TypedResults.Ok(new ActedIssue(IssueView.For(caller, receipt.Issue, profile), receipt.Commit));
    }

    private static async Task<Accepted> RequestReassignment(string id, IssueActionRequest? body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        var (issue, _, profile) = await Lookup.ReadableIssue(grains, id, caller, IssueReach.Summary);
        if (!caller.IsDeputy(issue.DeputyId))
            throw DomainRuleException.Forbidden("deputy.not-assigned", "Only the assigned deputy asks for a reassignment.");
        if (!issue.Status.IsOpen()) throw DomainRuleException.Conflict("transition", "Only an open issue can be reassigned.");
        if (body?.Note is { Length: > IssueLifecycle.MaxNote }) throw DomainRuleException.Invalid("note.too-long", "The note is too long.");
        var at = DateTimeOffset.UtcNow;
        await grains.GetGrain<Grains.Alerts.IAlertBoardGrain>(profile.DistrictId).Raise(new Grains.Alerts.Alert(
            $"reassignmentRequested:{issue.Id}:{at.ToUnixTimeMilliseconds()}", "reassignmentRequested", profile.Id, issue.Id, at,
            profile.Units,
            body?.Note));
        return TypedResults.Accepted($"/api/issues/{issue.Id}");
    }

    private static async Task<bool> DeputyExists(IGrainFactory grains, string deputyId) =>
        (await grains.GetGrain<Grains.Deputies.IDeputyGrain>(deputyId).GetSnapshot()) is { Profile: not null, Retired: false };
}
