using System.Security.Claims;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Grains.Rollups;
using GridGov.Grains.Structure;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGov.Silo.Api;

/// <summary>One unit in a rollup: its place, its rank (null: below the minimum sample or no score) and its figures.</summary>
public sealed record RollupUnitView(
    string Level, string Id, string Name, string NameEn, string? StreetId, string? CommunityId, int? Rank, RollupFigures Figures)
{
    public static RollupUnitView Of(RollupUnit u) =>
        new(Names.Of(u.Level), u.Id, u.Name, u.NameEn, u.StreetId, u.CommunityId, u.Rank, u.Figures);
}

/// <summary>What every rollup answer says about itself: the district, the period (cohort months) and how it was read.</summary>
public sealed record RollupHeader(
    string DistrictId, string DistrictName, string DistrictNameEn, int Year, string Period, int FromMonth, int ToMonth,
    DateTimeOffset ReadAt, int MinimumDecidedToRank, IReadOnlyList<string> Notes);

/// <summary>GET /api/rollups/{year}: the units of one level, ranked first (by rank), then the rest in structure order.</summary>
public sealed record RollupListView(RollupHeader Header, string Level, IReadOnlyList<RollupUnitView> Units);

/// <summary>A slice of one unit's figures: a category, a channel or a month.</summary>
public sealed record RollupSliceView(string Key, string Name, string NameEn, RollupFigures Figures);

/// <summary>GET /api/rollups/{year}/{level}s/{id}: one unit with its children and its figures by category, channel and month.</summary>
public sealed record RollupDetailView(
    RollupHeader Header, RollupUnitView Unit, IReadOnlyList<RollupUnitView> Children,
    IReadOnlyList<RollupSliceView> ByCategory, IReadOnlyList<RollupSliceView> ByChannel, IReadOnlyList<RollupSliceView> ByMonth);

