using System.Net;
using GridGov.Grains.Archive;
using GridGov.Grains.Grids;
using GridGov.Grains.Rollups;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Rollups;

/// <summary>
/// Rollups at grid, community, street and district equal figures recomputed here from the issues themselves
/// (<see cref="IssueFact"/>), for a mix of outcomes driven over HTTP; they agree with the live aggregates; and they
/// still agree once a month is settled and its counters have moved to grid-month entities.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class RollupsTests(HostFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private GridGovHost Host => fixture.Host;

    internal enum Plan
    {
        ResolvedSatisfied, ResolvedBasically, ResolvedUnrated, ClosedBasically, ClosedUnrated,
        ClosedReopenedResolved, ResolvedReopenedOpen, LateResponseResolved, EmergencyUnanswered,
        OpenResponded, Unanswered, Suspended, Declined, Voided, Pending,
    }

    private static readonly string[] Categories = ["roads", "property", "water", "elderly", "refuse", "security"];
    private static readonly string[] Channels = ["hotline", "online", "reception", "liaisonStation", "deputyVisit"];

    [Fact]
    public async Task Rollups_at_every_level_equal_figures_recomputed_from_the_issues()
    {
        var d = TestDistrict.Create(autoAccept: false);
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);

        // Enough decided cases in three communities (and one grid) to rank; the fourth community stays under the minimum.
        var plans = new List<(string Grid, Plan Plan)>();
        void Add(Func<int, string> grid, params (Plan Plan, int Count)[] mix)
        {
            var n = 0;
            foreach (var (plan, count) in mix)
                for (var i = 0; i < count; i++) plans.Add((grid(n++), plan));
        }
        Add(n => d.Grid(1, 1, 1 + n % 2), (Plan.ResolvedSatisfied, 10), (Plan.ResolvedBasically, 4), (Plan.ClosedBasically, 2),
            (Plan.ClosedReopenedResolved, 2), (Plan.EmergencyUnanswered, 2), (Plan.LateResponseResolved, 1), (Plan.Declined, 1),
            (Plan.OpenResponded, 1), (Plan.ResolvedUnrated, 1));
        Add(n => d.Grid(1, 2, 1 + n % 2), (Plan.ResolvedSatisfied, 9), (Plan.ResolvedBasically, 3), (Plan.ClosedUnrated, 3),
            (Plan.ClosedBasically, 2), (Plan.EmergencyUnanswered, 3), (Plan.ResolvedReopenedOpen, 1), (Plan.Suspended, 1), (Plan.Voided, 1));
        Add(_ => d.Grid(2, 1, 1), (Plan.ResolvedSatisfied, 12), (Plan.ResolvedBasically, 2), (Plan.ClosedBasically, 4),
            (Plan.LateResponseResolved, 1), (Plan.EmergencyUnanswered, 2), (Plan.Unanswered, 1), (Plan.Pending, 1), (Plan.Declined, 1));
        Add(n => d.Grid(2, 2, 1 + n % 2), (Plan.ResolvedSatisfied, 3), (Plan.Unanswered, 1), (Plan.ClosedUnrated, 1), (Plan.Voided, 1));

        var issues = await Drive(d, admin, plans);
        var year = Now().Year;
        var facts = await Facts(admin, d, issues);
        var rollups = await Rollups(admin, d, year);

        AssertEveryLevel(d, facts.Where(f => f.Month / 100 == year).ToList(), rollups);
        AssertRanks(facts.Where(f => f.Month / 100 == year).ToList(), rollups);
        Assert.True(rollups["community"].Units.Count(u => u.Rank is not null) >= 3, "three communities reach the minimum sample");
        Assert.Equal(1, rollups["grid"].Units.Single(u => u.Id == d.Grid(2, 1, 1)).Rank);
        Assert.Null(rollups["community"].Units.Single(u => u.Id == d.Community(2, 2)).Rank);

        // One unit in detail: by category, by channel and month by month.
        foreach (var (path, filter) in new (string, Func<IssueFact, bool>)[]
        {
            ($"districts/{d.Id}", _ => true),
            ($"streets/{d.Street(1)}", f => f.Street == d.Street(1)),
            ($"communities/{d.Community(2, 1)}", f => f.Community == d.Community(2, 1)),
            ($"grids/{d.Grid(1, 1, 2)}", f => f.Grid == d.Grid(1, 1, 2)),
        })
        {
            var detail = await admin.Get<RollupDetailView>($"/api/rollups/{year}/{path}");
            var mine = facts.Where(f => f.Month / 100 == year).Where(filter).ToList();
            Expect.Matches(path, mine, detail.Unit.Figures);
            AssertSlices(path + " category", mine.GroupBy(f => f.Category), detail.ByCategory);
            AssertSlices(path + " channel", mine.GroupBy(f => f.Channel), detail.ByChannel);
            Assert.Equal(Enumerable.Range(1, 12).Select(m => (year * 100 + m).ToString()), detail.ByMonth.Select(m => m.Key));
            foreach (var slice in detail.ByMonth)
                Expect.Matches($"{path} {slice.Key}", mine.Where(f => f.Month.ToString() == slice.Key).ToList(), slice.Figures);
        }
        var district = await admin.Get<RollupDetailView>($"/api/rollups/{year}/districts/{d.Id}");
        Assert.Equal([d.Street(1), d.Street(2)], district.Children.Select(c => c.Id).Order());
        Assert.Equal("测试区", district.Header.DistrictName);
        Assert.Contains(district.ByCategory, c => c.Key == "roads" && c.Name == "道路交通");
        Assert.Contains(district.ByChannel, c => c.Key == "hotline" && c.Name == "热线");

        // A quarter and a month: the same issues, cut by cohort month.
        var month = facts.Where(f => f.Month / 100 == year).Max(f => f.Month);
        var quarter = $"Q{(month % 100 + 2) / 3}";
        foreach (var (period, inPeriod) in new (string, Func<int, bool>)[] { (month.ToString(), m => m == month), (quarter, m => (m % 100 + 2) / 3 == (month % 100 + 2) / 3 && m / 100 == year) })
        {
            var list = await admin.Get<RollupListView>($"/api/rollups/{year}?level=street&period={period}&district={d.Id}");
            Assert.Equal(period.StartsWith('Q') ? $"{year}{period}" : period, list.Header.Period);
            foreach (var street in list.Units)
                Expect.Matches($"{period} {street.Id}", facts.Where(f => f.Street == street.Id && inPeriod(f.Month)).ToList(), street.Figures);
        }

        await AssertLiveTotalsEqualRollup(d, admin, rollups["district"].Units.Single());
    }

    [Fact]
    public async Task A_settled_month_read_from_grid_month_entities_still_equals_the_issues()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        var resident = new ApiClient(Host.Client());
        await admin.Import(d.Structure);
        var (a, b, c) = (d.Grid(1, 1, 1), d.Grid(1, 1, 2), d.Grid(2, 1, 1));
        var month = MonthOf(Now());

        // Grid a: everything closed and rated (one reopened, then rated unsatisfied again past the reopen limit): settled.
        var a1 = await admin.Submit(a, "路灯不亮", "roads", "hotline");
        var a2 = await admin.Submit(a, "电梯故障", "property", "online");
        var a3 = await admin.Submit(a, "垃圾未清运", "refuse", "reception");
        // Grid b: one settled, one left open, which keeps the month in the grain.
        var b1 = await admin.Submit(b, "水压低", "water", "hotline");
        var b2 = await admin.Submit(b, "噪音扰民", "security", "liaisonStation");
        // Grid c: one voided issue only.
        var c1 = await admin.Submit(c, "重复提交", "other", "online");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        foreach (var i in new[] { a1, a2, a3, b1, b2 }) await admin.Act(i.Id, "respond", "called the resident");
        await admin.Act(c1.Id, "void", "filed twice");
        Host.Settings.Time.Advance(TimeSpan.FromHours(2));
        await admin.Act(a1.Id, "resolve", "lamp replaced");
        await admin.Act(a2.Id, "close", "awaiting the maker's part");
        await admin.Act(a3.Id, "resolve", "collected");
        await admin.Act(b1.Id, "resolve", "valve opened");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        await resident.Rate(a1.TrackingCode, "satisfied");
        await resident.Rate(a2.TrackingCode, "basicallySatisfied");
        await resident.Rate(a3.TrackingCode, "unsatisfied");
        await resident.Rate(b1.TrackingCode, "satisfied");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        await admin.Act(a3.Id, "respond", "called again");
        await admin.Act(a3.Id, "resolve", "collected again");
        await resident.Rate(a3.TrackingCode, "unsatisfied"); // past the reopen limit: kept, and settled

        // Into the next month: the SLA clock runs, and a command to each grid settles what it can (its Housekeep).
        var local = TimeZoneInfo.ConvertTime(Now(), Shanghai);
        var nextMonth = new DateTimeOffset(new DateTime(local.Year, local.Month, 1).AddMonths(1), Shanghai.GetUtcOffset(local.DateTime));
        Host.Settings.Time.Advance(nextMonth - Now() + TimeSpan.FromHours(1));
        foreach (var grid in new[] { a, b, c }) await Host.Grains.GetGrain<IGridGrain>(grid).Tick();
        var late = new List<SubmittedIssue>();
        foreach (var grid in new[] { a, b, c }) late.Add(await admin.Submit(grid, "新月份", "elderly", "appointment"));

        var store = Host.Services.GetRequiredService<IGridMonthStore>();
        foreach (var grid in new[] { a, c })
        {
            Assert.DoesNotContain(month, (await Host.Grains.GetGrain<IGridGrain>(grid).GetSnapshot()).Counters.Months.Keys);
            Assert.True((await store.Load(grid, month, month)).Months.ContainsKey(month), $"{grid}: {month} is in a grid-month entity");
        }
        Assert.Contains(month, (await Host.Grains.GetGrain<IGridGrain>(b).GetSnapshot()).Counters.Months.Keys);

        var ids = new[] { a1, a2, a3, b1, b2, c1 }.Concat(late).Select(i => i.Id).ToList();
        var facts = await Facts(admin, d, ids);
        Assert.Equal(1, facts.Single(f => f.Id == a3.Id).Reopened);
        Assert.True(facts.Single(f => f.Id == b2.Id).Open);
        var year = month / 100;
        foreach (var period in new[] { month.ToString(), MonthOf(Now()).ToString(), "" })
        {
            var rollups = await Rollups(admin, d, year, period);
            var inPeriod = facts.Where(f => period == "" ? f.Month / 100 == year : f.Month.ToString() == period).ToList();
            AssertEveryLevel(d, inPeriod, rollups);
            if (period == "" && MonthOf(Now()) / 100 == year)
                await AssertLiveTotalsEqualRollup(d, admin, rollups["district"].Units.Single());
        }
    }

    [Fact]
    public async Task Operators_and_displays_read_their_scope_and_deputies_none()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var year = Now().Year;
        var q = $"/api/rollups/{year}";

        var street = new ApiClient(Host.Client("operator", scope: $"street:{d.Street(1)}"));
        // No ?district=: a scoped caller's district is the one of their scope.
        var communities = await street.Get<RollupListView>($"{q}?level=community");
        Assert.Equal(d.Id, communities.Header.DistrictId);
        Assert.Equal([d.Community(1, 1), d.Community(1, 2)], communities.Units.Select(u => u.Id).Order());
        Assert.Equal(4, (await street.Get<RollupListView>($"{q}?level=grid")).Units.Count);
        Assert.Equal(d.Street(1), (await street.Get<RollupDetailView>($"{q}/streets/{d.Street(1)}")).Unit.Id);
        await Status(street, $"{q}?level=district", HttpStatusCode.Forbidden);
        await Status(street, $"{q}/streets/{d.Street(2)}", HttpStatusCode.Forbidden);
        await Status(street, $"{q}/grids/{d.Grid(2, 1, 1)}", HttpStatusCode.Forbidden);

        var display = new ApiClient(Host.Client());
        display.Http.DefaultRequestHeaders.Authorization = new("Bearer", await admin.DisplayToken("wall", $"community:{d.Community(2, 1)}"));
        Assert.Equal([d.Grid(2, 1, 1), d.Grid(2, 1, 2)], (await display.Get<RollupListView>($"{q}?level=grid")).Units.Select(u => u.Id).Order());
        await Status(display, $"{q}?level=street", HttpStatusCode.Forbidden);
        var wall = new ApiClient(Host.Client());
        wall.Http.DefaultRequestHeaders.Authorization = new("Bearer", await admin.DisplayToken("district wall"));
        Assert.Equal(d.Id, (await wall.Get<RollupListView>($"{q}?level=district&district={d.Id}")).Units.Single().Id);

        var everywhere = new ApiClient(Host.Client("operator"));
        Assert.Equal(8, (await everywhere.Get<RollupListView>($"{q}?level=grid&district={d.Id}")).Units.Count);
        await Status(new ApiClient(Host.Client("deputy", deputy: d.Deputy(1))), $"{q}?level=grid&district={d.Id}", HttpStatusCode.Forbidden);
        await Status(new ApiClient(Host.Client("deputy", deputy: d.Deputy(1))), $"{q}/grids/{d.Grid(1, 1, 1)}", HttpStatusCode.Forbidden);
        await Status(new ApiClient(Host.Client()), $"{q}?level=grid&district={d.Id}", HttpStatusCode.Unauthorized);

        await Status(admin, $"{q}?level=block&district={d.Id}", HttpStatusCode.BadRequest);
        await Status(admin, $"{q}?period=Q5&district={d.Id}", HttpStatusCode.BadRequest);
        await Status(admin, $"{q}?period={year + 1}01&district={d.Id}", HttpStatusCode.BadRequest);
        await Status(admin, $"{q}?format=pdf&district={d.Id}", HttpStatusCode.BadRequest);
        await Status(admin, $"{q}/grids/{d.Id}-nowhere", HttpStatusCode.NotFound);
        await Status(admin, $"{q}/streets/{d.Id}-nowhere", HttpStatusCode.NotFound);
        await Status(admin, $"{q}?district={d.Id}-nowhere", HttpStatusCode.NotFound);
    }

    // ---- driving issues -------------------------------------------------------------------------------

    private DateTimeOffset Now() => Host.Settings.Time.GetUtcNow();

    private static int MonthOf(DateTimeOffset at)
    {
        var l = TimeZoneInfo.ConvertTime(at, Shanghai);
        return l.Year * 100 + l.Month;
    }

    /// <summary>Runs every plan, step by step: each step for all issues at once, then the clock moves an hour.</summary>
    internal async Task<List<string>> Drive(TestDistrict d, ApiClient admin, List<(string Grid, Plan Plan)> plans)
    {
        var resident = new ApiClient(Host.Client());
        var submitted = await Task.WhenAll(plans.Select((p, n) => admin.Submit(p.Grid, $"问题{n}", Categories[n % Categories.Length],
            Channels[n % Channels.Length], Emergency(p.Plan) ? "emergency" : "general")));
        var issues = submitted.Zip(plans, (s, p) => (s.Id, s.TrackingCode, p.Plan)).ToList();

        async Task Step(Func<(string Id, string Code, Plan Plan), Task?> act)
        {
            await Task.WhenAll(issues.Select(i => act(i) ?? Task.CompletedTask));
            Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        }
        Task Act(string id, string action, string? note = null) => admin.Act(id, action, note);
        Task Rate(string code, string rating) => resident.Rate(code, rating);
        async Task Reopened(string id) // back to "assigned": answered again, then resolved
        {
            await Act(id, "respond", "called again");
            await Act(id, "resolve", "done at last");
        }

        await Step(i => i.Plan switch // t0: accept or decline
        {
            Plan.Pending => null,
            Plan.Declined => Act(i.Id, "reject", "not a matter for the deputies"),
            _ => Act(i.Id, "accept"),
        });
        await Step(i => i.Plan switch // t0+1h: first responses in time
        {
            Plan.Pending or Plan.Declined or Plan.EmergencyUnanswered or Plan.Unanswered or Plan.LateResponseResolved => null,
            _ => Act(i.Id, "respond", "called the resident"),
        });
        await Step(i => i.Plan switch // t0+2h: outcomes
        {
            Plan.ResolvedSatisfied or Plan.ResolvedBasically or Plan.ResolvedUnrated or Plan.ResolvedReopenedOpen => Act(i.Id, "resolve", "done"),
            Plan.ClosedBasically or Plan.ClosedUnrated or Plan.ClosedReopenedResolved => Act(i.Id, "close", "outside jurisdiction"),
            Plan.Suspended => Act(i.Id, "suspend", "waiting for the owners' meeting"),
            Plan.Voided => Act(i.Id, "void", "filed by mistake"),
            _ => null,
        });
        await Step(i => i.Plan switch // t0+3h: ratings; a late first response
        {
            Plan.ResolvedSatisfied => Rate(i.Code, "satisfied"),
            Plan.ResolvedBasically or Plan.ClosedBasically => Rate(i.Code, "basicallySatisfied"),
            Plan.ClosedReopenedResolved or Plan.ResolvedReopenedOpen => Rate(i.Code, "unsatisfied"),
            Plan.LateResponseResolved => Act(i.Id, "respond", "called late"),
            _ => null,
        });
        await Step(i => i.Plan switch // t0+4h: reopened and late ones resolved
        {
            Plan.ClosedReopenedResolved => Reopened(i.Id),
            Plan.LateResponseResolved => Act(i.Id, "resolve", "done at last"),
            _ => null,
        });
        await Step(i => i.Plan switch // t0+5h: rated again
        {
            Plan.ClosedReopenedResolved or Plan.LateResponseResolved => Rate(i.Code, "satisfied"),
            _ => null,
        });
        // A day on: unanswered general issues are past their first-response limit; run the SLA clock of every grid.
        Host.Settings.Time.Advance(TimeSpan.FromHours(20));
        await Tick(d);
        return issues.Select(i => i.Id).ToList();
    }

    private static bool Emergency(Plan p) => p is Plan.EmergencyUnanswered or Plan.LateResponseResolved;

    private async Task Tick(TestDistrict d)
    {
        foreach (var grid in Grids(d)) await Host.Grains.GetGrain<IGridGrain>(grid).Tick();
    }

    private static IEnumerable<string> Grids(TestDistrict d) =>
        from s in new[] { 1, 2 } from c in new[] { 1, 2 } from g in new[] { 1, 2 } select d.Grid(s, c, g);

    internal static async Task<List<IssueFact>> Facts(ApiClient api, TestDistrict d, IEnumerable<string> ids) =>
        [.. await Task.WhenAll(ids.Select(id => IssueFact.Read(api, d, id)))];

    // ---- reading rollups and checking them ------------------------------------------------------------

    internal static async Task<Dictionary<string, RollupListView>> Rollups(ApiClient api, TestDistrict d, int year, string period = "")
    {
        var result = new Dictionary<string, RollupListView>();
        foreach (var level in new[] { "grid", "community", "street", "district" })
            result[level] = await api.Get<RollupListView>($"/api/rollups/{year}?level={level}&period={period}&district={d.Id}");
        return result;
    }

    internal static void AssertEveryLevel(TestDistrict d, IReadOnlyCollection<IssueFact> facts, Dictionary<string, RollupListView> rollups)
    {
        Assert.Equal(Grids(d).Order(), rollups["grid"].Units.Select(u => u.Id).Order());
        foreach (var u in rollups["grid"].Units) Expect.Matches("grid " + u.Id, facts.Where(f => f.Grid == u.Id).ToList(), u.Figures);
        Assert.Equal(4, rollups["community"].Units.Count);
        foreach (var u in rollups["community"].Units) Expect.Matches("community " + u.Id, facts.Where(f => f.Community == u.Id).ToList(), u.Figures);
        Assert.Equal(2, rollups["street"].Units.Count);
        foreach (var u in rollups["street"].Units) Expect.Matches("street " + u.Id, facts.Where(f => f.Street == u.Id).ToList(), u.Figures);
        Expect.Matches("district " + d.Id, facts, rollups["district"].Units.Single().Figures);
        Assert.Equal("测试区", rollups["district"].Units.Single().Name);
        Assert.Equal("Test District", rollups["district"].Units.Single().NameEn);
    }

    /// <summary>Ranks: units with at least the minimum of decided cases and a score, by score, best first ("1, 2, 2, 4").</summary>
    internal static void AssertRanks(IReadOnlyCollection<IssueFact> facts, Dictionary<string, RollupListView> rollups)
    {
        foreach (var (level, key) in new (string, Func<IssueFact, string>)[] { ("grid", f => f.Grid), ("community", f => f.Community), ("street", f => f.Street) })
        {
            var minimum = rollups[level].Header.MinimumDecidedToRank;
            Assert.Equal(20, minimum);
            var scores = rollups[level].Units.Select(u =>
            {
                var mine = facts.Where(f => key(f) == u.Id).ToList();
                var decided = mine.Count(f => f.Resolved || f.ClosedUnresolved || f.OpenPastDue);
                return (u.Id, Score: decided >= minimum && Expect.Composite(mine) is { } s ? Math.Round(s, 6) : (double?)null);
            }).ToList();
            foreach (var (id, score) in scores)
            {
                int? expected = score is { } s ? 1 + scores.Count(o => o.Score > s) : null;
                Assert.Equal((level, id, expected), (level, id, rollups[level].Units.Single(u => u.Id == id).Rank));
            }
            // Listed ranked first, by rank.
            var ranks = rollups[level].Units.Select(u => u.Rank ?? int.MaxValue).ToList();
            Assert.Equal(ranks.Order(), ranks);
        }
    }

    internal static void AssertSlices(string what, IEnumerable<IGrouping<string, IssueFact>> expected, IReadOnlyList<RollupSliceView> actual)
    {
        var groups = expected.ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(groups.Keys.Order(), actual.Select(s => s.Key).Order());
        foreach (var slice in actual) Expect.Matches($"{what} {slice.Key}", groups[slice.Key], slice.Figures);
    }

    /// <summary>
    /// The district aggregate's live year totals (GET /api/districts/{id}) equal the rollup's once the aggregate has caught up.
    /// Deltas flow asynchronously, and a grid's last commit need not carry one (a change that moves no counter), so this
    /// polls for agreement (at most 30 s) rather than waiting for a commit number.
    /// </summary>
    private static async Task AssertLiveTotalsEqualRollup(TestDistrict d, ApiClient admin, RollupUnitView district)
    {
        var f = district.Figures;
        var wanted = (f.Received, f.Accepted, f.NotAccepted, f.Open, f.OpenPastDue, f.Overdue, f.Resolved, f.ClosedUnresolved, f.RespondedInTime,
            f.RespondedLate, f.ResponseOverdue, f.Reopened, f.Satisfied, f.BasicallySatisfied, f.Unsatisfied, f.NotRated, f.Voided, f.Decided);
        var live = await Poll.Until(() => admin.Get<ScopeView>($"/api/districts/{d.Id}"), view =>
            {
                var t = view.Figures.Year.Totals;
                return (t.Received, t.Accepted, t.NotAccepted, t.Open, t.OpenOverdue, t.Overdue, t.Resolved, t.ClosedUnresolved, t.RespondedInTime,
                    t.RespondedLate, t.ResponseOverdue, t.Reopened, t.Satisfied, t.BasicallySatisfied, t.Unsatisfied, t.NotRated, t.Voided, t.Decided) == wanted;
            }, $"the district's live year totals to equal the rollup's {wanted}");
        Assert.Equal(live.Figures.Year.Rates.Composite.Display, f.Composite.Display);
        Assert.Equal(live.Figures.Year.Rates.Resolution.Display, f.Resolution.Display);
    }

    private static async Task Status(ApiClient api, string path, HttpStatusCode status)
    {
        var response = await api.Http.GetAsync(path);
        Assert.True(response.StatusCode == status, $"GET {path}: wanted {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
