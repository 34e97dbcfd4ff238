using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>Who may do what, what a command must carry, and the rating rules; a refused command changes nothing.</summary>
public class LifecycleRuleTests
{
    private static readonly DateTimeOffset Later = IssueBuilder.T0.AddDays(1);

    private static DomainRuleException Refused(Issue issue, IssueCommand cmd, DateTimeOffset at, SlaPolicy? policy = null)
    {
        var version = issue.Version;
        var count = issue.History.Count;
        var status = issue.Status;
        var rating = issue.Rating;
        var ex = Assert.Throws<DomainRuleException>(() => IssueBuilder.Do(issue, cmd, at, policy));
        Assert.Equal(version, issue.Version);
        Assert.Equal(count, issue.History.Count);
        Assert.Equal(status, issue.Status);
        Assert.Equal(rating, issue.Rating);
        return ex;
    }

    [Theory]
    [InlineData(IssueAction.Accept)]
    [InlineData(IssueAction.Reject)]
    public void A_deputy_may_not_accept_or_reject(IssueAction action)
    {
        var ex = Refused(IssueBuilder.Received(), new IssueCommand(action, IssueBuilder.DeputyActor, "reason"), Later);
        Assert.Equal(RuleKind.Forbidden, ex.Kind);
        Assert.Equal("role", ex.Code);
    }

    [Fact]
    public void A_deputy_may_not_reassign()
    {
        var ex = Refused(IssueBuilder.Assigned(),
            new IssueCommand(IssueAction.Reassign, IssueBuilder.DeputyActor, DeputyId: IssueBuilder.OtherDeputy), Later);
        Assert.Equal(RuleKind.Forbidden, ex.Kind);
        Assert.Equal("role", ex.Code);
    }

    [Theory]
    [InlineData(IssueAction.Accept, IssueStatus.Received)]
    [InlineData(IssueAction.Reject, IssueStatus.Received)]
    [InlineData(IssueAction.Respond, IssueStatus.Assigned)]
    [InlineData(IssueAction.Start, IssueStatus.Responded)]
    [InlineData(IssueAction.Resolve, IssueStatus.Responded)]
    [InlineData(IssueAction.Close, IssueStatus.Assigned)]
    [InlineData(IssueAction.Suspend, IssueStatus.Assigned)]
    [InlineData(IssueAction.Resume, IssueStatus.Suspended)]
    [InlineData(IssueAction.Reassign, IssueStatus.Assigned)]
    [InlineData(IssueAction.Void, IssueStatus.Assigned)]
    public void A_resident_may_only_rate(IssueAction action, IssueStatus from)
    {
        var cmd = new IssueCommand(action, Actor.Resident, "reason", IssueBuilder.OtherDeputy);
        var ex = Refused(IssueBuilder.InStatus(from), cmd, Later);
        Assert.Equal(RuleKind.Forbidden, ex.Kind);
        Assert.Equal("role", ex.Code);
    }

    [Theory]
    [InlineData(ActorRole.Operator)]
    [InlineData(ActorRole.Deputy)]
    [InlineData(ActorRole.Admin)]
    [InlineData(ActorRole.System)]
    [InlineData(ActorRole.Display)]
    public void Only_a_resident_may_rate(ActorRole role)
    {
        var by = new Actor(role, IssueBuilder.Deputy);
        var ex = Refused(IssueBuilder.InStatus(IssueStatus.Resolved), new IssueCommand(IssueAction.Rate, by, Rating: Rating.Satisfied), Later);
        Assert.Equal(RuleKind.Forbidden, ex.Kind);
        Assert.Equal("role", ex.Code);
    }

    [Theory]
    [InlineData(ActorRole.Operator)]
    [InlineData(ActorRole.Deputy)]
    [InlineData(ActorRole.System)]
    [InlineData(ActorRole.Display)]
    public void Only_an_admin_may_void(ActorRole role)
    {
        var by = new Actor(role, IssueBuilder.Deputy);
        var ex = Refused(IssueBuilder.Assigned(), new IssueCommand(IssueAction.Void, by, "Duplicate"), Later);
        Assert.Equal(RuleKind.Forbidden, ex.Kind);
        Assert.Equal("role", ex.Code);
    }

