using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>The SLA clock (<see cref="IssueLifecycle.Tick"/> and <see cref="IssueLifecycle.NextDeadline"/>) on explicit times.</summary>
public class SlaClockTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;
    private static readonly DateTimeOffset T0 = IssueBuilder.T0;

    private static int Count(Issue issue, string action) => issue.History.Count(h => h.Action == action);

    [Fact]
    public void Accepting_sets_the_time_limits_of_the_sla_class()
    {
        var issue = IssueBuilder.Assigned(T0, SlaClass.General);
        Assert.Equal(T0.AddDays(7), issue.DueAt);
        Assert.Equal(T0.AddHours(24), issue.ResponseDueAt);
        Assert.Equal(T0.AddHours(24), IssueLifecycle.NextDeadline(issue, Policy));
    }

    [Fact]
    public void Overdue_is_marked_at_the_due_time_exactly_once()
    {
        var issue = IssueBuilder.Assigned(T0, SlaClass.General);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Respond, IssueBuilder.Operator), T0.AddHours(1));
        var due = T0.AddDays(7);
        Assert.Equal(due, IssueLifecycle.NextDeadline(issue, Policy));

        var version = issue.Version;
        var count = issue.History.Count;
        Assert.False(IssueLifecycle.Tick(issue, due.AddTicks(-1), Policy));
        Assert.False(issue.Overdue);
        Assert.Equal(version, issue.Version);
        Assert.Equal(count, issue.History.Count);

        Assert.True(IssueLifecycle.Tick(issue, due, Policy));
        Assert.True(issue.Overdue);
        Assert.True(issue.WentOverdue);
        Assert.Equal(IssueStatus.Responded, issue.Status);
        Assert.Equal(count + 1, issue.History.Count);
        Assert.Equal("overdue", issue.History[^1].Action);
        Assert.Equal(due, issue.History[^1].At);
        Assert.Null(IssueLifecycle.NextDeadline(issue, Policy));

        version = issue.Version;
        Assert.False(IssueLifecycle.Tick(issue, due, Policy));
        Assert.False(IssueLifecycle.Tick(issue, due.AddDays(3), Policy));
        Assert.Equal(version, issue.Version);
        Assert.Equal(1, Count(issue, "overdue"));
    }

    [Fact]
    public void Response_overdue_is_marked_at_the_first_response_limit_exactly_once()
    {
        var issue = IssueBuilder.Assigned(T0, SlaClass.General);
        var responseDue = T0.AddHours(24);

        Assert.False(IssueLifecycle.Tick(issue, responseDue.AddTicks(-1), Policy));
        Assert.False(issue.ResponseOverdue);
        Assert.True(IssueLifecycle.Tick(issue, responseDue, Policy));
        Assert.True(issue.ResponseOverdue);
        Assert.False(issue.Overdue);
        Assert.False(IssueLifecycle.Tick(issue, responseDue, Policy));
        Assert.Equal(1, Count(issue, "response-overdue"));
        Assert.Equal(T0.AddDays(7), IssueLifecycle.NextDeadline(issue, Policy));

        // A late response clears the gauge; the clock never marks it again.
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Respond, IssueBuilder.Operator), responseDue.AddHours(1));
        Assert.False(issue.ResponseOverdue);
        Assert.False(IssueLifecycle.Tick(issue, responseDue.AddHours(2), Policy));
        Assert.Equal(1, Count(issue, "response-overdue"));
    }

    [Fact]
    public void When_both_limits_fall_together_one_tick_marks_both()
    {
        var issue = IssueBuilder.Assigned(T0, SlaClass.Emergency);
        var due = T0.AddHours(2);
        Assert.Equal(due, issue.DueAt);
        Assert.Equal(due, issue.ResponseDueAt);
        Assert.True(IssueLifecycle.Tick(issue, due, Policy));
        Assert.Equal(["response-overdue", "overdue"], issue.History.TakeLast(2).Select(h => h.Action));
        Assert.False(IssueLifecycle.Tick(issue, due, Policy));
    }

    [Fact]
    public void Suspending_for_three_hours_moves_both_limits_by_three_hours_when_not_yet_responded()
    {
        var issue = IssueBuilder.Assigned(T0, SlaClass.General);
        var due = issue.DueAt!.Value;
        var responseDue = issue.ResponseDueAt!.Value;
        var suspendAt = T0.AddHours(5);

        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Suspend, IssueBuilder.Operator, "Waiting for the utility"), suspendAt);
        Assert.Null(IssueLifecycle.NextDeadline(issue, Policy));
        // The clock is paused: even far past both limits nothing is marked while suspended.
        Assert.False(IssueLifecycle.Tick(issue, due.AddDays(1), Policy));
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Resume, IssueBuilder.Operator, "Utility replied"), suspendAt.AddHours(3));

        Assert.Equal(IssueStatus.Assigned, issue.Status);
        Assert.Equal(due.AddHours(3), issue.DueAt);
        Assert.Equal(responseDue.AddHours(3), issue.ResponseDueAt);
        Assert.Equal(responseDue.AddHours(3), IssueLifecycle.NextDeadline(issue, Policy));
        Assert.False(IssueLifecycle.Tick(issue, responseDue.AddHours(3).AddTicks(-1), Policy));
        Assert.True(IssueLifecycle.Tick(issue, responseDue.AddHours(3), Policy));
        Assert.True(issue.ResponseOverdue);
    }

    [Fact]
    public void Suspending_for_three_hours_after_a_response_moves_only_the_due_time()
    {
        var issue = IssueBuilder.Assigned(T0, SlaClass.General);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Respond, IssueBuilder.Operator), T0.AddHours(1));
        var due = issue.DueAt!.Value;
        var responseDue = issue.ResponseDueAt!.Value;
        var suspendAt = T0.AddDays(2);

        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Suspend, IssueBuilder.Operator, "Waiting"), suspendAt);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Resume, IssueBuilder.Operator, "Resumed"), suspendAt.AddHours(3));

        Assert.Equal(IssueStatus.Responded, issue.Status);
        Assert.Equal(due.AddHours(3), issue.DueAt);
        Assert.Equal(responseDue, issue.ResponseDueAt);
        Assert.False(IssueLifecycle.Tick(issue, due.AddHours(3).AddTicks(-1), Policy));
        Assert.True(IssueLifecycle.Tick(issue, due.AddHours(3), Policy));
        Assert.True(issue.Overdue);
    }

    [Fact]
    public void The_rating_window_expires_exactly_once()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        var windowEnd = issue.ClosedAt!.Value + Policy.RatingWindow;
        Assert.Equal(windowEnd.AddTicks(1), IssueLifecycle.NextDeadline(issue, Policy));
        Assert.True(issue.AwaitingRating);

        Assert.False(IssueLifecycle.Tick(issue, windowEnd, Policy));
        Assert.False(issue.RatingExpired);

        Assert.True(IssueLifecycle.Tick(issue, windowEnd.AddTicks(1), Policy));
        Assert.True(issue.RatingExpired);
        Assert.False(issue.AwaitingRating);
        Assert.True(issue.IsSettled);
        Assert.Equal("not-rated", issue.History[^1].Action);
        Assert.Null(IssueLifecycle.NextDeadline(issue, Policy));

        var version = issue.Version;
        Assert.False(IssueLifecycle.Tick(issue, windowEnd.AddDays(30), Policy));
        Assert.Equal(version, issue.Version);
        Assert.Equal(1, Count(issue, "not-rated"));
    }

    [Fact]
    public void A_rated_issue_has_no_rating_deadline()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Satisfied), issue.ClosedAt!.Value.AddHours(1));
        Assert.Null(IssueLifecycle.NextDeadline(issue, Policy));
        Assert.False(IssueLifecycle.Tick(issue, issue.ClosedAt!.Value.AddDays(30), Policy));
        Assert.False(issue.RatingExpired);
    }

    [Theory]
    [InlineData(IssueStatus.Received)]
    [InlineData(IssueStatus.Declined)]
    [InlineData(IssueStatus.Voided)]
    public void The_clock_ignores_issues_that_are_not_accepted_or_are_void(IssueStatus status)
    {
        var issue = IssueBuilder.InStatus(status);
        Assert.Null(IssueLifecycle.NextDeadline(issue, Policy));
        Assert.False(IssueLifecycle.Tick(issue, T0.AddDays(60), Policy));
        Assert.False(issue.Overdue);
    }
}
