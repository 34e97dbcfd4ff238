using GridGov.Grains.Rollups;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Rollups;

/// <summary>
/// What one issue is, read back over HTTP (GET /api/issues/{id} and its history) and judged here, without the
/// domain's counter code: the test's own reading of the README's figure rules.
/// </summary>
public sealed record IssueFact(
    string Id, string Grid, string Community, string Street, int Month, string Category, string Channel,
    bool Voided, bool Declined, bool Accepted, bool Open, bool Resolved, bool ClosedUnresolved, bool OpenPastDue, bool WentOverdue,
    bool RespondedInTime, bool RespondedLate, bool ResponseOverdue, int Reopened, string? Rating, bool NotRated,
    long? ResolveMinutes, long? ResponseMinutes)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly string[] OpenStatuses = ["accepted", "assigned", "responded", "inProgress", "suspended"];

    public static async Task<IssueFact> Read(ApiClient api, TestDistrict d, string issueId)
    {
        var issue = await api.Get<IssueView>($"/api/issues/{issueId}");
        var history = await api.Get<List<HistoryView>>($"/api/issues/{issueId}/history");
        // Grid ids are "{district}-s{S}-c{C}-g{G}": the community and street are its prefixes.
        var grid = issue.GridId;
        var community = grid[..grid.LastIndexOf("-g", StringComparison.Ordinal)];
        var street = community[..community.LastIndexOf("-c", StringComparison.Ordinal)];
        Assert.StartsWith(d.Id + "-", grid);
        var cohort = TimeZoneInfo.ConvertTime(issue.AcceptedAt ?? issue.ReceivedAt, Shanghai);
        var voided = issue.Status == "voided";
        var accepted = !voided && issue.AcceptedAt is not null;
        var open = accepted && OpenStatuses.Contains(issue.Status);
        var responded = accepted && issue.FirstResponseAt is not null;
        var lastResolve = history.LastOrDefault(h => h.Action == "resolve");
        return new IssueFact(
            issue.Id, grid, community, street, cohort.Year * 100 + cohort.Month, issue.Category, issue.Channel,
            Voided: voided,
            Declined: issue.Status == "declined",
            Accepted: accepted,
            Open: open,
            Resolved: accepted && issue.Status == "resolved",
            ClosedUnresolved: accepted && issue.Status == "closedUnresolved",
            OpenPastDue: open && issue.Overdue,
            WentOverdue: accepted && history.Any(h => h.Action == "overdue"),
            RespondedInTime: responded && issue.FirstResponseAt <= issue.ResponseDueAt,
            RespondedLate: responded && issue.FirstResponseAt > issue.ResponseDueAt,
            ResponseOverdue: accepted && !responded && history.Any(h => h.Action == "response-overdue"),
            Reopened: accepted ? issue.ReopenCount : 0,
            Rating: accepted ? issue.Rating : null,
            NotRated: accepted && issue.Rating is null && history.Any(h => h.Action == "not-rated"),
            ResolveMinutes: accepted && issue.Status == "resolved" ? (long)(lastResolve!.At - issue.AcceptedAt!.Value).TotalMinutes : null,
            ResponseMinutes: responded ? (long)(issue.FirstResponseAt!.Value - issue.AcceptedAt!.Value).TotalMinutes : null);
    }
}

/// <summary>The counts a rollup shows for a unit, as plain numbers, so that a mismatch names its field.</summary>
public sealed record Counts(
    long Received, long Accepted, long NotAccepted, long Resolved, long ClosedUnresolved, long Open, long Overdue, long OpenPastDue,
    long Decided, long RespondedInTime, long RespondedLate, long ResponseOverdue, long Reopened, long Satisfied,
    long BasicallySatisfied, long Unsatisfied, long Rated, long NotRated, long Voided)
{
    public static Counts Of(RollupFigures f) => new(f.Received, f.Accepted, f.NotAccepted, f.Resolved, f.ClosedUnresolved, f.Open,
        f.Overdue, f.OpenPastDue, f.Decided, f.RespondedInTime, f.RespondedLate, f.ResponseOverdue, f.Reopened, f.Satisfied,
        f.BasicallySatisfied, f.Unsatisfied, f.Rated, f.NotRated, f.Voided);

    public static Counts Of(IReadOnlyCollection<IssueFact> issues)
    {
        long N(Func<IssueFact, bool> p) => issues.Count(p);
        var live = issues.Where(i => !i.Voided).ToList();
        long resolved = N(i => i.Resolved), closed = N(i => i.ClosedUnresolved), pastDue = N(i => i.OpenPastDue);
        long satisfied = N(i => i.Rating == "satisfied"), basically = N(i => i.Rating == "basicallySatisfied"), unsatisfied = N(i => i.Rating == "unsatisfied");
        return new(live.Count, N(i => i.Accepted), N(i => i.Declined), resolved, closed, N(i => i.Open), N(i => i.WentOverdue), pastDue,
            resolved + closed + pastDue, N(i => i.RespondedInTime), N(i => i.RespondedLate), N(i => i.ResponseOverdue),
            issues.Sum(i => i.Reopened), satisfied, basically, unsatisfied, satisfied + basically + unsatisfied, N(i => i.NotRated),
            N(i => i.Voided));
    }
}

