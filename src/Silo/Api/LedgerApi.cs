using GridGov.Grains.Domain.Units;
using GridGov.Grains.Access;
using System.Security.Claims;
using GridGov.Grains;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Rollups;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>What a ledger covers: the unit, the period (cohort months) and what its columns mean.</summary>
public sealed record LedgerHeader(
    string DistrictId, string Level, string Id, string Name, int Year, string Period, int FromMonth, int ToMonth, string TimeZone,
    IReadOnlyList<string> Notes);

/// <summary>A page of a ledger; <see cref="Next"/> is the page token of the next page, null at the end.</summary>
public sealed record LedgerView(LedgerHeader Header, IReadOnlyList<LedgerRow> Rows, string? Next);

/// <summary>
/// GET /api/ledger/{year}: the issue ledger (台账) of a grid, community, street or district for a year, quarter or month
/// (by cohort month): one row per issue, contact details masked. JSON in pages of <see cref="PageSize"/> rows; CSV and
/// XLSX whole, up to <see cref="GridGovOptions.LedgerExportRows"/> rows (413 beyond). Admins, and operators within their scope.
/// </summary>
public static class LedgerApi
{
    public const int PageSize = 500;
    private const int Parallelism = 8;

    public static readonly IReadOnlyList<string> Notes =
    [
        "One row per issue whose cohort month (acceptance, else receipt, in the district's time zone) lies in the period.",
        "Residents' contact details are masked: the name's first character, the phone's first three and last four digits.",
        "overdue: past its resolution or first-response limit at some time. rating notRated: the rating window ended unrated.",
    ];

    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ledger").WithTags("Ledger").RequireAuthorization(Policies.Operator);
        group.MapGet("/{year:int}", Get).WithName("getLedger")
            .Problems(OutOfScope, PeriodInvalid, YearInvalid, LevelUnknown, FormatUnknown, PageInvalid, UnitId, DistrictMissing, UnknownDistrict, UnknownStreet, UnknownCommunity, UnknownGrid,
                LedgerTooLarge)
            .WithSummary("The issue ledger of a unit (level=grid|community|street|district, id=) for a year, quarter or month: JSON pages "
                + "(page=), or CSV (UTF-8 with BOM) or XLSX (format=). Contact details masked. Admins; operators within their scope.");
        return group;
    }

    private static async Task<Results<Ok<LedgerView>, FileContentHttpResult, ProblemHttpResult>> Get(
        int year, HttpContext http, RollupReader rollups, LedgerReader ledger, IGrainFactory grains, ClaimsPrincipal user,
        IOptions<GridGovOptions> options, CancellationToken ct,
        string? level = null, string? id = null, string? period = null, string? district = null, string? format = null, string? page = null)
    {
        var lvl = RollupsApi.ParseLevel(level);
        var fmt = RollupsApi.Format(format, http.Request.Headers.Accept.ToString());
        var p = RollupPeriod.Of(year, period);
        var (start, offset) = ParsePage(page);
        if (fmt != "json" && page is not null) throw DomainRuleException.Invalid("page", "Exports are whole: page is for JSON only.");
        string districtId;
        if (lvl == UnitLevel.District) districtId = id ?? district ?? await RollupsApi.DefaultDistrict(grains, user);
        else districtId = await RollupsApi.DistrictOf(grains, lvl, id ?? throw DomainRuleException.Invalid("id", "Name the unit: ?id=."));
        if (districtId.Length is 0 or > 64) throw DomainRuleException.NotFound("district.unknown", $"No district '{districtId}'.");
        var structure = await rollups.Structure(districtId);
        var (name, streetId, communityId, places) = Unit(structure, lvl, lvl == UnitLevel.District ? structure.Id : id!);
        if (!AccessRules.InScope(Caller.From(user), streetId, communityId)) throw Lookup.OutOfScope();

        var calendar = DistrictCalendar.For(structure.TimeZone);
        // How many issues a grid's counters give the period (read per grid, as its rows are): the ledger searches older
        // receipts until it has them all.
        async Task<long> Expected(string gridId, CancellationToken token) =>
            (await rollups.ReadGrids(structure, p, token, [gridId])).GetValueOrDefault(gridId)?.Counters.Total is { } t ? t.Received + t.Voided : 0;
        var deputies = structure.Deputies.ToDictionary(d => d.Id, d => d.Name);
        var header = new LedgerHeader(structure.Id, Names.Of(lvl), lvl == UnitLevel.District ? structure.Id : id!, name, year, p.Label,
            p.FromMonth, p.ToMonth, structure.TimeZone, Notes);
        if (fmt == "json")
        {
            var rows = new List<LedgerRow>();
            for (var g = start; g < places.Count; g++, offset = 0)
            {
                var grid = await ledger.Grid(places[g], p, calendar, deputies, await Expected(places[g].GridId, ct), ct);
                var take = grid.Skip(offset).Take(PageSize - rows.Count).ToList();
                rows.AddRange(take);
                if (offset + take.Count < grid.Count) return TypedResults.Ok(new LedgerView(header, rows, $"{g}:{offset + take.Count}"));
                if (rows.Count >= PageSize && g + 1 < places.Count) return TypedResults.Ok(new LedgerView(header, rows, $"{g + 1}:0"));
            }
            return TypedResults.Ok(new LedgerView(header, rows, null));
        }

        var all = new IReadOnlyList<LedgerRow>[places.Count];
        var total = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, places.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (g, token) =>
            {
                all[g] = await ledger.Grid(places[g], p, calendar, deputies, await Expected(places[g].GridId, token), token);
                Interlocked.Add(ref total, all[g].Count);
            });
        var limit = options.Value.LedgerExportRows;
        if (total > limit)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The ledger has {total} rows, more than an export holds "
                + $"({limit}): export a smaller unit or period, or page through the JSON.", type: "https://gridgov.example/problems/ledger.tooLarge",
                extensions: new Dictionary<string, object?> { ["code"] = "ledger.tooLarge", ["rows"] = total, ["limit"] = limit });
        var file = $"ledger-{structure.Id}-{p.Label}-{Names.Of(lvl)}-{header.Id}";
        return fmt == "csv"
            ? TypedResults.File(LedgerExport.Csv(all.SelectMany(r => r), calendar.Zone), RollupsApi.CsvType + "; charset=utf-8", file + ".csv")
            : TypedResults.File(LedgerExport.Xlsx(all.SelectMany(r => r), calendar.Zone), RollupsApi.XlsxType, file + ".xlsx");
    }

    /// <summary>The unit's name, its street and community (null above them) and its grids, in structure order; 404 if absent.</summary>
    private static (string Name, string? StreetId, string? CommunityId, IReadOnlyList<LedgerPlace> Places) Unit(
        DistrictStructure structure, UnitLevel level, string id)
    {
        var all = structure.Streets.SelectMany(s => s.Communities.SelectMany(c => c.Grids.Select(g => (s, c, g)))).ToList();
        static LedgerPlace Place((StreetNode S, CommunityNode C, GridNode G) x) => new(x.G.Id, x.G.Name, x.C.Id, x.C.Name, x.S.Id, x.S.Name);
        var unit = level switch
        {
            UnitLevel.District => (structure.Name, (string?)null, (string?)null, all),
            UnitLevel.Street => structure.Streets.FirstOrDefault(s => s.Id == id) is { } s ? (s.Name, s.Id, null, all.Where(x => x.s.Id == id).ToList()) : default,
            UnitLevel.Community => all.FirstOrDefault(x => x.c.Id == id) is { c: not null } c
                ? (c.c.Name, c.s.Id, c.c.Id, all.Where(x => x.c.Id == id).ToList()) : default,
            _ => all.FirstOrDefault(x => x.g.Id == id) is { g: not null } g ? (g.g.Name, g.s.Id, g.c.Id, [g]) : default,
        };
        if (unit.Item1 is null) throw DomainRuleException.NotFound($"{Names.Of(level)}.unknown", $"No {Names.Of(level)} '{id}'.");
        return (unit.Item1, unit.Item2, unit.Item3, unit.Item4.Select(Place).ToList());
    }

    private static (int Grid, int Offset) ParsePage(string? page)
    {
        if (page is null) return (0, 0);
        var parts = page.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var g) && int.TryParse(parts[1], out var o) && g >= 0 && o >= 0
            ? (g, o) : throw DomainRuleException.Invalid("page", "Unknown page token.");
    }
}
