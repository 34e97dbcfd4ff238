using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Archive;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Silo.Replay;
using GridGov.Tests.Fixtures;
using GridGov.Tests.Rollups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace GridGov.Tests.Replay;

/// <summary>
/// A small year replayed on a test host (the test district, 4% of the volume, every path made more likely): the
/// rollups at every level and in detail equal figures recomputed from the archived issues and their histories by the
/// rollup tests' own code; every path occurred; everything settled and moved to storage; replaying the year again in a
/// new host gives the same figures (the first replay wiped, not doubled, down to the live aggregates and deputies);
/// the current year and a year with live data are refused.
/// </summary>
public sealed class YearReplayTests(ITestOutputHelper output)
{
    private const int Year = 2025;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    /// <summary>"Now" for the replay's refusals: mid-2026.</summary>
    private static readonly FakeTimeProvider Wall = new(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));

    private static readonly ReplayRates Busy = new()
    {
        AcceptedPerYear = 2650, VoidPercent = 4, HeldPercent = 12, DeclineOfHeldPercent = 40, SuspendPercent = 8, ClosePercent = 5,
        LateResponsePercent = 6, OverduePercent = 6, NearWindowPercent = 10, LateRatingPercent = 20,
    };

    private static FakeTimeProvider ClockBefore(int year) => new(new DateTimeOffset(year - 1, 12, 30, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_replayed_year_equals_its_archived_issues_at_every_level_and_a_second_replay_replaces_it()
    {
        var d = TestDistrict.Create();
        var settings = HostSettings.Fresh() with { Time = ClockBefore(Year) };
        Dictionary<string, RollupListView> first;
        ReplaySummary firstSummary;
        await using (var host = new GridGovHost(settings))
        {
            var admin = new ApiClient(host.Client("admin"));
            await admin.Import(d.Structure);

            // Live data in 2024 (an issue filed on 30 December, on the host's clock): that year is never replayed over.
            await admin.Submit(d.Grid(1, 1, 1));
            var live = await Assert.ThrowsAsync<ReplayRefusedException>(() => Replay(host, d, Year - 1, ClockBefore(Year - 1)).Run());
            Assert.Contains("live data", live.Message);
            // Nor is the current year.
            var current = await Assert.ThrowsAsync<ReplayRefusedException>(() => Replay(host, d, 2026, ClockBefore(2026)).Run());
            Assert.Contains("the current year", current.Message);

            firstSummary = await Replay(host, d, Year, settings.Time).Run();
            var (facts, histories) = await Archived(host, admin, d);
            first = await RollupsTests.Rollups(admin, d, Year);
            AssertFigures(d, admin, facts, first);
            await AssertDetail(admin, d, facts);
            AssertPaths(facts, histories, firstSummary);
            await AssertSettled(host, d);
            await AssertLiveAggregates(host, d, first);
            Assert.Equal(facts.Count(f => !f.Voided), firstSummary.Received);
        }

        // A new replay process over the same storage, its clock at the start of the year again.
        await using (var host = new GridGovHost(settings.Restarted() with { Time = ClockBefore(Year) }))
        {
            var admin = new ApiClient(host.Client("admin"));
            var second = await Replay(host, d, Year, host.Settings.Time).Run();
            var again = await RollupsTests.Rollups(admin, d, Year);
            foreach (var level in first.Keys)
                Assert.Equal(first[level].Units.Select(u => (u.Id, Counts.Of(u.Figures))), again[level].Units.Select(u => (u.Id, Counts.Of(u.Figures))));
            Assert.Equal(firstSummary.Received, second.Received);
            var (facts, _) = await Archived(host, admin, d);
            AssertFigures(d, admin, facts, again);
            await AssertSettled(host, d);
            await AssertLiveAggregates(host, d, again);
        }
    }

    private YearReplay Replay(GridGovHost host, TestDistrict d, int year, FakeTimeProvider clock) =>
        new(host.Grains, clock, Wall, host.Services.GetRequiredService<IGridMonthStore>(), ReplayCommand.ReplayMarkersFor(host.Services),
            new ReplayOptions { Year = year, DistrictId = d.Id, Scale = 0.04, Rates = Busy }, SlaPolicy.Default, output.WriteLine);

    private static IEnumerable<string> Grids(TestDistrict d) =>
        from s in new[] { 1, 2 } from c in new[] { 1, 2 } from g in new[] { 1, 2 } select d.Grid(s, c, g);

    /// <summary>Every archived issue of the year (listed from the archive table), read back over HTTP with its history.</summary>
    private static async Task<(List<IssueFact> Facts, Dictionary<string, (IssueView Issue, List<HistoryView> History)> Histories)> Archived(
        GridGovHost host, ApiClient admin, TestDistrict d)
    {
        var archive = host.Services.GetRequiredService<IIssueArchive>();
        var ids = new List<string>();
        foreach (var grid in Grids(d))
            for (var month = Year * 100 + 1; month <= Year * 100 + 12; month++)
            {
                string? next = null;
                do
                {
                    var page = await archive.List(grid, month, next, 100);
                    ids.AddRange(page.Issues.Select(i => i.Id));
                    next = page.Continuation;
                } while (next is not null);
            }
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var facts = await RollupsTests.Facts(admin, d, ids);
        var histories = new Dictionary<string, (IssueView, List<HistoryView>)>();
        foreach (var id in ids)
            histories[id] = (await admin.Get<IssueView>($"/api/issues/{id}"), await admin.Get<List<HistoryView>>($"/api/issues/{id}/history"));
        return (facts, histories);
    }

    private static void AssertFigures(TestDistrict d, ApiClient admin, List<IssueFact> facts, Dictionary<string, RollupListView> rollups)
    {
        Assert.All(facts, f => Assert.Equal(Year, f.Month / 100));
        RollupsTests.AssertEveryLevel(d, facts, rollups);
        RollupsTests.AssertRanks(facts, rollups);
    }

    private static async Task AssertDetail(ApiClient admin, TestDistrict d, List<IssueFact> facts)
    {
        foreach (var (path, filter) in new (string, Func<IssueFact, bool>)[]
        {
            ($"districts/{d.Id}", _ => true),
            ($"streets/{d.Street(2)}", f => f.Street == d.Street(2)),
            ($"communities/{d.Community(1, 2)}", f => f.Community == d.Community(1, 2)),
            ($"grids/{d.Grid(2, 2, 1)}", f => f.Grid == d.Grid(2, 2, 1)),
        })
        {
            var detail = await admin.Get<RollupDetailView>($"/api/rollups/{Year}/{path}");
            var mine = facts.Where(filter).ToList();
            Expect.Matches(path, mine, detail.Unit.Figures);
            RollupsTests.AssertSlices(path + " category", mine.GroupBy(f => f.Category), detail.ByCategory);
            RollupsTests.AssertSlices(path + " channel", mine.GroupBy(f => f.Channel), detail.ByChannel);
            foreach (var slice in detail.ByMonth)
                Expect.Matches($"{path} {slice.Key}", mine.Where(f => f.Month.ToString() == slice.Key).ToList(), slice.Figures);
        }
    }

    /// <summary>Each path, counted from the archive: the issues and their histories.</summary>
    private static void AssertPaths(List<IssueFact> facts, Dictionary<string, (IssueView Issue, List<HistoryView> History)> issues, ReplaySummary summary)
    {
        var window = SlaPolicy.Default.RatingWindow;
        int Count(Func<IssueView, List<HistoryView>, bool> p) => issues.Values.Count(x => p(x.Issue, x.History));
        int Local(DateTimeOffset at) { var l = TimeZoneInfo.ConvertTime(at, Shanghai); return l.Year * 100 + l.Month; }
        var paths = new Dictionary<string, int>
        {
            ["declined"] = facts.Count(f => f.Declined),
            ["accepted by hand"] = Count((_, h) => h.Any(e => e.Action == "accept" && e.By.StartsWith("operator"))),
            ["voided"] = facts.Count(f => f.Voided),
            ["suspended and resumed"] = Count((_, h) => h.Any(e => e.Action == "suspend") && h.Any(e => e.Action == "resume")),
            ["reopened"] = Count((i, h) => i.ReopenCount > 0 && h.Any(e => e.Action == "reopen")),
            ["responded in time"] = facts.Count(f => f.RespondedInTime),
            ["responded late"] = facts.Count(f => f.RespondedLate),
            ["went overdue"] = facts.Count(f => f.WentOverdue),
            ["closed unresolved"] = facts.Count(f => f.ClosedUnresolved),
            ["unsatisfied"] = facts.Count(f => f.Rating == "unsatisfied"),
            ["not rated in the window"] = facts.Count(f => f.NotRated),
            ["rated in the window's last hours"] = Count((_, h) => h.Select((e, n) => (e, n)).Any(x => x.e.Action.StartsWith("rate:")
                && h.Take(x.n).LastOrDefault(c => c.Action is "resolve" or "close") is { } closed && x.e.At - closed.At > window - TimeSpan.FromHours(6))),
            ["closed in a later month than accepted"] = Count((i, _) => i.AcceptedAt is { } a && i.ClosedAt is { } c && Local(a) != Local(c)),
            ["filed in one month, settled in the next"] = Count((i, h) => Local(i.ReceivedAt) != Local(h[^1].At)),
        };
        foreach (var (path, n) in paths) Assert.True(n > 0, $"no issue took the path '{path}': {string.Join(", ", paths.Select(p => $"{p.Key} {p.Value}"))}");
        // A late rating leaves no trace on the issue: the replay counts the refusals it met; none was taken.
        Assert.True(summary.Paths.LateRatingsRefused > 0, "late ratings were refused");
        Assert.Equal(0, summary.Paths.Unexpected);
        Assert.All(issues.Values, x => Assert.DoesNotContain(x.History, e => e.Action.StartsWith("rate:") && e.At > x.History
            .Take(x.History.IndexOf(e)).Last(c => c.Action is "resolve" or "close").At + window));
    }

    /// <summary>Nothing of the year is held by a grid any more: issues archived, months in the grid-month store.</summary>
    private static async Task AssertSettled(GridGovHost host, TestDistrict d)
    {
        var store = host.Services.GetRequiredService<IGridMonthStore>();
        var stored = 0;
        foreach (var grid in Grids(d))
        {
            var snapshot = await host.Grains.GetGrain<IGridGrain>(grid).GetSnapshot();
            Assert.DoesNotContain(await host.Grains.GetGrain<IGridGrain>(grid).GetHeldIssues(),
                i => TimeZoneInfo.ConvertTime(i.AcceptedAt ?? i.ReceivedAt, Shanghai).Year == Year);
            Assert.DoesNotContain(snapshot.Counters.Months.Keys, m => m / 100 == Year);
            stored += (await store.Load(grid, Year * 100 + 1, Year * 100 + 12)).Months.Count;
            Assert.True(await host.Grains.GetGrain<IGridGrain>(grid).IsDrained());
        }
        Assert.True(stored > 0);
    }

    /// <summary>The live aggregates and the deputies hold the year exactly once: what the rollup (from the grids) shows.</summary>
    private static async Task AssertLiveAggregates(GridGovHost host, TestDistrict d, Dictionary<string, RollupListView> rollups)
    {
        var district = rollups["district"].Units.Single().Figures;
        var live = (await host.Grains.AggregateOf(UnitKey.District(d.Id)).GetSnapshot()).Counters.Year(Year);
        Assert.Equal((district.Received, district.Accepted, district.Resolved, district.Rated, district.Voided),
            (live.Received, live.Accepted, live.Resolved, live.Rated, live.Voided));
        foreach (var street in rollups["street"].Units)
        {
            var s = (await host.Grains.AggregateOf(UnitKey.Street(street.Id)).GetSnapshot()).Counters.Year(Year);
            Assert.Equal((street.Id, street.Figures.Received, street.Figures.Resolved), (street.Id, s.Received, s.Resolved));
        }
        // Every accepted issue had a deputy; the deputies together hold each once.
        var deputies = new Tally();
        foreach (var n in Enumerable.Range(1, 4))
            deputies.Add((await host.Grains.GetGrain<IDeputyGrain>(d.Deputy(n)).GetSnapshot()).Counters.Year(Year));
        Assert.Equal((district.Accepted, district.Resolved), (deputies.Accepted, deputies.Resolved));
    }
}
