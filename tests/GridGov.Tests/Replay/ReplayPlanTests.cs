using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Silo.Replay;

namespace GridGov.Tests.Replay;

/// <summary>The seasonal plan of a replayed year, in plain code: its volume, seasons, paths and determinism.</summary>
public sealed class ReplayPlanTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly IReadOnlyList<string> Grids =
        DemoDistrict.Create().Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();

    private static ReplayPlan Plan(double scale = 1, int seed = ReplayOptions.DefaultSeed) =>
        new(Grids, 2025, scale, seed, TimeSpan.FromMinutes(30), SlaPolicy.Default, Shanghai);

    [Fact]
    public void The_default_plan_lands_near_the_reviews_figures()
    {
        var issues = Plan().Issues().ToList();
        var accepted = issues.Where(Accepted).ToList();
        Assert.InRange(accepted.Count, 2650 * 0.97, 2650 * 1.03);
        // Outcomes as planned: the last finishing step of each accepted issue, the last rating given in time.
        var closed = accepted.Count(i => i.Steps.Last(s => s.Action is IssueAction.Resolve or IssueAction.Close).Action == IssueAction.Close);
        var resolution = 1 - (double)closed / accepted.Count;
        Assert.InRange(resolution, 0.980, 0.992);
        var ratings = accepted.Select(i => i.Steps.LastOrDefault(s => s.Action == IssueAction.Rate && !s.ExpectRefused)?.Rating)
            .Where(r => r is not null).ToList();
        var satisfaction = (double)ratings.Count(r => r != Rating.Unsatisfied) / ratings.Count;
        Assert.InRange(satisfaction, 0.985, 0.996);
    }

    [Fact]
    public void Issues_follow_the_seasons_and_fall_in_the_year_in_order()
    {
        var issues = Plan().Issues().ToList();
        Assert.Equal(Plan().Filed, issues.Count);
        Assert.Equal(issues.OrderBy(i => i.At), issues);
        var local = issues.Select(i => (Issue: i, At: TimeZoneInfo.ConvertTime(i.At, Shanghai))).ToList();
        Assert.All(local, x => Assert.Equal(2025, x.At.Year));
        int InMonth(int m) => local.Count(x => x.At.Month == m);
        Assert.True(InMonth(2) < InMonth(1) && InMonth(7) > InMonth(4), "fewer at the Spring Festival, more in summer");
        // Category shares from a larger year, so that sampling noise does not hide the seasons.
        var large = Plan(scale: 5).Issues().Select(i => (Issue: i, At: TimeZoneInfo.ConvertTime(i.At, Shanghai))).ToList();
        double Share(string category, params int[] months)
        {
            var those = large.Where(x => months.Contains(x.At.Month)).ToList();
            return (double)those.Count(x => x.Issue.Issue.Category == category) / those.Count;
        }
        Assert.True(Share("water", 6, 7, 8) > 1.3 * Share("water", 12, 1, 2), "water complaints swell in summer");
        Assert.True(Share("sewage", 6, 7, 8) > 1.3 * Share("sewage", 10, 11, 12), "sewage in the rainy season");
        Assert.True(local.Count(x => x.At.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) / 5.0
                    > 1.5 * local.Count(x => x.At.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / 2.0, "weekdays busier");
        Assert.All(issues, i => Assert.True(i.Steps.Select(s => s.At).Prepend(i.At).Zip(i.Steps.Select(s => s.At)).All(p => p.First <= p.Second)));
    }

    [Fact]
    public void Every_path_is_planned_and_a_seed_repeats_the_year()
    {
        var issues = Plan().Issues().ToList();
        var steps = issues.SelectMany(i => i.Steps).ToList();
        foreach (var tag in new[] { "void", "decline", "accept", "suspend", "late-response", "overdue", "near-window-rating", "late-rating" })
            Assert.Contains(steps, s => s.Tag == tag);
        Assert.Contains(steps, s => s.Rating == Rating.Unsatisfied);
        // A redo after an unsatisfied rating: an issue responded to twice.
        Assert.Contains(issues, i => i.Steps.Count(s => s.Action == IssueAction.Respond) == 2);
        Assert.All(steps.Where(s => s.Tag == "late-rating"), s => Assert.True(s.ExpectRefused));

        var again = Plan().Issues().Take(200).ToList();
        Assert.Equal(issues.Take(200).Select(Describe), again.Select(Describe));
        Assert.NotEqual(issues.Take(200).Select(Describe), Plan(seed: 7).Issues().Take(200).Select(Describe));
        Assert.InRange(Plan(scale: 10).Filed, 10 * Plan().Filed - 5, 10 * Plan().Filed + 5);
    }

    private static bool Accepted(ReplayIssue i) => !i.Steps.Any(s => s.Action is IssueAction.Void or IssueAction.Reject);

    private static string Describe(ReplayIssue i) =>
        $"{i.At:O} {i.Issue.GridId} {i.Issue.Category} {i.Issue.Channel} {i.Issue.Sla} " + string.Join(",", i.Steps.Select(s => $"{s.Action}@{s.At:O}"));
}
