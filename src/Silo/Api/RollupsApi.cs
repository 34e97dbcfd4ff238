using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Access;
using System.Security.Claims;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Grains.Rollups;
using GridGov.Grains.Structure;
using GridGov.Grains.Years;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>
/// One unit in a rollup: its place, its rank (null: below the minimum sample or no score) and its figures. In a closed
/// year, <see cref="Figures"/> are the published (frozen) figures and <see cref="Amended"/> the figures now where they
/// differ (changes that arrived after closing), else null.
/// </summary>
public sealed record RollupUnitView(
    string Level, string Id, string Name, string NameEn, string? StreetId, string? CommunityId, int? Rank, RollupFigures Figures,
    RollupFigures? Amended = null)
{
    public static RollupUnitView Of(RollupUnit u, RollupUnit? current = null) =>
        new(Names.Of(u.Level), u.Id, u.Name, u.NameEn, u.StreetId, u.CommunityId, u.Rank, u.Figures,
            YearRollup.Amended(u.Figures, current?.Figures));
}

/// <summary>Who closed a year, and when.</summary>
public sealed record ClosedView(DateTimeOffset ClosedAt, string ClosedBy)
{
    public static ClosedView? Of(ClosedYear? y) => y is null ? null : new(y.ClosedAt, y.ClosedBy);
}

/// <summary>
/// What every rollup answer says about itself: the district, the period (cohort months) and how it was read; for a
/// closed year, who closed it when (<see cref="ReadAt"/> is then the closing time of the published figures). Dates are the
/// district's <see cref="TimeZone"/>'s; <see cref="Weights"/> scored the composite (a closed year's: those frozen with it).
/// </summary>
public sealed record RollupHeader(
    string DistrictId, string DistrictName, string DistrictNameEn, int Year, string Period, int FromMonth, int ToMonth,
    DateTimeOffset ReadAt, int MinimumDecidedToRank, string TimeZone, ScoreWeights Weights, IReadOnlyList<string> Notes,
    ClosedView? Closed = null);

/// <summary>GET /api/rollups/{year}: the units of one level, ranked first (by rank), then the rest in structure order.</summary>
public sealed record RollupListView(RollupHeader Header, string Level, IReadOnlyList<RollupUnitView> Units);