/// <summary>Rates and durations recomputed from the issues by the README's formulas, and checked against a rollup's figures.</summary>
public static class Expect
{
    /// <summary>The README's composite weights (the default configuration).</summary>
    public const double WResponse = 0.1, WResolution = 0.5, WSatisfaction = 0.4;

    public static double? Composite(IReadOnlyCollection<IssueFact> issues)
    {
        var (resolution, response, _, weighted) = RatesOf(issues);
        return resolution is { } a && response is { } b && weighted is { } c ? WResponse * b + WResolution * a + WSatisfaction * c : null;
    }

    public static (double? Resolution, double? Response, double? Satisfaction, double? Weighted) RatesOf(IReadOnlyCollection<IssueFact> issues)
    {
        var c = Counts.Of(issues);
        static double? Ratio(double part, double whole) => whole > 0 ? part / whole : null;
        return (Ratio(c.Resolved, c.Resolved + c.ClosedUnresolved + c.OpenPastDue),
            Ratio(c.RespondedInTime, c.RespondedInTime + c.RespondedLate + c.ResponseOverdue),
            Ratio(c.Satisfied + c.BasicallySatisfied, c.Rated),
            Ratio(c.Satisfied + 0.9 * c.BasicallySatisfied, c.Rated));
    }

    /// <summary>Every count, rate and duration of <paramref name="figures"/> against the issues behind it.</summary>
    public static void Matches(string unit, IReadOnlyCollection<IssueFact> issues, RollupFigures figures)
    {
        Assert.Equal((unit, Counts.Of(issues)), (unit, Counts.Of(figures)));
        var (resolution, response, satisfaction, weighted) = RatesOf(issues);
        Rate(unit + " resolution", resolution, figures.Resolution);
        Rate(unit + " response", response, figures.Response);
        Rate(unit + " satisfaction", satisfaction, figures.Satisfaction);
        Rate(unit + " weighted satisfaction", weighted, figures.WeightedSatisfaction);
        Rate(unit + " composite", Composite(issues), figures.Composite);
        Durations(unit + " to resolve", issues.Where(i => i.ResolveMinutes is not null).Select(i => i.ResolveMinutes!.Value).ToList(),
            figures.MeanToResolve, figures.P90ToResolve);
        Durations(unit + " to respond", issues.Where(i => i.ResponseMinutes is not null).Select(i => i.ResponseMinutes!.Value).ToList(),
            figures.MeanToRespond, figures.P90ToRespond);
    }

    public static void Rate(string what, double? expected, RollupRate actual)
    {
        if (expected is null)
        {
            Assert.True(actual.Value is null, $"{what}: expected no data, got {actual.Display}");
            Assert.Equal("no data", actual.Display);
            return;
        }
        Assert.True(actual.Value is { } v && Math.Abs(v - expected.Value) < 1e-6, $"{what}: expected {expected:0.000000}, got {actual.Value}");
        Assert.EndsWith("%", actual.Display);
        Assert.True(Math.Abs(double.Parse(actual.Display.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) - expected.Value * 100) <= 0.05 + 1e-9,
            $"{what}: shown {actual.Display} for {expected * 100:0.000}%");
    }

    /// <summary>The mean exactly; the 90th percentile is a bucket's upper bound U: the true value v lies below it, and U is at most
    /// twice v (at most 15 minutes for the smallest bucket).</summary>
    public static void Durations(string what, IReadOnlyList<long> minutes, RollupDuration mean, RollupDuration p90)
    {
        if (minutes.Count == 0)
        {
            Assert.True(mean.Minutes is null && p90.Minutes is null, $"{what}: expected no data");
            return;
        }
        Assert.Equal(Math.Round((double)minutes.Sum() / minutes.Count, 1), mean.Minutes);
        var sorted = minutes.Order().ToList();
        var v = sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
        Assert.True(p90.Minutes is { } u && !p90.MoreThan && v < u && u <= Math.Max(15, 2 * v), $"{what}: p90 of {v} min shown as {p90.Display}");
    }
}
