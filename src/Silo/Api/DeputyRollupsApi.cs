using GridGov.Grains.Domain.Units;
using GridGov.Grains.Access;
using System.Globalization;
using System.Security.Claims;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Grains.Rollups;
using GridGov.Silo.Auth;
using static GridGov.Grains.Access.GridGovClaims;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>
/// GET /api/rollups/{year}/deputies/{id}: one deputy's figures, with where they are placed, their share from each
/// sending grid (level grid, figures of this deputy's issues only) and their figures by category, channel and month.
/// </summary>
public sealed record DeputyRollupDetailView(
    RollupHeader Header, RollupUnitView Unit, IReadOnlyList<DeputyPlace> Places, IReadOnlyList<RollupUnitView> ByGrid,
    IReadOnlyList<RollupSliceView> ByCategory, IReadOnlyList<RollupSliceView> ByChannel, IReadOnlyList<RollupSliceView> ByMonth);

/// <summary>
/// Rollups per deputy, from the deputies' own counters: the list is level=deputy of GET /api/rollups/{year} (admins and
/// operators; a scoped operator sees the deputies placed in a grid of their scope); the detail is for the deputy
/// themself, operators in whose scope one of the deputy's grids lies, and admins.
/// </summary>
public static class DeputyRollupsApi
{
    /// <summary>Said with every deputy rollup, after <see cref="RollupsApi.Notes"/>.</summary>
    public static readonly IReadOnlyList<string> DeputyNotes =
    [
        "Deputy figures are live, not frozen at close: in a closed year they are read now, with no published figures or amendments.",
        "A deputy's figures are the issues they hold now, from every grid that sends to them: a reassigned issue counts wholly for its "
            + "new deputy; an issue never assigned (pending, declined) counts for no deputy.",
    ];

    public static WebApplicationBuilder AddDeputyRollups(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeputyRollupReader>();
        return builder;
    }

