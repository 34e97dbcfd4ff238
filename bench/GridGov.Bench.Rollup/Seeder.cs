using Azure.Data.Tables;
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

    public sealed class GridYear
    {
        public CounterSet Counters { get; } = new();
        public Dictionary<int, Dictionary<int, OpenCount>> MonthEnds { get; } = [];
    }

    public Dictionary<string, GridYear> Generate(IReadOnlyList<string> gridIds)
    {
        var calendar = DistrictCalendar.Shanghai;
        var policy = SlaPolicy.Default;
        var plan = new TrafficPlan(new TrafficMix(), gridIds, seed, timeScale: 1);
        var random = new Random(seed);
        var start = calendar.StartOf(year * 100 + 1);
        var span = calendar.EndOf(year * 100 + 12) - start;
        var grids = gridIds.ToDictionary(g => g, _ => new GridYear());
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

    /// <summary>Writes each grid's months (and its "held" marker: nothing held) in one transaction per grid.</summary>
    public static async Task Write(TableClient table, Dictionary<string, GridYear> grids, int parallelism, CancellationToken ct)
    {
        await table.CreateIfNotExistsAsync(ct);
        await Parallel.ForEachAsync(grids, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (g, token) =>
        {
            var months = g.Value.Counters.Months.Keys.Union(g.Value.MonthEnds.Keys).Order();
            var rows = months.Select(m => GridMonthEntity.Month(g.Key, m, g.Value.Counters.Months.GetValueOrDefault(m) ?? [],
                    g.Value.MonthEnds.GetValueOrDefault(m)))
                .Append(GridMonthEntity.Held(g.Key, []))
                .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
            await table.SubmitTransactionAsync(rows, token);
        });
    }

    public static IReadOnlyList<string> DemoGrids() =>
        DemoDistrict.Create().Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();
}