/// <summary>
/// /api/rollups: a year's (or a month's or quarter's) figures at grid, community, street and district, built from
/// counters (grid-month entities and the months grids still hold), never from single issues. Admins and operators
/// read them, the display role too; scoped callers see their scope only; deputies none.
/// </summary>
public static class RollupsApi
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Said with every rollup: what its gauges mean and what is not in it yet.</summary>
    public static IReadOnlyList<string> Notes(bool periodEnded) =>
    [
        "Outcomes count in the month their issue was accepted (received, if never accepted), in the district's time zone.",
        "open and openPastDue are gauges at read time; openAtPeriodEnd and openPastDueAtPeriodEnd count the period's issues open "
            + "(and past due) when its last month ended, from the snapshot each grid takes as a month closes"
            + (periodEnded ? "." : ": this period has not ended, so they are the gauges so far."),
        "Percentiles are the upper bound of their histogram bucket (at most twice the true value).",
        "Rollups follow the district's current structure; units retired by a re-import are not included.",
    ];

    public static RouteGroupBuilder MapRollupsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/rollups").WithTags("Rollups").RequireAuthorization(Policies.Viewer);
        group.MapGet("/{year:int}", List)
            .WithSummary("A level's units with their figures for a year, month (period=yyyyMM) or quarter (period=Q1..Q4): JSON, "
                + "or CSV (format=csv or Accept: text/csv, UTF-8 with BOM) or XLSX (format=xlsx). Admins, operators and displays, within their scope.");
        group.MapGet("/{year:int}/grids/{id}", (int year, string id, string? period, RollupReader r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(RollupLevel.Grid, year, id, period, r, g, u, ct)).WithSummary("One grid's rollup, by category, channel and month.");
        group.MapGet("/{year:int}/communities/{id}", (int year, string id, string? period, RollupReader r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(RollupLevel.Community, year, id, period, r, g, u, ct)).WithSummary("One community's rollup, with its grids, by category, channel and month.");
        group.MapGet("/{year:int}/streets/{id}", (int year, string id, string? period, RollupReader r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(RollupLevel.Street, year, id, period, r, g, u, ct)).WithSummary("One street's rollup, with its communities, by category, channel and month.");
        group.MapGet("/{year:int}/districts/{id}", (int year, string id, string? period, RollupReader r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(RollupLevel.District, year, id, period, r, g, u, ct)).WithSummary("One district's rollup, with its streets, by category, channel and month.");
        return group;
    }

    private static async Task<Results<Ok<RollupListView>, FileContentHttpResult>> List(
        int year, HttpContext http, RollupReader reader, IGrainFactory grains, ClaimsPrincipal user, CancellationToken ct,
        string? level = null, string? period = null, string? district = null, string? format = null)
    {
        if (!Access.MayReadRollups(user)) throw Lookup.OutOfScope();
        var lvl = ParseLevel(level);
        var fmt = Format(format, http.Request.Headers.Accept.ToString());
        var p = RollupPeriod.Of(year, period);
        if (!LevelInScope(user, lvl)) throw Lookup.OutOfScope();
        var districtId = district ?? await DefaultDistrict(grains, user);
        if (districtId.Length is 0 or > 64) throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");
        var rollup = await reader.Read(districtId, p, ct);
        var units = rollup.Level(lvl).Where(u => Access.InScope(user, u.StreetId, u.CommunityId)).ToList();
        var view = new RollupListView(Header(rollup), Names.Of(lvl), Order(units).Select(RollupUnitView.Of).ToList());
        var file = $"rollup-{rollup.District.Id}-{p.Label}-{Names.Of(lvl)}";
        return fmt switch
        {
            "csv" => TypedResults.File(RollupExport.Csv(view.Units), CsvType + "; charset=utf-8", file + ".csv"),
            "xlsx" => TypedResults.File(RollupExport.Xlsx(view.Units, Names.Of(lvl)), XlsxType, file + ".xlsx"),
            _ => TypedResults.Ok(view),
        };
    }

    private static async Task<Ok<RollupDetailView>> Detail(RollupLevel level, int year, string id, string? period, RollupReader reader,
        IGrainFactory grains, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Access.MayReadRollups(user)) throw Lookup.OutOfScope();
        var p = RollupPeriod.Of(year, period);
        var districtId = await DistrictOf(grains, level, id);
        var rollup = await reader.Read(districtId, p, ct);
        var unit = rollup.Find(level, id) ?? throw NoUnit(level, id);
        if (!Access.InScope(user, unit.StreetId, unit.CommunityId)) throw Lookup.OutOfScope();
        var weights = rollup.Weights;
        return TypedResults.Ok(new RollupDetailView(Header(rollup), RollupUnitView.Of(unit),
            Order(unit.Children).Select(RollupUnitView.Of).ToList(),
            unit.ByCategory().Select(c =>
            {
                var (zh, en) = RollupLabels.Category(c.Category);
                return new RollupSliceView(c.Category, zh, en, RollupFigures.Of(c.Tally, weights));
            }).ToList(),
            unit.ByChannel().Select(c =>
            {
                var (zh, en) = RollupLabels.Channel(c.Channel);
                return new RollupSliceView(Names.Of(c.Channel), zh, en, RollupFigures.Of(c.Tally, weights));
            }).ToList(),
            unit.ByMonth(p).Select(m => new RollupSliceView(m.Month.ToString(), $"{m.Month / 100}年{m.Month % 100}月",
                new DateTime(m.Month / 100, m.Month % 100, 1).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                RollupFigures.Of(m.Tally, weights).AtPeriodEnd(unit.OpenAtEndOf(m.Month, rollup.PeriodEnded)))).ToList()));
    }

    private static RollupHeader Header(DistrictRollup r) => new(r.District.Id, r.District.Name, r.District.NameEn, r.Period.Year,
        r.Period.Label, r.Period.FromMonth, r.Period.ToMonth, r.ReadAt, r.MinimumDecidedToRank, Notes(r.PeriodEnded));

    /// <summary>Ranked units by rank, then those too small to rank, each in structure order.</summary>
    private static IEnumerable<RollupUnit> Order(IEnumerable<RollupUnit> units) =>
        units.Select((u, n) => (u, n)).OrderBy(x => x.u.Rank ?? int.MaxValue).ThenBy(x => x.n).Select(x => x.u);

    /// <summary>A scoped caller lists only levels at or below their scope: a street scope no districts, a community scope no streets either.</summary>
    private static bool LevelInScope(ClaimsPrincipal user, RollupLevel level)
    {
        if (Access.ScopeOf(user) is not { } scope || !ScopeKeys.TryParse(scope, out var mine, out _)) return Access.ScopeOf(user) is null;
        return level switch
        {
            RollupLevel.District => mine == ScopeLevel.District,
            RollupLevel.Street => mine is ScopeLevel.District or ScopeLevel.Street,
            _ => true,
        };
    }

    private static RollupLevel ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        null or "" or "district" or "districts" => RollupLevel.District,
        "street" or "streets" => RollupLevel.Street,
        "community" or "communities" => RollupLevel.Community,
        "grid" or "grids" => RollupLevel.Grid,
        _ => throw DomainRuleException.Invalid("level", "level is grid, community, street or district."),
    };

    /// <summary>format=json|csv|xlsx wins; else the Accept header (text/csv, the XLSX type); else JSON.</summary>
    private static string Format(string? format, string accept) => format?.Trim().ToLowerInvariant() switch
    {
        "json" => "json",
        "csv" => "csv",
        "xlsx" => "xlsx",
        null or "" => accept.Contains(CsvType, StringComparison.OrdinalIgnoreCase) ? "csv"
            : accept.Contains(XlsxType, StringComparison.OrdinalIgnoreCase) ? "xlsx" : "json",
        _ => throw DomainRuleException.Invalid("format", "format is json, csv or xlsx."),
    };

    /// <summary>Without ?district=: the district of the caller's scope, else the only district there is.</summary>
    private static async Task<string> DefaultDistrict(IGrainFactory grains, ClaimsPrincipal user)
    {
        if (Access.ScopeOf(user) is { } scope && ScopeKeys.TryParse(scope, out var level, out var id) && level != ScopeLevel.District)
            return await DistrictOf(grains, level == ScopeLevel.Street ? RollupLevel.Street : RollupLevel.Community, id);
        var districts = await grains.GetGrain<IDistrictDirectoryGrain>("all").List();
        return districts.Count == 1 ? districts[0].Id
            : throw DomainRuleException.Invalid("district.missing", "Name the district (?district=ID): there is more than one.");
    }

    /// <summary>The district a unit belongs to, from the unit's own profile (grid) or its parents (community, street).</summary>
    private static async Task<string> DistrictOf(IGrainFactory grains, RollupLevel level, string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) throw NoUnit(level, id);
        switch (level)
        {
            case RollupLevel.District:
                return id;
            case RollupLevel.Grid:
                return (await grains.GetGrain<IGridGrain>(id).GetSnapshot()).Profile?.DistrictId ?? throw NoUnit(level, id);
        }
        var key = ScopeKeys.Of(level == RollupLevel.Street ? ScopeLevel.Street : ScopeLevel.Community, id);
        for (var hops = 0; hops < 3; hops++)
        {
            var profile = (await grains.GetGrain<IAggregateGrain>(key).GetSnapshot()).Profile ?? throw NoUnit(level, id);
            if (profile.Level == ScopeLevel.District) return profile.Id;
            key = profile.ParentKey ?? throw NoUnit(level, id);
        }
        throw NoUnit(level, id);
    }

    private static DomainRuleException NoUnit(RollupLevel level, string id) =>
        DomainRuleException.NotFound($"{Names.Of(level)}.unknown", $"No {Names.Of(level)} '{id}'.");
}
