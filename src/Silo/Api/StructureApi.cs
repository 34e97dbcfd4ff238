using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Structure;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>/api/structure: import a whole district (admins); read it back (operators).</summary>
public static class StructureApi
{
    public static RouteGroupBuilder MapStructureApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/structure").WithTags("Structure");
        group.MapPut("", Import).WithName("importStructure").Problems([.. StructureRules, DistrictId]).RequireAuthorization(Policies.Admin)
            .WithSummary("Import a district: streets, communities, grids, deputies. Removed units are retired, never deleted (admins).");
        group.MapGet("/{districtId}", Get).WithName("getStructure").Problems(UnknownDistrict).RequireAuthorization(Policies.Operator).WithSummary("A district's structure as last imported (operators).");
        return group;
    }

    private static async Task<Ok<ImportSummary>> Import(DistrictStructure structure, IGrainFactory grains)
    {
        StructureValidation.Validate(structure);
        return TypedResults.Ok(await grains.GetGrain<IDistrictGrain>(structure.Id).Import(structure));
    }

    private static async Task<Ok<DistrictStructure>> Get(string districtId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDistrictGrain>(districtId).GetStructure()
            ?? throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'."));
}
