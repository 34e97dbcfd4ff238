using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Access;
using GridGov.Dashboard.Figures;
using System.Security.Claims;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Domain;
using GridGov.Grains.Structure;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

public sealed record ChildView(string Id, string Name, string NameEn, bool Retired, UnitFigures Figures);

public sealed record ScopeView(
    string Level, string Id, string Name, string NameEn, string? Parent, bool Retired, long Version,
    IReadOnlyDictionary<string, long> Commits, UnitFigures Figures, IReadOnlyList<ChildView> Children, string TimeZone);

/// <summary>/api/districts, /api/streets, /api/communities: figures of each level and of its children.</summary>
public static class ScopesApi
{
    public static IEndpointRouteBuilder MapScopesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Districts, streets, communities").RequireAuthorization(Policies.Viewer);
        group.MapGet("/districts", List).WithName("listDistricts").WithSummary("The districts (viewers).");
        group.MapGet("/districts/{id}", (string id, IGrainFactory g, ClaimsPrincipal u, Periods p) => Get(UnitLevel.District, id, g, u, p)).WithName("getDistrict").Problems(UnknownDistrict, OutOfScope)
            .WithSummary("A district with its streets' figures (viewers of the whole district).");
        group.MapGet("/streets/{id}", (string id, IGrainFactory g, ClaimsPrincipal u, Periods p) => Get(UnitLevel.Street, id, g, u, p)).WithName("getStreet").Problems(UnknownStreet, OutOfScope)
            .WithSummary("A street with its communities' figures (viewers of the district or that street).");
        group.MapGet("/communities/{id}", (string id, IGrainFactory g, ClaimsPrincipal u, Periods p) => Get(UnitLevel.Community, id, g, u, p)).WithName("getCommunity").Problems(UnknownCommunity, OutOfScope)
            .WithSummary("A community with its grids' figures (viewers of the district, its street or itself).");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<DistrictEntry>>> List(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDistrictDirectoryGrain>("all").List());

    public static async Task<Ok<ScopeView>> Get(UnitLevel level, string id, IGrainFactory grains, ClaimsPrincipal user, Periods periods)
    {
        var snap = await grains.AggregateOf(new UnitKey(level, id)).GetSnapshot();
        var p = snap.Profile ?? throw DomainRuleException.NotFound($"{Names.Of(level)}.unknown", $"No {Names.Of(level)} '{id}'.");
        if (!AccessRules.MaySee(Caller.From(user), p)) throw Lookup.OutOfScope();
        var children = p.Children.Select(c => new ChildView(c.Id, c.Name, c.NameEn, c.Retired,
            periods.Of(snap.Children.GetValueOrDefault(c.Id) ?? new CounterSet(), p.TimeZone))).ToList();
        return TypedResults.Ok(new ScopeView(Names.Of(p.Level), p.Id, p.Name, p.NameEn, p.Parent?.Key, p.Retired, snap.Version,
            snap.Origins, periods.Of(snap.Counters, p.TimeZone), children, p.TimeZone));
    }
}
