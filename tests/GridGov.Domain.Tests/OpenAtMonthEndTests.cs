using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>
/// "Open at period end" from histories: each case is an issue driven through the lifecycle at explicit local times
/// around the end of March 2026 (2026-04-01 00:00 Shanghai), with its state at that instant worked out by hand.
/// </summary>
public sealed class OpenAtMonthEndTests
{
    private static readonly DistrictCalendar Calendar = DistrictCalendar.Shanghai;
    private static readonly SlaPolicy Policy = SlaPolicy.Default; // general: 7 days to resolve
    private static readonly Actor Staff = new(ActorRole.Admin, "admin-1");
    private static readonly DateTimeOffset End = Calendar.EndOf(202603);

    /// <summary>A local time in Shanghai (UTC+8).</summary>
    private static DateTimeOffset L(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static Issue Accepted(DateTimeOffset at, string id = "g-202603-000001") =>
        IssueLifecycle.Submit(id, "SECRET2345", new NewIssue("g", "water", IssueChannel.Hotline, SlaClass.General, "t"), at, true, "d1", Policy);

    private static Issue Do(Issue issue, IssueAction action, DateTimeOffset at, Rating? rating = null)
    {
        // Resolving needs a first response: given a minute before.
        if (action == IssueAction.Resolve && issue.FirstResponseAt is null)
            IssueLifecycle.Apply(issue, new IssueCommand(IssueAction.Respond, Staff), at.AddMinutes(-1), Policy);
        IssueLifecycle.Apply(issue, new IssueCommand(action, rating is null ? Staff : Actor.Resident, "note", null, rating), at, Policy);
        return issue;
    }

    [Fact]
    public void The_end_of_a_month_is_the_first_instant_of_the_next_in_the_district_zone()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero), End);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), Calendar.EndOf(202512));
        Assert.Equal(202603, Calendar.MonthKey(End.AddTicks(-1)));
        Assert.Equal(202604, Calendar.MonthKey(End));
    }

    public static TheoryData<string, bool, bool> Cases() => new()
    {
        { "open, due Mar 9", true, true },
        { "open, due Apr 6", true, false },
        { "resolved before the end", false, false },
        { "resolved after the end, due Mar 27", true, true },
        { "resolved exactly at the end", true, true },
        { "reopened Mar 25, due again Apr 1 10:00", true, false },
        { "suspended before its due time", true, false },
        { "suspended after its due time", true, true },
        { "suspended 5 days and resumed: due moves from Mar 27 to Apr 1", true, false },
        { "received, not accepted", false, false },
        { "accepted after the end", false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_issue_is_open_and_past_due_at_the_end_as_its_history_says(string name, bool open, bool pastDue)
    {
        var issue = Case(name);
        Assert.Equal((open, pastDue), OpenAtMonthEnd.StateAt(issue, End, Policy));
    }

    private static Issue Case(string name) => name switch
    {
        "open, due Mar 9" => Do(Accepted(L(3, 2)), IssueAction.Respond, L(3, 3)),
        "open, due Apr 6" => Accepted(L(3, 30)),
        "resolved before the end" => Do(Accepted(L(3, 2)), IssueAction.Resolve, L(3, 5)),
        "resolved after the end, due Mar 27" => Do(Accepted(L(3, 20)), IssueAction.Resolve, L(4, 1)),
        "resolved exactly at the end" => Do(Accepted(L(3, 20)), IssueAction.Resolve, End),
        "reopened Mar 25, due again Apr 1 10:00" =>
            Do(Do(Accepted(L(3, 2)), IssueAction.Resolve, L(3, 20)), IssueAction.Rate, L(3, 25), Rating.Unsatisfied),
        "suspended before its due time" => Do(Accepted(L(3, 2)), IssueAction.Suspend, L(3, 4)),
        "suspended after its due time" => Do(Accepted(L(3, 2)), IssueAction.Suspend, L(3, 12)),
        "suspended 5 days and resumed: due moves from Mar 27 to Apr 1" =>
            Do(Do(Accepted(L(3, 20)), IssueAction.Suspend, L(3, 21)), IssueAction.Resume, L(3, 26)),
        "received, not accepted" =>
            IssueLifecycle.Submit("g-202603-000002", "SECRET2345", new NewIssue("g", "water", IssueChannel.Hotline, SlaClass.General, "t"), L(3, 2), false, null, Policy),
        "accepted after the end" => Accepted(L(4, 1)),
        _ => throw new ArgumentException(name),
    };

    [Fact]
    public void The_replayed_due_time_agrees_with_the_issue_s_own()
    {
        // The reopened and the resumed cases: a moment after their last change, past due exactly when their DueAt has passed.
        foreach (var name in new[] { "reopened Mar 25, due again Apr 1 10:00", "suspended 5 days and resumed: due moves from Mar 27 to Apr 1" })
        {
            var issue = Case(name);
            Assert.False(OpenAtMonthEnd.StateAt(issue, issue.DueAt!.Value.AddTicks(-1), Policy).PastDue, name);
            Assert.True(OpenAtMonthEnd.StateAt(issue, issue.DueAt!.Value.AddTicks(1), Policy).PastDue, name);
        }
    }

    [Fact]
    public void A_snapshot_counts_open_issues_by_cohort_month()
    {
        var issues = new[]
        {
            Accepted(L(2, 20), "g-202602-000001"), // February cohort, open, past due
            Accepted(L(3, 30), "g-202603-000001"), // March cohort, open, not due
            Do(Accepted(L(3, 20), "g-202603-000002"), IssueAction.Resolve, L(4, 1)), // March cohort, open then, past due
            Do(Accepted(L(3, 2), "g-202603-000003"), IssueAction.Resolve, L(3, 5)), // closed before the end
        };
        var snapshot = OpenAtMonthEnd.Take(issues, 202603, Calendar, Policy);
        Assert.Equal(new Dictionary<int, OpenCount> { [202602] = new(1, 1), [202603] = new(2, 1) }, snapshot);
        Assert.Equal(new OpenCount(2, 1), OpenAtMonthEnd.Within(snapshot, 202603, 202603));
        Assert.Equal(new OpenCount(3, 2), OpenAtMonthEnd.Within(snapshot, 202601, 202603));
        Assert.Empty(OpenAtMonthEnd.Take(issues, 202601, Calendar, Policy));
    }
}