    [Fact]
    public void A_deputy_may_act_on_an_issue_assigned_to_them()
    {
        var issue = IssueBuilder.Assigned();
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Respond, IssueBuilder.DeputyActor), Later);
        Assert.Equal(IssueStatus.Responded, issue.Status);
    }

    [Theory]
    [InlineData(IssueAction.Respond, IssueStatus.Assigned)]
    [InlineData(IssueAction.Start, IssueStatus.Responded)]
    [InlineData(IssueAction.Resolve, IssueStatus.InProgress)]
    [InlineData(IssueAction.Close, IssueStatus.Assigned)]
    [InlineData(IssueAction.Suspend, IssueStatus.Assigned)]
    [InlineData(IssueAction.Resume, IssueStatus.Suspended)]
    public void A_deputy_may_not_act_on_an_issue_assigned_to_another(IssueAction action, IssueStatus from)
    {
        var ex = Refused(IssueBuilder.InStatus(from), new IssueCommand(action, IssueBuilder.OtherDeputyActor, "reason"), Later);
        Assert.Equal(RuleKind.Forbidden, ex.Kind);
        Assert.Equal("deputy.not-assigned", ex.Code);
    }

    [Fact]
    public void A_deputy_may_not_act_on_an_issue_with_no_deputy()
    {
        var ex = Refused(IssueBuilder.Accepted(), new IssueCommand(IssueAction.Close, IssueBuilder.DeputyActor, "reason"), Later);
        Assert.Equal(RuleKind.Forbidden, ex.Kind);
        Assert.Equal("deputy.not-assigned", ex.Code);
    }

    public static TheoryData<IssueAction, IssueStatus, string?> MissingNotes()
    {
        var data = new TheoryData<IssueAction, IssueStatus, string?>();
        (IssueAction, IssueStatus)[] needNotes =
        [
            (IssueAction.Resolve, IssueStatus.Responded), (IssueAction.Close, IssueStatus.Assigned),
            (IssueAction.Reject, IssueStatus.Received), (IssueAction.Suspend, IssueStatus.Assigned),
            (IssueAction.Void, IssueStatus.Assigned), (IssueAction.Resume, IssueStatus.Suspended),
        ];
        foreach (var (action, from) in needNotes)
            foreach (var note in new[] { null, "", "   " })
                data.Add(action, from, note);
        return data;
    }

    [Theory]
    [MemberData(nameof(MissingNotes))]
    public void A_note_is_required_to_resolve_close_reject_suspend_resume_or_void(IssueAction action, IssueStatus from, string? note)
    {
        var by = action == IssueAction.Void ? IssueBuilder.Admin : IssueBuilder.Operator;
        var ex = Refused(IssueBuilder.InStatus(from), new IssueCommand(action, by, note), Later);
        Assert.Equal(RuleKind.Invalid, ex.Kind);
        Assert.Equal("note.missing", ex.Code);
    }

    [Fact]
    public void A_note_longer_than_the_limit_is_invalid()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Responded);
        var ex = Refused(issue, new IssueCommand(IssueAction.Resolve, IssueBuilder.Operator, new string('x', IssueLifecycle.MaxNote + 1)), Later);
        Assert.Equal(RuleKind.Invalid, ex.Kind);
        Assert.Equal("note.too-long", ex.Code);
    }

    [Fact]
    public void A_note_of_exactly_the_limit_is_accepted()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Responded);
        var note = new string('x', IssueLifecycle.MaxNote);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Resolve, IssueBuilder.Operator, note), Later);
        Assert.Equal(IssueStatus.Resolved, issue.Status);
        Assert.Equal(note, issue.Outcome);
    }

    [Fact]
    public void Reassign_needs_a_deputy()
    {
        var ex = Refused(IssueBuilder.Assigned(), new IssueCommand(IssueAction.Reassign, IssueBuilder.Operator), Later);
        Assert.Equal(RuleKind.Invalid, ex.Kind);
        Assert.Equal("deputy.missing", ex.Code);
    }

    [Fact]
    public void Reassign_to_the_same_deputy_is_a_conflict()
    {
        var ex = Refused(IssueBuilder.Assigned(), new IssueCommand(IssueAction.Reassign, IssueBuilder.Operator, DeputyId: IssueBuilder.Deputy), Later);
        Assert.Equal(RuleKind.Conflict, ex.Kind);
        Assert.Equal("deputy.same", ex.Code);
    }

    [Fact]
    public void A_rating_must_be_given()
    {
        var ex = Refused(IssueBuilder.InStatus(IssueStatus.Resolved), new IssueCommand(IssueAction.Rate, Actor.Resident), Later);
        Assert.Equal(RuleKind.Invalid, ex.Kind);
        Assert.Equal("rating.missing", ex.Code);
    }

    [Fact]
    public void A_rating_after_the_window_is_a_conflict()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        var windowEnd = issue.ClosedAt!.Value + SlaPolicy.Default.RatingWindow;
        var ex = Refused(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Satisfied), windowEnd.AddTicks(1));
        Assert.Equal(RuleKind.Conflict, ex.Kind);
        Assert.Equal("rating.window", ex.Code);
    }

    [Fact]
    public void A_rating_at_the_last_moment_of_the_window_is_accepted()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        var windowEnd = issue.ClosedAt!.Value + SlaPolicy.Default.RatingWindow;
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.BasicallySatisfied), windowEnd);
        Assert.Equal(Rating.BasicallySatisfied, issue.Rating);
        Assert.Equal(windowEnd, issue.RatedAt);
    }

    [Fact]
    public void A_rating_after_the_clock_marked_it_expired_is_a_conflict()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        var windowEnd = issue.ClosedAt!.Value + SlaPolicy.Default.RatingWindow;
        Assert.True(IssueLifecycle.Tick(issue, windowEnd.AddTicks(1), SlaPolicy.Default));
        var ex = Refused(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Satisfied), windowEnd);
        Assert.Equal(RuleKind.Conflict, ex.Kind);
        Assert.Equal("rating.window", ex.Code);
    }

    [Theory]
    [InlineData(Rating.Satisfied)]
    [InlineData(Rating.BasicallySatisfied)]
    public void A_second_rating_without_a_reopen_is_a_conflict(Rating first)
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: first), Later);
        var ex = Refused(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), Later.AddHours(1));
        Assert.Equal(RuleKind.Conflict, ex.Kind);
        Assert.Equal("rating.given", ex.Code);
        Assert.Equal(first, issue.Rating);
    }

    [Fact]
    public void An_unsatisfied_rating_reopens_with_a_fresh_time_limit_and_the_issue_can_be_rated_again()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), Later);

        Assert.Equal(IssueStatus.Assigned, issue.Status);
        Assert.Equal(IssueBuilder.Deputy, issue.DeputyId);
        Assert.Equal(1, issue.ReopenCount);
        Assert.Equal(Later + SlaPolicy.Default.General.Resolve, issue.DueAt);
        Assert.Null(issue.ClosedAt);
        Assert.Null(issue.ResolvedAt);
        Assert.Null(issue.Outcome);
        Assert.False(issue.Overdue);

        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Respond, IssueBuilder.DeputyActor), Later.AddHours(1));
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Resolve, IssueBuilder.DeputyActor, "Fixed properly"), Later.AddHours(2));
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Satisfied), Later.AddHours(3));
        Assert.Equal(IssueStatus.Resolved, issue.Status);
        Assert.Equal(Rating.Satisfied, issue.Rating);
    }

    [Fact]
    public void An_unsatisfied_rating_of_an_issue_with_no_deputy_reopens_it_to_accepted()
    {
        var issue = IssueBuilder.Accepted();
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Close, IssueBuilder.Operator, "Nobody to send"), IssueBuilder.T0.AddHours(1));
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), Later);
        Assert.Equal(IssueStatus.Accepted, issue.Status);
        Assert.Equal(1, issue.ReopenCount);
    }

    [Fact]
    public void At_the_reopen_limit_an_unsatisfied_rating_is_kept_and_the_reopen_declined()
    {
        var policy = SlaPolicy.Default;
        Assert.Equal(1, policy.ReopenLimit);
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), Later, policy);
        Assert.Equal(IssueStatus.Assigned, issue.Status);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Respond, IssueBuilder.Operator), Later.AddHours(1), policy);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Resolve, IssueBuilder.Operator, "Tried again"), Later.AddHours(2), policy);
        var count = issue.History.Count;

        var at = Later.AddHours(3);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), at, policy);

        Assert.Equal(IssueStatus.Resolved, issue.Status);
        Assert.Equal(Rating.Unsatisfied, issue.Rating);
        Assert.Equal(at, issue.RatedAt);
        Assert.Equal(1, issue.ReopenCount);
        Assert.Equal(Later.AddHours(2), issue.ClosedAt);
        Assert.Equal(["rate:unsatisfied", "reopen-declined"], issue.History.Skip(count).Select(h => h.Action));
        Assert.All(issue.History.Skip(count), h => Assert.Equal(IssueStatus.Resolved, h.To));
        Assert.True(issue.IsSettled);

        var ex = Refused(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), at.AddHours(1), policy);
        Assert.Equal("rating.given", ex.Code);
    }

    [Fact]
    public void With_a_reopen_limit_of_zero_the_first_unsatisfied_rating_is_kept()
    {
        var policy = SlaPolicy.Default with { ReopenLimit = 0 };
        var issue = IssueBuilder.InStatus(IssueStatus.ClosedUnresolved);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), Later, policy);
        Assert.Equal(IssueStatus.ClosedUnresolved, issue.Status);
        Assert.Equal(0, issue.ReopenCount);
        Assert.Equal("reopen-declined", issue.History[^1].Action);
    }
}