/// <summary>A slice of one unit's figures: a category, a channel or a month (published and amended as in <see cref="RollupUnitView"/>).</summary>
public sealed record RollupSliceView(string Key, string Name, string NameEn, RollupFigures Figures, RollupFigures? Amended = null);

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

    /// <summary>Said with every rollup of a closed year, after <see cref="Notes"/>.</summary>
    public static readonly IReadOnlyList<string> ClosedNotes =
    [
        "This year is closed: figures are the published figures, frozen when it was closed (header.closed says when and by whom); "
            + "open and openPastDue are as they stood then, openAtPeriodEnd and openPastDueAtPeriodEnd are the month-end snapshots as "
            + "they stood then, ranks are the published ranks, and units are those of the structure it was closed with.",
        "amended holds the figures now where changes arrived after closing (a late rating, a reopened issue), else null; "
            + "exports carry them in the amended columns (修正后).",
    ];

    public static RouteGroupBuilder MapRollupsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/rollups").WithTags("Rollups").RequireAuthorization(Policies.Viewer);
        group.MapGet("/{year:int}", List).WithName("listRollups").Problems(OutOfScope, PeriodInvalid, YearInvalid, LevelUnknown, FormatUnknown, DistrictMissing, UnknownDistrict)
            .WithSummary("A level's units with their figures for a year, month (period=yyyyMM) or quarter (period=Q1..Q4): JSON, "
                + "or CSV (format=csv or Accept: text/csv, UTF-8 with BOM) or XLSX (format=xlsx). Admins, operators and displays, within their scope. "
                + "A closed year answers its published figures, with amendments beside them.");
        group.MapGet("/{year:int}/grids/{id}", (int year, string id, string? period, YearRollups r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(UnitLevel.Grid, year, id, period, r, g, u, ct)).WithName("getGridRollup")
            .Problems(OutOfScope, PeriodInvalid, YearInvalid, UnknownGrid, UnknownDistrict).WithSummary("One grid's rollup, by category, channel and month.");
        group.MapGet("/{year:int}/communities/{id}", (int year, string id, string? period, YearRollups r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(UnitLevel.Community, year, id, period, r, g, u, ct)).WithName("getCommunityRollup")
            .Problems(OutOfScope, PeriodInvalid, YearInvalid, UnknownCommunity, UnknownDistrict).WithSummary("One community's rollup, with its grids, by category, channel and month.");
        group.MapGet("/{year:int}/streets/{id}", (int year, string id, string? period, YearRollups r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(UnitLevel.Street, year, id, period, r, g, u, ct)).WithName("getStreetRollup")
            .Problems(OutOfScope, PeriodInvalid, YearInvalid, UnknownStreet, UnknownDistrict).WithSummary("One street's rollup, with its communities, by category, channel and month.");
        group.MapGet("/{year:int}/districts/{id}", (int year, string id, string? period, YearRollups r, IGrainFactory g, ClaimsPrincipal u, CancellationToken ct) =>
            Detail(UnitLevel.District, year, id, period, r, g, u, ct)).WithName("getDistrictRollup")
            .Problems(OutOfScope, PeriodInvalid, YearInvalid, UnknownDistrict).WithSummary("One district's rollup, with its streets, by category, channel and month.");
        return group;
    }

    private static async Task<Results<Ok<RollupListView>, FileContentHttpResult>> List(
        int year, HttpContext http, YearRollups reader, IGrainFactory grains, ClaimsPrincipal user, CancellationToken ct,
        string? level = null, string? period = null, string? district = null, string? format = null)
    {
        if (DeputyRollupsApi.IsDeputyLevel(level)) return await DeputyRollupsApi.List(year, http, grains, user, period, district, format, ct);
        var caller = Caller.From(user);
        if (!AccessRules.MayReadRollups(caller)) throw Lookup.OutOfScope();
        var lvl = ParseLevel(level);
        var fmt = Format(format, http.Request.Headers.Accept.ToString());
        var p = RollupPeriod.Of(year, period);
        if (!LevelInScope(user, lvl)) throw Lookup.OutOfScope();
        var districtId = district ?? await DefaultDistrict(grains, user);
        if (districtId.Length is 0 or > 64) throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");
        var read = await reader.Read(districtId, p, ct);
        var rollup = read.Published;
        var units = rollup.Level(lvl).Where(u => AccessRules.InScope(caller, u.StreetId, u.CommunityId)).ToList();
        var view = new RollupListView(Header(read), Names.Of(lvl),
            Order(units).Select(u => RollupUnitView.Of(u, read.Current?.Find(u.Level, u.Id))).ToList());
        var file = $"rollup-{rollup.District.Id}-{p.Label}-{Names.Of(lvl)}";
        var amended = read.Closed is not null;
        return fmt switch
        {
            "csv" => TypedResults.File(RollupExport.Csv(view.Units, amended), CsvType + "; charset=utf-8", file + ".csv"),
            "xlsx" => TypedResults.File(RollupExport.Xlsx(view.Units, Names.Of(lvl), amended), XlsxType, file + ".xlsx"),
            _ => TypedResults.Ok(view),
        };
    }

    private static async Task<Ok<RollupDetailView>> Detail(UnitLevel level, int year, string id, string? period, YearRollups reader,
        IGrainFactory grains, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!AccessRules.MayReadRollups(Caller.From(user))) throw Lookup.OutOfScope();
        var p = RollupPeriod.Of(year, period);
        var districtId = await DistrictOf(grains, level, id);
        var read = await reader.Read(districtId, p, ct);
        var unit = read.Published.Find(level, id) ?? throw NoUnit(level, id);
        if (!AccessRules.InScope(Caller.From(user), unit.StreetId, unit.CommunityId)) throw Lookup.OutOfScope();
        var current = read.Current?.Find(level, id);
        var weights = read.Published.Weights;
        var currentWeights = read.Current?.Weights ?? weights;
        var figures = (Tally t) => RollupFigures.Of(t, weights);
        var currentFigures = (Tally t) => RollupFigures.Of(t, currentWeights);
        // A closed year's slices: the published ones in their order, then any that appeared only after closing.
        // published/now: a slice's figures from its tally (a month's also carry its cohort's open at period end).
        IReadOnlyList<RollupSliceView> Slices<TKey>(IEnumerable<(TKey Key, Tally Tally)> published, IEnumerable<(TKey Key, Tally Tally)>? now,
            Func<TKey, (string Key, string Zh, string En)> label, Func<TKey, Tally, RollupFigures> publishedFigures,
            Func<TKey, Tally, RollupFigures> nowFigures) where TKey : notnull
        {
            var was = published.ToList();
            var isNow = now?.ToDictionary(x => x.Key, x => x.Tally);
            var keys = was.Select(x => x.Key).Concat(isNow?.Keys.Where(k => !was.Any(x => x.Key.Equals(k))) ?? []).ToList();
            return keys.Select(k =>
            {
                var (key, zh, en) = label(k);
                var shown = publishedFigures(k, was.FirstOrDefault(x => x.Key.Equals(k)).Tally ?? new Tally());
                return new RollupSliceView(key, zh, en, shown,
                    isNow is null ? null : YearRollup.Amended(shown, nowFigures(k, isNow.GetValueOrDefault(k) ?? new Tally())));
            }).ToList();
        }
        var ended = read.Published.PeriodEnded;
        var currentEnded = read.Current?.PeriodEnded ?? false;
        return TypedResults.Ok(new RollupDetailView(Header(read), RollupUnitView.Of(unit, current),
            Order(unit.Children).Select(c => RollupUnitView.Of(c, current?.Children.FirstOrDefault(x => x.Id == c.Id))).ToList(),
            Slices(unit.ByCategory(), current?.ByCategory(), c => { var (zh, en) = reader.Categories.Names(c); return (c, zh, en); },
                (_, t) => figures(t), (_, t) => currentFigures(t)),
            Slices(unit.ByChannel(), current?.ByChannel(), c => { var (zh, en) = RollupLabels.Channel(c); return (Names.Of(c), zh, en); },
                (_, t) => figures(t), (_, t) => currentFigures(t)),
            Slices(unit.ByMonth(p), current?.ByMonth(p), m => (m.ToString(), $"{m / 100}年{m % 100}月",
                    new DateTime(m / 100, m % 100, 1).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)),
                (m, t) => figures(t).AtPeriodEnd(unit.OpenAtEndOf(m, ended)),
                (m, t) => currentFigures(t).AtPeriodEnd(current?.OpenAtEndOf(m, currentEnded)))));
    }

    private static RollupHeader Header(YearRollup read)
    {
        var r = read.Published;
        var notes = Notes(r.PeriodEnded);
        return new(r.District.Id, r.District.Name, r.District.NameEn, r.Period.Year, r.Period.Label, r.Period.FromMonth, r.Period.ToMonth,
            r.ReadAt, r.MinimumDecidedToRank, r.TimeZone, r.Weights, read.Closed is null ? notes : [.. notes, .. ClosedNotes], ClosedView.Of(read.Closed));
    }

    /// <summary>Ranked units by rank, then those too small to rank, each in structure order.</summary>
    private static IEnumerable<RollupUnit> Order(IEnumerable<RollupUnit> units) =>
        units.Select((u, n) => (u, n)).OrderBy(x => x.u.Rank ?? int.MaxValue).ThenBy(x => x.n).Select(x => x.u);

    /// <summary>A scoped caller lists only levels at or below their scope: a street scope no districts, a community scope no streets either.</summary>
    internal static bool LevelInScope(ClaimsPrincipal user, UnitLevel level)
    {
        if (Caller.From(user).Scope is not { Level: var mine }) return true;
        return level switch
        {
            UnitLevel.District => mine == UnitLevel.District,
            UnitLevel.Street => mine is UnitLevel.District or UnitLevel.Street,
            _ => true,
        };
    }

    internal static UnitLevel ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        null or "" or "district" or "districts" => UnitLevel.District,
        "street" or "streets" => UnitLevel.Street,
        "community" or "communities" => UnitLevel.Community,
        "grid" or "grids" => UnitLevel.Grid,
        _ => throw DomainRuleException.Invalid("level", "level is grid, community, street or district (and deputy for the rollup list)."),
    };

    /// <summary>format=json|csv|xlsx wins; else the Accept header (text/csv, the XLSX type); else JSON.</summary>
    internal static string Format(string? format, string accept) => format?.Trim().ToLowerInvariant() switch
    {
        "json" => "json",
        "csv" => "csv",
        "xlsx" => "xlsx",
        null or "" => accept.Contains(CsvType, StringComparison.OrdinalIgnoreCase) ? "csv"
            : accept.Contains(XlsxType, StringComparison.OrdinalIgnoreCase) ? "xlsx" : "json",
        _ => throw DomainRuleException.Invalid("format", "format is json, csv or xlsx."),
    };

    /// <summary>Without ?district=: the district of the caller's scope, else the only district there is.</summary>
    internal static async Task<string> DefaultDistrict(IGrainFactory grains, ClaimsPrincipal user)
    {
        if (Caller.From(user).Scope is { Level: UnitLevel.Street or UnitLevel.Community } scope)
            return await DistrictOf(grains, scope.Level, scope.Id);
        var districts = await grains.GetGrain<IDistrictDirectoryGrain>("all").List();
        return districts.Count == 1 ? districts[0].Id
            : throw DomainRuleException.Invalid("district.missing", "Name the district (?district=ID): there is more than one.");
    }

    /// <summary>The district a unit belongs to, from the unit's own profile (grid) or its parents (community, street).</summary>
    internal static async Task<string> DistrictOf(IGrainFactory grains, UnitLevel level, string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) throw NoUnit(level, id);
        switch (level)
        {
            case UnitLevel.District:
                return id;
            case UnitLevel.Grid:
                return (await grains.GetGrain<IGridGrain>(id).GetProfile())?.DistrictId ?? throw NoUnit(level, id);
        }
        if (level is not (UnitLevel.Street or UnitLevel.Community)) throw NoUnit(level, id);
        var unit = new UnitKey(level, id);
        for (var hops = 0; hops < 3; hops++)
        {
            var profile = (await grains.AggregateOf(unit).GetSnapshot()).Profile ?? throw NoUnit(level, id);
            if (profile.Level == UnitLevel.District) return profile.Id;
            unit = profile.Parent ?? throw NoUnit(level, id);
        }
        throw NoUnit(level, id);
    }

    private static DomainRuleException NoUnit(UnitLevel level, string id) =>
        DomainRuleException.NotFound($"{Names.Of(level)}.unknown", $"No {Names.Of(level)} '{id}'.");
}
