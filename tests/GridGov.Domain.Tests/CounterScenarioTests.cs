using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>
/// Eight issues driven through the lifecycle while the counters follow by contribution deltas, as a grid
/// does; totals and rates checked against numbers worked out by hand.
/// </summary>
public class CounterScenarioTests
{
    // 2026-03-02 10:00 in Shanghai: every issue is received and accepted then, so all count in month 202603, day 20260302.
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly SlaPolicy Policy = SlaPolicy.Default; // General: 7 days to resolve, 24 h to respond
    private static readonly DistrictCalendar Calendar = DistrictCalendar.Shanghai;
    private static readonly CellKey Water = new("water", IssueChannel.Hotline, SlaClass.General);
    private static readonly CellKey Roads = new("roads", IssueChannel.Online, SlaClass.General);
    private static readonly Actor Op = IssueBuilder.Operator;

    /// <summary>Keeps counters the way a grid does: every change adds (after - before) of the issue's contribution.</summary>
    private sealed class Desk
    {
        public CounterSet Counters { get; } = new();
        public List<Issue> Issues { get; } = [];

        public Issue Submit(string seq, CellKey cell, bool autoAccept)
        {
            var input = new NewIssue("grid-a", cell.Category, cell.Channel, cell.Sla, "Issue " + seq);
            var issue = IssueLifecycle.Submit($"grid-a-202603-{seq}", "SECRET2345", input, T0, autoAccept, autoAccept ? IssueBuilder.Deputy : null, Policy);
            Issues.Add(issue);
            Counters.Add(IssueContribution.Delta(null, IssueContribution.Of(issue, Calendar)));
            return issue;
        }

        public void Do(Issue issue, IssueAction action, TimeSpan after, string? note = null, Rating? rating = null)
        {
            var by = action switch { IssueAction.Rate => Actor.Resident, IssueAction.Void => IssueBuilder.Admin, _ => Op };
            Change(issue, () => IssueLifecycle.Apply(issue, new IssueCommand(action, by, note, Rating: rating), T0 + after, Policy));
        }

        public void Tick(Issue issue, DateTimeOffset at) => Change(issue, () => IssueLifecycle.Tick(issue, at, Policy));

        private void Change(Issue issue, Action change)
        {
            var before = IssueContribution.Of(issue, Calendar);
            change();
            Counters.Add(IssueContribution.Delta(before, IssueContribution.Of(issue, Calendar)));
        }
    }

