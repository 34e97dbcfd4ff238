using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Silo.Demo;

namespace GridGov.Bench.Rollup;

/// <summary>
/// A district year of issues made with the domain's own rules: the demo traffic plan draws each issue (grid by
/// busyness, category, channel, SLA class) and its fate (respond, start, suspend and resume, resolve or close, rating,
/// redo after an unsatisfied one) with simulated delays; IssueLifecycle runs it (the SLA clock ticking before each
/// step and once the rating window is over); IssueContribution puts the settled issue into its grid's cohort month;
/// OpenAtMonthEnd counts it at each month end it was open. The issues themselves are not kept (no archive).
/// </summary>
public sealed class Seeder(int year, int issues, int seed)
{
    private static readonly Actor Staff = new(ActorRole.Admin, "bench");

    public sealed class SeededGrid
    {
        public CounterSet Counters { get; } = new();
        public Dictionary<int, Dictionary<int, OpenCount>> MonthEnds { get; } = [];
    }

    public Dictionary<string, SeededGrid> Generate(IReadOnlyList<string> gridIds)
    {
        var calendar = DistrictCalendar.Shanghai;
        var policy = SlaPolicy.Default;
        var plan = new TrafficPlan(new TrafficMix(), gridIds, seed, timeScale: 1);
        var random = new Random(seed);
        var start = calendar.StartOf(year * 100 + 1);
        var span = calendar.EndOf(year * 100 + 12) - start;
        var grids = gridIds.ToDictionary(g => g, _ => new SeededGrid());
        var sequences = new Dictionary<(string, int), long>();
        var monthEnds = Enumerable.Range(1, 12).Select(m => (Month: year * 100 + m, End: calendar.EndOf(year * 100 + m))).ToArray();
        for (var n = 0; n < issues; n++)
        {
            var planned = plan.NextIssue();
            var at = start + TimeSpan.FromTicks((long)(random.NextDouble() * span.Ticks));
            var grid = planned.Issue.GridId;
            var month = calendar.MonthKey(at);
            var seq = sequences[(grid, month)] = sequences.GetValueOrDefault((grid, month)) + 1;
            var issue = IssueLifecycle.Submit(IssueIds.Compose(grid, month, seq), "bench", planned.Issue, at, true, "deputy", policy);
            foreach (var step in planned.Steps)
            {
                at += step.After;
                IssueLifecycle.Tick(issue, at, policy);
                var by = step.Action == IssueAction.Rate ? Actor.Resident : Staff;
                var command = new IssueCommand(step.Action, by, step.Note ?? "bench", null, step.Rating);
                try { IssueLifecycle.Apply(issue, command, at, policy); }
                catch (DomainRuleException) { } // e.g. a rating after its window: the resident was too late
            }
            IssueLifecycle.Tick(issue, at + policy.RatingWindow + TimeSpan.FromMinutes(1), policy);
            var g = grids[grid];
            g.Counters.Add(IssueContribution.Of(issue, calendar), +1);
            var cohort = calendar.MonthKey(issue.CohortTime);
            foreach (var (endMonth, end) in monthEnds)
            {
                if (endMonth < cohort) continue;
                var (open, pastDue) = OpenAtMonthEnd.StateAt(issue, end, policy);
                if (!open) { if (issue.ClosedAt is { } closed && closed < end) break; continue; }
                if (!g.MonthEnds.TryGetValue(endMonth, out var snapshot)) g.MonthEnds[endMonth] = snapshot = [];
                snapshot[cohort] = snapshot.GetValueOrDefault(cohort) + new OpenCount(1, pastDue ? 1 : 0);
            }
        }
        foreach (var g in grids.Values) g.Counters.Days.Clear();
        return grids;
    }

    /// <summary>Writes each grid's year (its months, their snapshots, nothing held) as one blob, the form the grids write.</summary>
    public static async Task Write(BlobGridMonthStore store, int year, Dictionary<string, SeededGrid> grids, int parallelism, CancellationToken ct)
    {
        await Parallel.ForEachAsync(grids, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (g, token) =>
        {
            var data = new GridYear();
            foreach (var (month, cells) in g.Value.Counters.Months) data.Months[month] = cells;
            foreach (var (month, end) in g.Value.MonthEnds) data.MonthEnds[month] = end;
            await store.SaveYear(g.Key, year, data, token);
        });
    }

    public static IReadOnlyList<string> DemoGrids() =>
        DemoDistrict.Create().Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();
}
