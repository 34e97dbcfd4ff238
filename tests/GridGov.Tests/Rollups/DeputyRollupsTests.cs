using System.Net;
using System.Text;
using System.Text.Json;
using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Rollups;

/// <summary>
/// Rollups per deputy (from the deputies' own counters) equal figures recomputed here from the issues, grouped by each
/// issue's deputy at the end, including issues reassigned from one deputy to another; together they hold every accepted
/// issue of the district once; and only the deputy themself, operators of their scope and admins read them.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class DeputyRollupsTests(HostFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task Deputy_rollups_equal_figures_recomputed_from_the_issues_of_each_final_deputy()
    {
        var d = TestDistrict.Create(autoAccept: false);
        var admin = new ApiClient(Host.Client("admin"));
        var resident = new ApiClient(Host.Client());
        await admin.Import(d.Structure);

        // Reassigned issues: one moves from deputy 1 (placed in community 1-1) to deputy 2 after its first response, and is
        // then resolved and rated; one moves from deputy 3 to deputy 1 and stays open; one moves twice (4 -> 2 -> 3) and is closed.
        var moved = new[] { d.Grid(1, 1, 1), d.Grid(2, 1, 2), d.Grid(2, 2, 1) };
        var mine = new List<SubmittedIssue>();
        for (var n = 0; n < moved.Length; n++) mine.Add(await admin.Submit(moved[n], $"转办{n}", "water", "online"));
        foreach (var i in mine) await admin.Act(i.Id, "accept");
        Assert.Equal(string.Join(",", d.Deputy(1), d.Deputy(3), d.Deputy(4)),
            string.Join(",", await Task.WhenAll(mine.Select(async i => (await admin.Get<IssueView>($"/api/issues/{i.Id}")).AssignedDeputyId))));
        Host.Settings.Time.Advance(TimeSpan.FromMinutes(30));
        foreach (var i in mine) await admin.Act(i.Id, "respond", "called the resident");
        await admin.Act(mine[0].Id, "reassign", "the deputy on the spot", d.Deputy(2));
        await admin.Act(mine[1].Id, "reassign", "covering for a colleague", d.Deputy(1));
        await admin.Act(mine[2].Id, "reassign", "first move", d.Deputy(2));
        Host.Settings.Time.Advance(TimeSpan.FromMinutes(30));
        await admin.Act(mine[2].Id, "reassign", "second move", d.Deputy(3));
        await admin.Act(mine[0].Id, "resolve", "pipe fixed");
        await admin.Act(mine[2].Id, "close", "outside jurisdiction");
        await resident.Rate(mine[0].TrackingCode, "satisfied");

        // The mix of outcomes of the rollup tests: enough decided cases for deputy 1 to rank, too few for deputy 4.
        var plans = new List<(string Grid, RollupsTests.Plan Plan)>();
        void Add(Func<int, string> grid, params (RollupsTests.Plan Plan, int Count)[] mix)
        {
            var n = 0;
            foreach (var (plan, count) in mix)
                for (var i = 0; i < count; i++) plans.Add((grid(n++), plan));
        }
        Add(n => d.Grid(1, 1, 1 + n % 2), (RollupsTests.Plan.ResolvedSatisfied, 11), (RollupsTests.Plan.ResolvedBasically, 4),
            (RollupsTests.Plan.ClosedBasically, 2), (RollupsTests.Plan.ClosedReopenedResolved, 1), (RollupsTests.Plan.EmergencyUnanswered, 2),
            (RollupsTests.Plan.LateResponseResolved, 1), (RollupsTests.Plan.Declined, 1), (RollupsTests.Plan.OpenResponded, 1));
        Add(n => d.Grid(1, 2, 1 + n % 2), (RollupsTests.Plan.ResolvedSatisfied, 4), (RollupsTests.Plan.ClosedUnrated, 2),
            (RollupsTests.Plan.ResolvedReopenedOpen, 1), (RollupsTests.Plan.Suspended, 1), (RollupsTests.Plan.Voided, 1), (RollupsTests.Plan.Pending, 1));
        Add(_ => d.Grid(2, 1, 1), (RollupsTests.Plan.ResolvedBasically, 3), (RollupsTests.Plan.Unanswered, 1), (RollupsTests.Plan.ResolvedUnrated, 1));
        Add(_ => d.Grid(2, 2, 2), (RollupsTests.Plan.ResolvedSatisfied, 1), (RollupsTests.Plan.ClosedUnrated, 1));
        var driven = await new RollupsTests(fixture).Drive(d, admin, plans);
        await Drained(d);

        var year = TimeZoneInfo.ConvertTime(Host.Settings.Time.GetUtcNow(), Shanghai).Year;
        var ids = mine.Select(i => i.Id).Concat(driven).ToList();
        var facts = (await RollupsTests.Facts(admin, d, ids)).Where(f => f.Month / 100 == year).ToList();
        var deputyOf = (await Task.WhenAll(facts.Select(async f => (f.Id, (await admin.Get<IssueView>($"/api/issues/{f.Id}")).AssignedDeputyId))))
            .ToDictionary(x => x.Id, x => x.AssignedDeputyId);
        Assert.Equal(string.Join(",", d.Deputy(2), d.Deputy(1), d.Deputy(3)), string.Join(",", mine.Select(i => deputyOf.GetValueOrDefault(i.Id))));
        Assert.Contains(facts, f => deputyOf[f.Id] is null); // pending and declined issues have no deputy

        var list = await admin.Get<RollupListView>($"/api/rollups/{year}?level=deputy&district={d.Id}");
        Assert.Equal("deputy", list.Level);
        Assert.Contains(list.Header.Notes, n => n.Contains("deputy figures are live, not frozen at close", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Enumerable.Range(1, 4).Select(d.Deputy).Order(), list.Units.Select(u => u.Id).Order());
        foreach (var u in list.Units)
        {
            Assert.Equal(("deputy", d.Structure.Deputies.Single(x => x.Id == u.Id).Name), (u.Level, u.Name));
            Expect.Matches("deputy " + u.Id, facts.Where(f => deputyOf[f.Id] == u.Id).ToList(), u.Figures);
        }

        // Ranks: the minimum sample rule of the other levels, by composite score, ranked ones listed first.
        var minimum = list.Header.MinimumDecidedToRank;
        var scores = list.Units.Select(u =>
        {
            var held = facts.Where(f => deputyOf[f.Id] == u.Id).ToList();
            var decided = held.Count(f => f.Resolved || f.ClosedUnresolved || f.OpenPastDue);
            return (u.Id, Score: decided >= minimum && Expect.Composite(held) is { } s ? Math.Round(s, 6) : (double?)null);
        }).ToList();
        Assert.Contains(scores, s => s.Score is not null);
        Assert.Contains(scores, s => s.Score is null);
        foreach (var (id, score) in scores)
            Assert.Equal((id, score is { } s ? 1 + scores.Count(o => o.Score > s) : (int?)null), (id, list.Units.Single(u => u.Id == id).Rank));
        var ranks = list.Units.Select(u => u.Rank ?? int.MaxValue).ToList();
        Assert.Equal(ranks.Order(), ranks);

        // Together the deputies hold every accepted issue once: the district's accepted, less those no deputy holds.
        var district = (await admin.Get<RollupListView>($"/api/rollups/{year}?level=district&district={d.Id}")).Units.Single().Figures;
        var unheld = facts.Where(f => deputyOf[f.Id] is null).ToList();
        Assert.Equal(district.Accepted - unheld.Count(f => f.Accepted), list.Units.Sum(u => u.Figures.Accepted));
        Assert.Equal(district.Resolved - unheld.Count(f => f.Resolved), list.Units.Sum(u => u.Figures.Resolved));
        Assert.Equal(district.Voided - unheld.Count(f => f.Voided), list.Units.Sum(u => u.Figures.Voided));

        // Each deputy in detail: by sending grid, category, channel and month.
        foreach (var n in Enumerable.Range(1, 4))
        {
            var id = d.Deputy(n);
            var held = facts.Where(f => deputyOf[f.Id] == id).ToList();
            var detail = await admin.Get<DeputyRollupDetailView>($"/api/rollups/{year}/deputies/{id}");
            Assert.Equal(d.Id, detail.Header.DistrictId);
            Assert.Equal(list.Units.Single(u => u.Id == id), detail.Unit);
            Expect.Matches(id, held, detail.Unit.Figures);
            var (s, c) = ((n - 1) / 2 + 1, (n - 1) % 2 + 1);
            Assert.Equal([d.Grid(s, c, 1), d.Grid(s, c, 2)], detail.Places.Select(p => p.GridId).Order());
            Assert.All(detail.Places, p => Assert.Equal((d.Street(s), d.Community(s, c)), (p.StreetId, p.CommunityId)));
            Assert.Equal(held.Select(f => f.Grid).Distinct().Order(), detail.ByGrid.Select(g => g.Id).Order());
            foreach (var g in detail.ByGrid) Expect.Matches($"{id} from {g.Id}", held.Where(f => f.Grid == g.Id).ToList(), g.Figures);
            RollupsTests.AssertSlices(id + " category", held.GroupBy(f => f.Category), detail.ByCategory);
            RollupsTests.AssertSlices(id + " channel", held.GroupBy(f => f.Channel), detail.ByChannel);
            Assert.Equal(Enumerable.Range(1, 12).Select(m => (year * 100 + m).ToString()), detail.ByMonth.Select(m => m.Key));
            foreach (var slice in detail.ByMonth)
                Expect.Matches($"{id} {slice.Key}", held.Where(f => f.Month.ToString() == slice.Key).ToList(), slice.Figures);
        }
        // Deputy 2 holds an issue from a grid they are not placed in: it shows among their sending grids.
        var two = await admin.Get<DeputyRollupDetailView>($"/api/rollups/{year}/deputies/{d.Deputy(2)}");
        Assert.Contains(two.ByGrid, g => g.Id == d.Grid(1, 1, 1) && g.Figures.Resolved >= 1);

        // A month: the same issues, cut by cohort month.
        var month = facts.Max(f => f.Month);
        var monthly = await admin.Get<RollupListView>($"/api/rollups/{year}?level=deputies&period={month}&district={d.Id}");
        Assert.Equal(month.ToString(), monthly.Header.Period);
        foreach (var u in monthly.Units)
            Expect.Matches($"{month} {u.Id}", facts.Where(f => deputyOf[f.Id] == u.Id && f.Month == month).ToList(), u.Figures);

        // CSV: the columns of every rollup list, with a BOM, one row per deputy in the JSON's order.
        var csv = await admin.Http.GetAsync($"/api/rollups/{year}?level=deputy&district={d.Id}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = RollupExportTests.ParseCsv(new UTF8Encoding(false).GetString(bytes[3..]));
        Assert.Equal(RollupExportTests.Header, rows[0]);
        Assert.Equal(list.Units.Select(u => ("deputy", u.Id, u.Name, u.Figures.Accepted.ToString())),
            rows.Skip(1).Select(r => (r[0], r[1], r[2], r[Array.IndexOf(RollupExportTests.Header, "accepted 受理")])));
        var xlsx = await admin.Http.GetAsync($"/api/rollups/{year}?level=deputy&district={d.Id}&format=xlsx");
        Assert.Equal(RollupsApi.XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal(list.Units.Select(u => u.Id), XlsxSheet.Read(await xlsx.Content.ReadAsByteArrayAsync(), RollupExportTests.Header.Length).Skip(1).Select(r => r[1]));
    }

    [Fact]
    public async Task Deputies_read_their_own_operators_their_scope_and_bad_input_is_a_problem()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var issue = await admin.Submit(d.Grid(2, 1, 1), "路灯不亮", "roads", "hotline");
        await Drained(d);
        var year = TimeZoneInfo.ConvertTime(Host.Settings.Time.GetUtcNow(), Shanghai).Year;
        var q = $"/api/rollups/{year}";

        // The deputy themself, with no ?district=: found from their grids.
        var three = new ApiClient(Host.Client("deputy", deputy: d.Deputy(3)));
        var own = await three.Get<DeputyRollupDetailView>($"{q}/deputies/{d.Deputy(3)}");
        Assert.Equal((d.Id, 1L), (own.Header.DistrictId, own.Unit.Figures.Accepted));
        Assert.Equal(issue.AssignedDeputyId, own.Unit.Id);
        await Problem(three, $"{q}/deputies/{d.Deputy(1)}", HttpStatusCode.Forbidden);
        await Problem(three, $"{q}?level=deputy&district={d.Id}", HttpStatusCode.Forbidden);

        // Operators: a deputy is in their scope when one of the deputy's grids is.
        var street2 = new ApiClient(Host.Client("operator", scope: $"street:{d.Street(2)}"));
        Assert.Equal(d.Deputy(3), (await street2.Get<DeputyRollupDetailView>($"{q}/deputies/{d.Deputy(3)}")).Unit.Id);
        await Problem(street2, $"{q}/deputies/{d.Deputy(1)}", HttpStatusCode.Forbidden);
        Assert.Equal([d.Deputy(3), d.Deputy(4)], (await street2.Get<RollupListView>($"{q}?level=deputy")).Units.Select(u => u.Id).Order());
        var community = new ApiClient(Host.Client("operator", scope: $"community:{d.Community(1, 2)}"));
        Assert.Equal(d.Deputy(2), (await community.Get<RollupListView>($"{q}?level=deputy")).Units.Single().Id);
        await Problem(community, $"{q}/deputies/{d.Deputy(3)}", HttpStatusCode.Forbidden);
        Assert.Equal(4, (await new ApiClient(Host.Client("operator")).Get<RollupListView>($"{q}?level=deputy&district={d.Id}")).Units.Count);

        // Displays read no deputies; nobody unauthenticated does.
        var wall = new ApiClient(Host.Client());
        wall.Http.DefaultRequestHeaders.Authorization = new("Bearer", await admin.DisplayToken("district wall"));
        await Problem(wall, $"{q}?level=deputy&district={d.Id}", HttpStatusCode.Forbidden);
        await Problem(wall, $"{q}/deputies/{d.Deputy(3)}", HttpStatusCode.Forbidden);
        await Problem(new ApiClient(Host.Client()), $"{q}/deputies/{d.Deputy(3)}", HttpStatusCode.Unauthorized);

        await Problem(admin, $"{q}?level=deputee&district={d.Id}", HttpStatusCode.BadRequest);
        await Problem(admin, $"{q}?level=deputy&period=Q5&district={d.Id}", HttpStatusCode.BadRequest);
        await Problem(admin, $"{q}?level=deputy&format=pdf&district={d.Id}", HttpStatusCode.BadRequest);
        await Problem(admin, $"{q}/deputies/{d.Deputy(3)}?period={year + 1}01", HttpStatusCode.BadRequest);
        await Problem(admin, $"{q}/deputies/{d.Id}-nobody", HttpStatusCode.NotFound);
        await Problem(admin, $"{q}?level=deputy&district={d.Id}-nowhere", HttpStatusCode.NotFound);
    }

    /// <summary>Every grid's outbox acknowledged by its receivers, the deputies among them (deltas flow asynchronously).</summary>
    private async Task Drained(TestDistrict d)
    {
        var grids = (from s in new[] { 1, 2 } from c in new[] { 1, 2 } from g in new[] { 1, 2 } select d.Grid(s, c, g)).ToList();
        foreach (var grid in grids)
            await Poll.Until(Host.Grains.GetGrain<IGridGrain>(grid).IsDrained, drained => drained, $"{grid}'s deltas to be delivered");
    }

    private static async Task Problem(ApiClient api, string path, HttpStatusCode status)
    {
        var response = await api.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {path}: wanted {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }
}