    private static Desk Scenario()
    {
        var d = new Desk();
        var h = TimeSpan.FromHours(1);
        var day = TimeSpan.FromDays(1);

        // A (water): responded after 1 h, resolved after 2 days, rated satisfied.
        var a = d.Submit("000001", Water, autoAccept: true);
        d.Do(a, IssueAction.Respond, h);
        d.Do(a, IssueAction.Resolve, 2 * day, "Fixed");
        d.Do(a, IssueAction.Rate, 2 * day + h, rating: Rating.Satisfied);

        // B (water): responded after 30 h (late: the limit is 24 h), resolved after 3 days, rated basically satisfied.
        var b = d.Submit("000002", Water, autoAccept: true);
        d.Do(b, IssueAction.Respond, 30 * h);
        d.Do(b, IssueAction.Resolve, 3 * day, "Fixed");
        d.Do(b, IssueAction.Rate, 3 * day + h, rating: Rating.BasicallySatisfied);

        // C (water): responded after 1 h, resolved after 1 day, rated unsatisfied -> reopened; responded and resolved again after
        // 2 days, rated unsatisfied again -> reopen declined (limit 1). Ends resolved, unsatisfied, reopened once.
        var c = d.Submit("000003", Water, autoAccept: true);
        d.Do(c, IssueAction.Respond, h);
        d.Do(c, IssueAction.Resolve, day, "Fixed");
        d.Do(c, IssueAction.Rate, day + h, rating: Rating.Unsatisfied);
        Assert.Equal(IssueStatus.Assigned, c.Status);
        d.Do(c, IssueAction.Respond, day + 2 * h); // the first response time (1 h) is kept
        d.Do(c, IssueAction.Resolve, 2 * day, "Fixed again");
        d.Do(c, IssueAction.Rate, 2 * day + h, rating: Rating.Unsatisfied);
        Assert.Equal(IssueStatus.Resolved, c.Status);

        // D (roads): responded after 2 h, closed unresolved after 5 days, never rated: the window lapses.
        var dd = d.Submit("000004", Roads, autoAccept: true);
        d.Do(dd, IssueAction.Respond, 2 * h);
        d.Do(dd, IssueAction.Close, 5 * day, "Not ours");
        d.Tick(dd, T0 + 12 * day + TimeSpan.FromTicks(1));
        Assert.True(dd.RatingExpired);

        // E (roads): never responded, still open at 7 days: response overdue and overdue.
        var e = d.Submit("000005", Roads, autoAccept: true);
        d.Tick(e, T0 + 7 * day);
        Assert.True(e.Overdue);

        // F (water): responded, then voided: counts nowhere but Voided.
        var f = d.Submit("000006", Water, autoAccept: true);
        d.Do(f, IssueAction.Respond, h);
        d.Do(f, IssueAction.Void, 2 * h, "Filed twice");

        // G (water): received by hand and declined.
        var g = d.Submit("000007", Water, autoAccept: false);
        d.Do(g, IssueAction.Reject, h, "Not a municipal matter");

        // H (water): responded after 1 h, in progress, within its time limit: neither for nor against.
        var hh = d.Submit("000008", Water, autoAccept: true);
        d.Do(hh, IssueAction.Respond, h);
        d.Do(hh, IssueAction.Start, 2 * h);
        d.Tick(hh, T0 + 6 * day);
        Assert.False(hh.Overdue);

        return d;
    }

    private static Tally ExpectedMonth() => new()
    {
        Received = 7,            // all but F (voided)
        Accepted = 6,            // A B C D E H
        NotAccepted = 1,         // G
        RespondedInTime = 4,     // A C H (1 h), D (2 h)
        RespondedLate = 1,       // B (30 h)
        ResponseOverdue = 1,     // E
        Resolved = 3,            // A B C
        ClosedUnresolved = 1,    // D
        OpenOverdue = 1,         // E
        Overdue = 1,             // E
        Reopened = 1,            // C
        Satisfied = 1,           // A
        BasicallySatisfied = 1,  // B
        Unsatisfied = 1,         // C
        NotRated = 1,            // D
        Voided = 1,              // F
        Open = 2,                // E H
        ResponseMinutes = 60 + 1800 + 60 + 120 + 60,   // A B C D H = 2100
        ResolutionMinutes = 2880 + 4320 + 2880,         // A B C (C from acceptance to its last resolution) = 10080
        // Buckets (exclusive upper bounds): 3 = [60,120), 4 = [120,240), 8 = [1440,2880), 9 = [2880,4320), 10 = [4320,7200).
        ResponseHistogram = TallyAssert.Histogram((3, 3), (4, 1), (8, 1)),
        ResolutionHistogram = TallyAssert.Histogram((9, 2), (10, 1)),
    };

    [Fact]
    public void Month_totals_match_the_hand_count()
    {
        var d = Scenario();
        Assert.Equal([202603], d.Counters.Months.Keys);
        TallyAssert.Equal(ExpectedMonth(), d.Counters.Month(202603));
        TallyAssert.Equal(ExpectedMonth(), d.Counters.Total());
        TallyAssert.Equal(ExpectedMonth(), d.Counters.Year(2026));
    }

    [Fact]
    public void The_day_trend_holds_the_same_counts_without_histograms()
    {
        var d = Scenario();
        Assert.Equal([20260302], d.Counters.Days.Keys);
        var day = d.Counters.Day(20260302);
        TallyAssert.Equal(ExpectedMonth(), day, histograms: false);
        Assert.Null(day.ResponseHistogram);
        Assert.Null(day.ResolutionHistogram);
    }

