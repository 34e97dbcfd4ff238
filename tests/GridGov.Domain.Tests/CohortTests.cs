using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>The cohort rule: an issue's outcomes count in the district-local month (and day) it was accepted.</summary>
public class CohortTests
{
    private static readonly DistrictCalendar Shanghai = DistrictCalendar.Shanghai;
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    [Fact]
    public void An_issue_accepted_on_the_last_evening_of_january_counts_in_january_even_when_resolved_in_february()
    {
        // 2026-01-31 23:30 in Shanghai (UTC+8) is 15:30 UTC.
        var accepted = new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 15, 30, 0, TimeSpan.Zero), accepted);
        var issue = IssueBuilder.Assigned(accepted.ToUniversalTime());

        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Respond, IssueBuilder.Operator), accepted.AddHours(1));
        var resolved = new DateTimeOffset(2026, 2, 3, 1, 0, 0, TimeSpan.Zero);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Resolve, IssueBuilder.Operator, "Fixed"), resolved);

        var c = IssueContribution.Of(issue, Shanghai);
        Assert.Equal(202601, c.Month);
        Assert.Equal(20260131, c.Day);
        Assert.Equal(1, c.Tally.Resolved);

        var counters = new CounterSet();
        counters.Add(c, +1);
        Assert.Equal(1, counters.Month(202601).Resolved);
        Assert.Equal(0, counters.Month(202602).Resolved);
        Assert.True(counters.Month(202602).IsZero);
    }

    [Fact]
    public void Half_past_midnight_in_shanghai_is_already_february_though_it_is_still_january_in_utc()
    {
        var accepted = new DateTimeOffset(2026, 1, 31, 16, 30, 0, TimeSpan.Zero); // 2026-02-01 00:30 in Shanghai
        var issue = IssueBuilder.Assigned(accepted);
        var c = IssueContribution.Of(issue, Shanghai);
        Assert.Equal(202602, c.Month);
        Assert.Equal(20260201, c.Day);
        Assert.Equal(202601, IssueContribution.Of(issue, DistrictCalendar.For("UTC")).Month);
    }

    [Fact]
    public void The_cohort_is_the_acceptance_not_the_receipt()
    {
        var received = new DateTimeOffset(2026, 1, 31, 15, 0, 0, TimeSpan.Zero);   // 23:00 on 31 January in Shanghai
        var issue = IssueBuilder.Received(received);
        Assert.Equal(202601, IssueContribution.Of(issue, Shanghai).Month);

        var accepted = new DateTimeOffset(2026, 1, 31, 17, 0, 0, TimeSpan.Zero);   // 01:00 on 1 February in Shanghai
        IssueLifecycle.Apply(issue, new IssueCommand(IssueAction.Accept, IssueBuilder.Operator), accepted, Policy, IssueBuilder.Deputy);
        var c = IssueContribution.Of(issue, Shanghai);
        Assert.Equal(202602, c.Month);
        Assert.Equal(20260201, c.Day);
    }

    [Fact]
    public void Moving_an_issue_to_a_new_cohort_by_delta_empties_the_old_month()
    {
        var issue = IssueBuilder.Received(new DateTimeOffset(2026, 1, 31, 15, 0, 0, TimeSpan.Zero));
        var counters = new CounterSet();
        counters.Add(IssueContribution.Delta(null, IssueContribution.Of(issue, Shanghai)));
        Assert.Equal(1, counters.Month(202601).Received);

        var before = IssueContribution.Of(issue, Shanghai);
        IssueLifecycle.Apply(issue, new IssueCommand(IssueAction.Accept, IssueBuilder.Operator),
            new DateTimeOffset(2026, 1, 31, 17, 0, 0, TimeSpan.Zero), Policy, IssueBuilder.Deputy);
        counters.Add(IssueContribution.Delta(before, IssueContribution.Of(issue, Shanghai)));

        Assert.Equal([202602], counters.Months.Keys);
        Assert.Equal([20260201], counters.Days.Keys);
        Assert.Equal(1, counters.Month(202602).Received);
        Assert.Equal(1, counters.Month(202602).Accepted);
    }
}