    public static RouteGroupBuilder MapDeputyRollupsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/rollups").WithTags("Rollups").RequireAuthorization(Policies.Staff);
        group.MapGet("/{year:int}/deputies/{id}", Detail).WithName("getDeputyRollup")
            .Problems(OtherDeputy, OutOfScope, PeriodInvalid, YearInvalid, UnknownDeputy, UnknownDistrict)
            .WithSummary("One deputy's rollup for a year, month (period=yyyyMM) or quarter (period=Q1..Q4), by grid, category, channel and month: "
                + "the deputy themself, operators whose scope holds one of the deputy's grids, admins. Live figures, not frozen at close.");
        return group;
    }

    internal static bool IsDeputyLevel(string? level) => level?.Trim().ToLowerInvariant() is "deputy" or "deputies";

    /// <summary>The list (GET /api/rollups/{year}?level=deputy): ranked deputies by rank, then the rest in structure order.</summary>
    internal static async Task<Results<Ok<RollupListView>, FileContentHttpResult>> List(int year, HttpContext http, IGrainFactory grains,
        ClaimsPrincipal user, string? period, string? district, string? format, CancellationToken ct)
    {
        if (Caller.From(user).Role is not (CallerRole.Admin or CallerRole.Operator)) throw Lookup.OutOfScope();
        var fmt = RollupsApi.Format(format, http.Request.Headers.Accept.ToString());
        var p = RollupPeriod.Of(year, period);
        var districtId = district ?? await RollupsApi.DefaultDistrict(grains, user);
        if (districtId.Length is 0 or > 64) throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");
        var rollup = await http.RequestServices.GetRequiredService<DeputyRollupReader>().Read(districtId, p, ct);
        var caller = Caller.From(user);
        var units = rollup.Deputies.Where(d => InScope(caller, d)).Select((d, n) => (d.Unit, n))
            .OrderBy(x => x.Unit.Rank ?? int.MaxValue).ThenBy(x => x.n).Select(x => RollupUnitView.Of(x.Unit)).ToList();
        var view = new RollupListView(Header(rollup), Names.Of(UnitLevel.Deputy), units);
        var file = $"rollup-{rollup.DistrictId}-{p.Label}-{Names.Of(UnitLevel.Deputy)}";
        return fmt switch
        {
            "csv" => TypedResults.File(RollupExport.Csv(view.Units), RollupsApi.CsvType + "; charset=utf-8", file + ".csv"),
            "xlsx" => TypedResults.File(RollupExport.Xlsx(view.Units, Names.Of(UnitLevel.Deputy)), RollupsApi.XlsxType, file + ".xlsx"),
            _ => TypedResults.Ok(view),
        };
    }

    private static async Task<Ok<DeputyRollupDetailView>> Detail(int year, string id, DeputyRollupReader reader, IGrainFactory grains,
        ClaimsPrincipal user, CancellationToken ct, string? period = null, string? district = null)
    {
        var me = Caller.From(user).Actor;
        if (me.Role == ActorRole.Deputy && me.Id != id)
            throw DomainRuleException.Forbidden("deputy.other", "Deputies read only their own figures.");
        var p = RollupPeriod.Of(year, period);
        var districtId = district ?? await DistrictOf(grains, user, id);
        if (districtId.Length is 0 or > 64) throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");
        var rollup = await reader.Read(districtId, p, ct);
        var entry = rollup.Find(id) ?? throw NoDeputy(id);
        if (me.Role != ActorRole.Deputy && !InScope(user, entry)) throw Lookup.OutOfScope();
        var unit = entry.Unit;
        RollupSliceView Slice(string key, (string Zh, string En) name, Tally tally) => new(key, name.Zh, name.En, RollupFigures.Of(tally, rollup.Weights));
        return TypedResults.Ok(new DeputyRollupDetailView(Header(rollup), RollupUnitView.Of(unit), entry.Places,
            entry.ByGrid.Select(g => RollupUnitView.Of(g)).ToList(),
            unit.ByCategory().Select(c => Slice(c.Category, reader.Categories.Names(c.Category), c.Tally)).ToList(),
            unit.ByChannel().Select(c => Slice(Names.Of(c.Channel), RollupLabels.Channel(c.Channel), c.Tally)).ToList(),
            unit.ByMonth(p).Select(m => Slice(m.Month.ToString(CultureInfo.InvariantCulture), ($"{m.Month / 100}年{m.Month % 100}月",
                new DateTime(m.Month / 100, m.Month % 100, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture)), m.Tally)).ToList()));
    }

    private static RollupHeader Header(DeputyRollup r) =>
        new(r.DistrictId, r.DistrictName, r.DistrictNameEn, r.Period.Year, r.Period.Label, r.Period.FromMonth, r.Period.ToMonth,
            r.ReadAt, r.MinimumDecidedToRank, r.TimeZone, r.Weights, [.. RollupsApi.Notes(periodEnded: false), .. DeputyNotes]);

    /// <summary>A deputy is in a caller's scope when one of the grids they are placed in is.</summary>
    private static bool InScope(ClaimsPrincipal user, DeputyRollupEntry deputy) =>
        InScope(Caller.From(user), deputy);

    private static bool InScope(Caller caller, DeputyRollupEntry deputy) =>
        caller.Scope is null || deputy.Places.Any(g => AccessRules.InScope(caller, g.StreetId, g.CommunityId));

    /// <summary>The deputy's district: that of the first grid they are placed in, else the caller's (or the only) district.</summary>
    private static async Task<string> DistrictOf(IGrainFactory grains, ClaimsPrincipal user, string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) throw NoDeputy(id);
        var deputy = await grains.GetGrain<IDeputyGrain>(id).GetSnapshot();
        if (deputy.Profile is null) throw NoDeputy(id);
        foreach (var grid in deputy.Grids)
            if ((await grains.GetGrain<IGridGrain>(grid).GetProfile())?.DistrictId is { } districtId) return districtId;
        return await RollupsApi.DefaultDistrict(grains, user);
    }

    private static DomainRuleException NoDeputy(string id) => DomainRuleException.NotFound("deputy.unknown", $"No deputy '{id}'.");
}
