using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>/api/track/{code}: the resident's view of their own issue, and their rating. The code is the only key.</summary>
public static class TrackingApi
{
    public static RouteGroupBuilder MapTrackingApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/track").WithTags("Residents").AllowAnonymous();
        group.MapGet("/{code}", Get).WithName("trackIssue").Problems(UnknownTrackingCode).WithSummary("Status and steps of an issue, by its tracking code (anyone holding the code).");
        group.MapPost("/{code}/rate", Rate).WithName("rateIssue")
            .Problems(UnknownTrackingCode, RatingMissing, RatingGiven, RatingWindow, Transition, IssueArchived, IssueStale).RequireRateLimiting(ResidentRateLimit.Policy).WithSummary("Rate a resolved or closed issue: satisfied, basicallySatisfied or unsatisfied.");
        return group;
    }

    private static async Task<Ok<TrackedIssue>> Get(string code, IGrainFactory grains)
    {
        var (issue, grid) = await FindWithGrid(grains, code);
        return TypedResults.Ok(View(issue, grid));
    }

    private static async Task<Ok<TrackedIssue>> Rate(string code, RatingRequest body, IGrainFactory grains)
    {
        var (issue, grid) = await FindWithGrid(grains, code);
        if (body.Rating is null) throw DomainRuleException.Invalid("rating.missing", "Give a rating: satisfied, basicallySatisfied or unsatisfied.");
        // Find has found the issue in its grid: no second look-up of the grid.
        var receipt = await grains.GetGrain<Grains.Grids.IGridGrain>(issue.GridId)
            .Act(issue.Id, new IssueCommand(IssueAction.Rate, Actor.Resident, body.Comment, null, body.Rating));
        return TypedResults.Ok(View(receipt.Issue, grid));
    }

    internal static async Task<Issue> Find(IGrainFactory grains, string code) => (await FindWithGrid(grains, code)).Issue;

    private static async Task<(Issue Issue, GridProfile Grid)> FindWithGrid(IGrainFactory grains, string code)
    {
        var unknown = DomainRuleException.NotFound("tracking-code.unknown", "No issue has this tracking code.");
        if (!TrackingCodes.TryParse(code, out var id, out var secret)) throw unknown;
        try
        {
            var (issue, _, grid) = await Lookup.Issue(grains, id);
            return TrackingCodes.Matches(issue, secret) ? (issue, grid) : throw unknown;
        }
        catch (DomainRuleException e) when (e.Kind == RuleKind.NotFound)
        {
            throw unknown;
        }
    }

    private static TrackedIssue View(Issue i, GridProfile grid) => new(
        i.Id, Names.Of(i.Status), i.Category, i.Title, i.ReceivedAt, i.DueAt, i.Outcome, i.Rating is { } r ? Names.Of(r) : null,
        i.AwaitingRating, i.History.Select(h => new TrackedStep(h.At, h.Action, Names.Of(h.To))).ToList(), grid.TimeZone,
        // Say plainly when an unsatisfied rating could not reopen the issue (the rating still counts).
        i.History.LastOrDefault() is { Action: "reopen-declined" } last ? last.Note : null);
}
