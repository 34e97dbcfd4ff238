using GridGov.Grains.Access;
using System.Security.Claims;
using Azure.Storage.Blobs;
using GridGov.Grains.Rollups;
using GridGov.Grains.Years;
using GridGov.Silo.Auth;
using GridGov.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>A district's year: whether it is over in the district's time zone, and whether (by whom, when) it was closed.</summary>
public sealed record YearView(string DistrictId, int Year, bool Over, ClosedView? Closed);

/// <summary>
/// /api/years: closing a year freezes every rollup of it (the counters of every grid at that moment, stored in blob storage
/// for good); later changes show as amendments beside the published figures. Admins close; admins, operators and displays read.
/// </summary>
public static class YearsApi
{
    /// <summary>The closed-year store (container "{Cluster:TablePrefix}-years"), its in-memory cache and the rollups read through it.</summary>
    public static WebApplicationBuilder AddYearClosing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new ClosedYearStore(
            sp.GetRequiredService<BlobServiceClient>(), ClosedYearStore.ContainerNameFor(sp.GetRequiredService<ClusterSettings>().TablePrefix)));
        builder.Services.AddSingleton<ClosedYears>();
        builder.Services.AddSingleton<YearRollups>();
        return builder;
    }

    public static RouteGroupBuilder MapYearsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/years").WithTags("Years").RequireAuthorization(Policies.Viewer);
        group.MapGet("/{year:int}", Get).WithName("getYear").Problems(OutOfScope, YearInvalid, DistrictMissing, UnknownDistrict)
            .WithSummary("Whether a district's year is over and closed (who closed it, when). Admins, operators and displays.");
        group.MapPost("/{year:int}/close", Close).WithName("closeYear").Problems(YearInvalid, DistrictMissing, UnknownDistrict, YearClosed, YearNotOver).RequireAuthorization(Policies.Admin)
            .WithSummary("Closes a year that is over (admins): freezes its rollups as published; 409 if not over or already closed.");
        return group;
    }

    private static async Task<Ok<YearView>> Get(int year, RollupReader reader, ClosedYears years, IGrainFactory grains, ClaimsPrincipal user,
        CancellationToken ct, string? district = null)
    {
        if (!AccessRules.MayReadRollups(Caller.From(user))) throw Lookup.OutOfScope();
        RollupPeriod.Of(year);
        var structure = await reader.Structure(await District(district, grains, user));
        var over = years.IsOver(structure.TimeZone, year);
        var closed = over ? await years.Find(structure.Id, year, ct) : null;
        return TypedResults.Ok(new YearView(structure.Id, year, over, ClosedView.Of(closed)));
    }

    private static async Task<Ok<YearView>> Close(int year, ClosedYears years, IGrainFactory grains, ClaimsPrincipal user,
        CancellationToken ct, string? district = null)
    {
        RollupPeriod.Of(year);
        var closed = await years.Close(await District(district, grains, user), year, Caller.From(user).Actor.ToString(), ct);
        return TypedResults.Ok(new YearView(closed.DistrictId, year, true, ClosedView.Of(closed)));
    }

    private static async Task<string> District(string? district, IGrainFactory grains, ClaimsPrincipal user)
    {
        var id = district ?? await RollupsApi.DefaultDistrict(grains, user);
        return id.Length is > 0 and <= 64 ? id : throw Grains.Domain.DomainRuleException.NotFound("district.unknown", $"No district '{id}'.");
    }
}
