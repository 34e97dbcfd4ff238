using GridGov.Grains.Access;
using GridGov.Dashboard.Figures;
using System.Security.Claims;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Deputies;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

public sealed record DeputyRef(string Id, string Name, string NameEn, string Level);

public sealed record GridView(
    string Id, string Name, string NameEn, string DistrictId, string StreetId, string CommunityId, bool Retired,
    IReadOnlyList<DeputyRef> Deputies, int OpenIssues, long Commit, UnitFigures Figures, DurationsView Durations, string TimeZone);

public sealed record IssuePage(IReadOnlyList<IssueView> Issues, string? Next);

/// <summary>/api/grids: a grid's structure, figures and issues.</summary>
public static class GridsApi
{
    public const int PageSize = 50;

    public static RouteGroupBuilder MapGridsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/grids").WithTags("Grids").RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id}", Get).WithName("getGrid").Problems(UnknownGrid, OutOfScope).WithSummary("A grid: place, deputies, open count, counters and rates (viewers of its scope).");
        group.MapGet("/{id}/issues", Issues).WithName("listGridIssues").Problems(UnknownGrid, OutOfScope, StatusUnknown, PeriodInvalid, PageInvalid).RequireAuthorization(Policies.Staff)
            .WithSummary("A grid's issues, held and archived, filtered and paged (staff of its scope).");
        return group;
    }

    private static async Task<Ok<GridView>> Get(string id, IGrainFactory grains, ClaimsPrincipal user, Periods periods)
    {
        var (grain, _) = await Lookup.VisibleGrid(grains, id, Caller.From(user));
        var snap = await grain.GetSnapshot();
        var p = snap.Profile!;
        var deputies = await Task.WhenAll(p.Deputies.Select(d => grains.GetGrain<IDeputyGrain>(d).GetSnapshot()));
        var year = periods.Year(p.TimeZone);
        var yearTally = snap.Years.GetValueOrDefault(year) ?? new Tally();
        var figures = new UnitFigures(
            FiguresView.Of(year.ToString(), yearTally, periods.Weights),
            FiguresView.Of(periods.Today(p.TimeZone).ToString(), snap.Counters.Day(periods.Today(p.TimeZone)), periods.Weights));
        var open = (await grain.GetHeldIssues()).Count(i => i.Status.IsOpen());
        return TypedResults.Ok(new GridView(p.Id, p.Name, p.NameEn, p.DistrictId, p.StreetId, p.CommunityId, p.Retired,
            deputies.Where(d => d.Profile is not null).Select(d => new DeputyRef(d.Profile!.Id, d.Profile.Name, d.Profile.NameEn, d.Profile.Level)).ToList(),
            open, snap.Commit, figures, DurationsView.Of(yearTally), p.TimeZone));
    }

    /// <summary>
    /// Held issues first (open and awaiting a rating), then the archive month by month from <paramref name="to"/> back to
    /// <paramref name="from"/> (yyyyMM, default the current month). <paramref name="page"/> is the opaque "next" of the previous page.
    /// </summary>
    private static async Task<Ok<IssuePage>> Issues(string id, IGrainFactory grains, ClaimsPrincipal user, IIssueArchive archive,
        Periods periods, string? status = null, string? category = null, int? from = null, int? to = null, string? page = null)
    {
        var caller = Caller.From(user);
        var (grain, profile) = await Lookup.VisibleGrid(grains, id, caller);
        IssueStatus? wanted = null;
        if (status is not null && status != "open")
            wanted = Enum.TryParse<IssueStatus>(status, true, out var s) ? s : throw DomainRuleException.Invalid("status.unknown", $"Unknown status '{status}'.");
        bool Matches(Issue i) => (status != "open" || i.Status.IsOpen()) && (wanted is null || i.Status == wanted) && (category is null || i.Category == category);
        var last = to ?? periods.Month(profile.TimeZone);
        var first = from ?? last;
        if (first > last || !ValidMonth(first) || !ValidMonth(last)) throw DomainRuleException.Invalid("period", "from and to are months (yyyyMM), from <= to.");

        var (month, token) = ParsePage(page, last);
        var results = new List<IssueView>();
        var held = await grain.GetHeldIssues();
        if (page is null)
            results.AddRange(held.Where(Matches).OrderBy(i => i.Id).Select(i => IssueView.For(caller, i, profile)));
        if (status == "open") return TypedResults.Ok(new IssuePage(results, null));
        // The archive may still hold an earlier copy of an issue the grid holds again (back from parking).
        var heldIds = held.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        while (month >= first)
        {
            var archived = await archive.List(profile.Id, month, token, PageSize);
            results.AddRange(archived.Issues.Where(i => !heldIds.Contains(i.Id) && Matches(i)).Select(i => IssueView.For(caller, i, profile)));
            if (archived.Continuation is { } next) return TypedResults.Ok(new IssuePage(results, $"{month}:{next}"));
            month = DistrictCalendar.AddMonths(month, -1);
            token = null;
            if (results.Count >= PageSize && month >= first) return TypedResults.Ok(new IssuePage(results, $"{month}:"));
        }
        return TypedResults.Ok(new IssuePage(results, null));
    }

    private static bool ValidMonth(int m) => m is >= 200001 and <= 299912 && m % 100 is >= 1 and <= 12;

    private static (int Month, string? Token) ParsePage(string? page, int last)
    {
        if (page is null) return (last, null);
        var i = page.IndexOf(':');
        if (i <= 0 || !int.TryParse(page[..i], out var month) || !ValidMonth(month))
            throw DomainRuleException.Invalid("page", "Unknown page token.");
        var token = page[(i + 1)..];
        return (month, token.Length == 0 ? null : token);
    }
}