    [Fact]
    public void Counters_kept_by_deltas_equal_the_sum_of_final_contributions()
    {
        var d = Scenario();
        var fresh = new CounterSet();
        foreach (var issue in d.Issues) fresh.Add(IssueContribution.Of(issue, Calendar), +1);
        Assert.Equal(fresh.Months[202603].Keys.ToHashSet(), d.Counters.Months[202603].Keys.ToHashSet());
        Assert.Equal(2, fresh.Months[202603].Count); // water and roads
        foreach (var (cell, tally) in fresh.Months[202603]) TallyAssert.Equal(tally, d.Counters.Months[202603][cell]);
        TallyAssert.Equal(fresh.Day(20260302), d.Counters.Day(20260302), histograms: false);
    }

    [Fact]
    public void The_roads_cell_holds_only_its_own_issues()
    {
        var roads = Scenario().Counters.Months[202603][Roads];
        TallyAssert.Equal(new Tally
        {
            Received = 2, Accepted = 2, RespondedInTime = 1, ResponseOverdue = 1, ClosedUnresolved = 1, OpenOverdue = 1,
            Overdue = 1, NotRated = 1, Open = 1, ResponseMinutes = 120, ResponseHistogram = TallyAssert.Histogram((4, 1)),
        }, roads);

        var rates = Rates.Of(roads);
        Assert.Equal(0.0, rates.Resolution);    // 0 / (0 + 1 + 1)
        Assert.Equal(0.5, rates.Response);      // 1 / (1 + 0 + 1)
        Assert.Null(rates.Satisfaction);        // nobody rated
        Assert.Null(rates.Composite);           // so no composite
        Assert.Equal("0.0%", Rates.Format(rates.Resolution));
        Assert.Equal("no data", Rates.Format(rates.Satisfaction));
    }

    [Fact]
    public void Rates_match_the_hand_count()
    {
        var t = Scenario().Counters.Month(202603);
        var r = Rates.Of(t);

        // Resolution: resolved / (resolved + closed unresolved + open overdue) = 3 / (3 + 1 + 1) = 60.0%
        Assert.Equal(0.6, r.Resolution!.Value, 12);
        Assert.Equal("60.0%", Rates.Format(r.Resolution));
        Assert.Equal(5, Rates.Decided(t));
        // Response: in time / (in time + late + overdue) = 4 / (4 + 1 + 1) = 66.7%
        Assert.Equal(4.0 / 6, r.Response!.Value, 12);
        Assert.Equal("66.7%", Rates.Format(r.Response));
        // Satisfaction: (satisfied + basically) / rated = 2 / 3 = 66.7%
        Assert.Equal(2.0 / 3, r.Satisfaction!.Value, 12);
        Assert.Equal("66.7%", Rates.Format(r.Satisfaction));
        // Weighted: (1 + 0.9 x 1) / 3 = 0.6333 = 63.3%
        Assert.Equal(1.9 / 3, r.WeightedSatisfaction!.Value, 12);
        Assert.Equal("63.3%", Rates.Format(r.WeightedSatisfaction));
        // Composite: 0.1 x 0.6667 + 0.5 x 0.6 + 0.4 x 0.6333 = 0.0667 + 0.3 + 0.2533 = 0.62 = 62.0%
        Assert.Equal(0.62, r.Composite!.Value, 12);
        Assert.Equal("62.0%", Rates.Format(r.Composite));
    }

    [Fact]
    public void Percentiles_read_from_the_month_histograms()
    {
        var t = Scenario().Counters.Month(202603);
        // Response times 60, 60, 60, 120, 1800 min: the median (3rd) is in [60,120) -> 120 min; p90 (5th) in [1440,2880) -> 2880 min.
        Assert.Equal(TimeSpan.FromMinutes(120), DurationBuckets.Percentile(t.ResponseHistogram, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(2880), DurationBuckets.Percentile(t.ResponseHistogram, 0.9));
        // Resolution times 2880, 2880, 4320 min: the median (2nd) is in [2880,4320) -> 4320 min; the max in [4320,7200) -> 7200 min.
        Assert.Equal(TimeSpan.FromMinutes(4320), DurationBuckets.Percentile(t.ResolutionHistogram, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(7200), DurationBuckets.Percentile(t.ResolutionHistogram, 1.0));
    }
}
