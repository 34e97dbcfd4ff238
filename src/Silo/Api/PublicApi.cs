using GridGov.Grains.Domain;
using GridGov.Grains.Structure;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>One grid of a district as the resident's report form picks it: names only, no deputies or contacts.</summary>
public sealed record PublicGrid(string StreetId, string StreetName, string StreetNameEn, string CommunityId, string CommunityName,
    string CommunityNameEn, string GridId, string GridName, string GridNameEn);

/// <summary>/api/public: what residents need without a token to file an issue.</summary>
public static class PublicApi
{
    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/public").WithTags("Residents").AllowAnonymous();
        group.MapGet("/districts/{id}/grids", Grids).WithName("listPublicGrids").Problems(UnknownDistrict).WithSummary("A district's streets, communities and grids (names only), to pick where an issue is.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<PublicGrid>>> Grids(string id, IGrainFactory grains)
    {
        var structure = await grains.GetGrain<IDistrictGrain>(id).GetStructure()
            ?? throw DomainRuleException.NotFound("district.unknown", $"No district '{id}'.");
        return TypedResults.Ok<IReadOnlyList<PublicGrid>>((
            from s in structure.Streets
            from c in s.Communities
            from g in c.Grids
            select new PublicGrid(s.Id, s.Name, s.NameEn, c.Id, c.Name, c.NameEn, g.Id, g.Name, g.NameEn)).ToList());
    }
}
