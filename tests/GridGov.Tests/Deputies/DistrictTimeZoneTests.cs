using System.Text.Json.Nodes;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Deputies;

/// <summary>
/// A district in Los Angeles, whose new year comes 16 hours after Shanghai's: an issue accepted late on New Year's Eve
/// there counts in the old year and one accepted just after midnight in the new, for the deputy's figures, the deputy's
/// rollups and the district's rollups alike; and the zone is served with the district, the grid, the deputy, the rollup
/// header and the tracked issue, for the pages to show dates in it.
/// </summary>
public sealed class DistrictTimeZoneTests
{
    private const string Zone = "America/Los_Angeles";
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    /// <summary>23:00 on 31 December 2025 in Los Angeles: 15:00 on 1 January 2026 in Shanghai.</summary>
    private static readonly DateTimeOffset EveningBefore = Local(new DateTime(2025, 12, 31, 23, 0, 0));

    [Fact]
    public async Task Issues_accepted_either_side_of_the_district_zone_new_year_count_in_their_year()
    {
        await using var host = new GridGovHost(HostSettings.Fresh() with { Time = new FakeTimeProvider(EveningBefore) });
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure with { TimeZone = Zone });
        var resident = new ApiClient(host.Client());
        var deputy = d.Deputy(1); // grids s1-c1-g1 and s1-c1-g2

        var before = await resident.Submit(d.Grid(1, 1, 1), "年末路灯不亮");
        Assert.Equal(deputy, before.AssignedDeputyId);
        await Poll.Until(() => Accepted(admin, $"/api/rollups/2025/deputies/{deputy}"), n => n == 1, "the deputy's 2025 rollup to count the issue");
        // Still 2025 in the district (it is already 2026 in Shanghai): the deputy's year in view is 2025, with the issue.
        var view = await admin.Get<DeputyView>($"/api/deputies/{deputy}");
        Assert.Equal(("2025", 1L), (view.Year.Period, view.Year.Totals.Accepted));
        var district = await admin.Get<ScopeView>($"/api/districts/{d.Id}");
        Assert.Equal("2025", district.Figures.Year.Period);

        host.Settings.Time.Advance(TimeSpan.FromHours(1.5)); // 00:30 on New Year's Day in Los Angeles
        var after = await resident.Submit(d.Grid(1, 1, 2), "新年积水");
        Assert.Equal(deputy, after.AssignedDeputyId);
        await Poll.Until(() => Accepted(admin, $"/api/rollups/2026/deputies/{deputy}"), n => n == 1, "the deputy's 2026 rollup to count the second issue");
        Assert.Equal(1, await Accepted(admin, $"/api/rollups/2025/deputies/{deputy}"));
        view = await admin.Get<DeputyView>($"/api/deputies/{deputy}");
        Assert.Equal(("2026", 1L), (view.Year.Period, view.Year.Totals.Accepted));
        await admin.WaitForScope("districts", d.Id, d.Grid(1, 1, 2), after.Commit);
        Assert.Equal(1, await Accepted(admin, $"/api/rollups/2025/districts/{d.Id}"));
        Assert.Equal(1, await Accepted(admin, $"/api/rollups/2026/districts/{d.Id}"));
        var list = await admin.Get<JsonObject>($"/api/rollups/2025?level=deputy&district={d.Id}");
        Assert.Equal(1, list["units"]!.AsArray().Single(u => (string?)u!["id"] == deputy)!["figures"]!["accepted"]!.GetValue<long>());

        // The zone, served wherever the pages read dates from.
        Assert.Equal(Zone, ZoneOf(await admin.Get<JsonObject>($"/api/districts/{d.Id}")));
        Assert.Equal(Zone, ZoneOf(await admin.Get<JsonObject>($"/api/streets/{d.Street(1)}")));
        Assert.Equal(Zone, ZoneOf(await admin.Get<JsonObject>($"/api/grids/{d.Grid(1, 1, 1)}")));
        Assert.Equal(Zone, ZoneOf(await new ApiClient(host.Client("deputy", deputy)).Get<JsonObject>($"/api/deputies/{deputy}")));
        Assert.Equal(Zone, ZoneOf((await admin.Get<JsonObject>($"/api/rollups/2025/districts/{d.Id}"))["header"]!));
        Assert.Equal(Zone, ZoneOf((await admin.Get<JsonObject>($"/api/rollups/2026/deputies/{deputy}"))["header"]!));
        Assert.Equal(Zone, ZoneOf(await resident.Get<JsonObject>($"/api/track/{before.TrackingCode}")));
    }

    private static async Task<long> Accepted(ApiClient api, string path) =>
        (await api.Get<JsonObject>(path))["unit"]!["figures"]!["accepted"]!.GetValue<long>();

    private static string? ZoneOf(JsonNode view) => (string?)view["timeZone"];

    private static DateTimeOffset Local(DateTime losAngeles) => new(losAngeles, LosAngeles.GetUtcOffset(losAngeles));
}
