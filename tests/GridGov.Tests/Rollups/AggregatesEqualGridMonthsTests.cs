using GridGov.Grains;
using System.Text.Json;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Rollups;

/// <summary>
/// The live aggregates (community, street, district) and the rollups' sources agree: for every month the aggregates
/// keep, an aggregate's month totals equal the sum over its grids of the grid-month entities plus what the grids still
/// hold, field by field, after months have moved to storage.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class AggregatesEqualGridMonthsTests(HostFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task Aggregate_totals_equal_grid_month_entities_plus_held_months()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        var resident = new ApiClient(Host.Client());
        await admin.Import(d.Structure);
        var grids = (from s in new[] { 1, 2 } from c in new[] { 1, 2 } from g in new[] { 1, 2 } select d.Grid(s, c, g)).ToList();

        // Two months of issues: most settle (resolved or closed, then rated), some stay open; then a third month begins.
        for (var round = 0; round < 2; round++)
        {
            var issues = new List<(string Id, string Code, int N)>();
            for (var n = 0; n < grids.Count * 3; n++)
            {
                var i = await admin.Submit(grids[n % grids.Count], $"问题{round}-{n}", n % 2 == 0 ? "roads" : "water", n % 3 == 0 ? "online" : "hotline");
                issues.Add((i.Id, i.TrackingCode, n));
            }
            Host.Settings.Time.Advance(TimeSpan.FromHours(1));
            foreach (var (id, _, n) in issues.Where(i => i.N % 5 != 0)) await admin.Act(id, "respond", "called the resident");
            Host.Settings.Time.Advance(TimeSpan.FromHours(1));
            foreach (var (id, _, n) in issues.Where(i => i.N % 5 != 0)) await admin.Act(id, n % 7 == 0 ? "close" : "resolve", "done");
            Host.Settings.Time.Advance(TimeSpan.FromHours(2));
            foreach (var (_, code, n) in issues.Where(i => i.N % 5 != 0 && i.N % 4 != 0)) await resident.Rate(code, n % 6 == 0 ? "basicallySatisfied" : "satisfied");
            NextMonth();
            // A command to every grid: each housekeeps (stores what settled) in its first write of the new month.
            foreach (var g in grids) await Host.Grains.GetGrain<IGridGrain>(g).Tick();
            foreach (var g in grids) await admin.Submit(g, "新月份");
        }
        // Past every rating window: the unrated ones settle as "not rated" and their months can move too.
        Host.Settings.Time.Advance(TimeSpan.FromDays(8));
        foreach (var g in grids) await Host.Grains.GetGrain<IGridGrain>(g).Tick();
        foreach (var g in grids) await admin.Submit(g, "再一个");

        var store = Host.Services.GetRequiredService<IGridMonthStore>();
        var firstMonth = DistrictCalendar.AddMonths(MonthOf(Now()), -24);
        var lastMonth = MonthOf(Now());
        var perGrid = new Dictionary<string, CounterSet>();
        var (storedMonths, heldPastMonths) = (0, 0);
        foreach (var g in grids)
        {
            // Grain first, then the store: a month moved in between is seen twice, and the held copy wins.
            var held = (await Host.Grains.GetGrain<IGridGrain>(g).GetSnapshot()).Counters;
            var set = await store.Load(g, firstMonth, lastMonth);
            storedMonths += set.Months.Count;
            heldPastMonths += held.Months.Keys.Count(m => m < lastMonth);
            foreach (var (m, cells) in held.Months) set.Months[m] = cells;
            perGrid[g] = set;
        }
        // Both sources count: settled months in storage, and past months still held (open issues keep them).
        Assert.True(storedMonths > 0 && heldPastMonths > 0, $"months moved to storage: {storedMonths}; past months held: {heldPastMonths}");

        var scopes = new List<(UnitKey Key, IReadOnlyList<string> Grids)> { (UnitKey.District(d.Id), grids) };
        foreach (var s in new[] { 1, 2 })
        {
            scopes.Add((UnitKey.Street(d.Street(s)), grids.Where(g => g.StartsWith(d.Street(s) + "-")).ToList()));
            foreach (var c in new[] { 1, 2 })
                scopes.Add((UnitKey.Community(d.Community(s, c)), grids.Where(g => g.StartsWith(d.Community(s, c) + "-")).ToList()));
        }
        foreach (var (key, members) in scopes)
        {
            var expected = new CounterSet();
            foreach (var g in members) expected.Add(perGrid[g]);
            // Aggregates keep one cell a month (all categories, channels and SLA classes together).
            await AssertEventually(key.Key, Cells(expected.Collapsed(), firstMonth));
        }
    }

    /// <summary>Deltas flow asynchronously: wait (at most 30 s) for the aggregate to show the expected cells.</summary>
    private async Task AssertEventually(string key, SortedDictionary<string, string> expected)
    {
        var actual = await Poll.Until(
            async () => Cells((await Host.Grains.GetGrain<IAggregateGrain>(key).GetSnapshot()).Counters, DistrictCalendar.AddMonths(MonthOf(Now()), -24)),
            cells => cells.SequenceEqual(expected), $"{key} to show its grids' {expected.Count} cells: [{string.Join(", ", expected)}]");
        Assert.NotEmpty(actual);
    }

    /// <summary>Every (month, cell) from <paramref name="fromMonth"/> on, with its tally as JSON: compared whole (an
    /// all-zero histogram and none are the same).</summary>
    private static SortedDictionary<string, string> Cells(CounterSet set, int fromMonth) =>
        new(set.Months.Where(m => m.Key >= fromMonth)
            .SelectMany(m => m.Value.Select(c => ($"{m.Key} {c.Key.Category} {c.Key.Channel} {c.Key.Sla}", Json(c.Value))))
            .ToDictionary(x => x.Item1, x => x.Item2), StringComparer.Ordinal);

    private static string Json(Tally t)
    {
        var copy = t.Copy();
        if (copy.ResponseHistogram?.All(v => v == 0) == true) copy.ResponseHistogram = null;
        if (copy.ResolutionHistogram?.All(v => v == 0) == true) copy.ResolutionHistogram = null;
        return JsonSerializer.Serialize(copy);
    }

    private DateTimeOffset Now() => Host.Settings.Time.GetUtcNow();

    private static int MonthOf(DateTimeOffset at)
    {
        var l = TimeZoneInfo.ConvertTime(at, Shanghai);
        return l.Year * 100 + l.Month;
    }

    private void NextMonth()
    {
        var l = TimeZoneInfo.ConvertTime(Now(), Shanghai);
        var first = new DateTime(l.Year, l.Month, 1).AddMonths(1).AddHours(9);
        Host.Settings.Time.Advance(new DateTimeOffset(first, Shanghai.GetUtcOffset(first)) - Now());
    }
}
