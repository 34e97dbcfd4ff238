namespace GridGov.Grains.Domain;

/// <summary>
/// The issue state machine: submit -> accept -> assign -> respond -> resolve -> rate, with decline, close,
/// suspend/resume, reassign, reopen and void. Every method checks all its rules before it changes anything,
/// and records each change in the issue's history.
/// </summary>
public static class IssueLifecycle
{
    public const int MaxNote = 2000;

    public static Issue Submit(string id, NewIssue input, DateTimeOffset now, bool autoAccept, string? deputyId, SlaPolicy policy) =>
        Submit(id, TrackingCodes.NewSecret(), input, now, autoAccept, deputyId, policy);

    public static Issue Submit(string id, string secret, NewIssue input, DateTimeOffset now, bool autoAccept, string? deputyId, SlaPolicy policy)
    {
        var issue = new Issue
        {
            Id = id, GridId = input.GridId, TrackingSecret = secret, Category = input.Category, Channel = input.Channel,
            Sla = input.Sla, Title = input.Title, Description = input.Description, Contact = input.Contact,
            Location = input.Location, ReceivedAt = now, Status = IssueStatus.Received,
        };
        Record(issue, now, input.FiledBy ?? Actor.Resident, "submit", IssueStatus.Received, null);
        if (autoAccept) AcceptNow(issue, now, Actor.System, deputyId, policy);
        return issue;
    }

    /// <summary>Applies <paramref name="cmd"/>; <paramref name="assignee"/> is the deputy chosen for an accept.</summary>
    public static void Apply(Issue issue, IssueCommand cmd, DateTimeOffset now, SlaPolicy policy, string? assignee = null)
    {
        Check(issue, cmd, now, policy);
        switch (cmd.Action)
        {
            case IssueAction.Accept: AcceptNow(issue, now, cmd.By, assignee, policy); break;
            case IssueAction.Reject: Move(issue, now, cmd.By, "reject", IssueStatus.Declined, cmd.Note); break;
            case IssueAction.Respond:
                issue.FirstResponseAt ??= now;
                issue.ResponseOverdue = false;
                Move(issue, now, cmd.By, "respond", IssueStatus.Responded, cmd.Note);
                break;
            case IssueAction.Start: Move(issue, now, cmd.By, "start", IssueStatus.InProgress, cmd.Note); break;
            case IssueAction.Resolve:
                Close(issue, now, cmd.By, "resolve", IssueStatus.Resolved, cmd.Note!);
                issue.ResolvedAt = now;
                break;
            case IssueAction.Close: Close(issue, now, cmd.By, "close", IssueStatus.ClosedUnresolved, cmd.Note!); break;
            case IssueAction.Suspend:
                issue.SuspendedAt = now;
                issue.SuspendedFrom = issue.Status;
                Move(issue, now, cmd.By, "suspend", IssueStatus.Suspended, cmd.Note);
                break;
            case IssueAction.Resume: Resume(issue, now, cmd); break;
            case IssueAction.Reassign:
                issue.DeputyId = cmd.DeputyId;
                Move(issue, now, cmd.By, "reassign", issue.Status == IssueStatus.Accepted ? IssueStatus.Assigned : issue.Status, cmd.Note);
                break;
            case IssueAction.Rate: Rate(issue, now, cmd.Rating!.Value, cmd.Note, policy); break;
            case IssueAction.Void:
                issue.VoidReason = cmd.Note;
                issue.Overdue = false;
                Move(issue, now, cmd.By, "void", IssueStatus.Voided, cmd.Note);
                break;
            default: throw DomainRuleException.Invalid("action.unknown", $"Unknown action {cmd.Action}.");
        }
    }

    /// <summary>Throws the first rule <paramref name="cmd"/> breaks on <paramref name="issue"/>; changes nothing.</summary>
    public static void Check(Issue issue, IssueCommand cmd, DateTimeOffset now, SlaPolicy policy)
    {
        if (!IssueTransitions.RoleMay(cmd.Action, cmd.By.Role))
            throw DomainRuleException.Forbidden("role", $"A {cmd.By.Role.ToString().ToLowerInvariant()} may not {Verb(cmd.Action)} an issue.");
        if (cmd.By.Role == ActorRole.Deputy && issue.DeputyId != cmd.By.Id)
            throw DomainRuleException.Forbidden("deputy.not-assigned", "This issue is not assigned to you.");
        if (cmd.Note is { Length: > MaxNote })
            throw DomainRuleException.Invalid("note.too-long", $"The note is longer than {MaxNote} characters.");
        if (!IssueTransitions.IsAllowed(cmd.Action, issue.Status))
            throw DomainRuleException.Conflict("transition", $"Cannot {Verb(cmd.Action)} an issue that is {Describe(issue.Status)}.");
        var needsNote = cmd.Action is IssueAction.Reject or IssueAction.Resolve or IssueAction.Close or IssueAction.Suspend
            or IssueAction.Resume or IssueAction.Void;
        if (needsNote && string.IsNullOrWhiteSpace(cmd.Note))
            throw DomainRuleException.Invalid("note.missing", $"To {Verb(cmd.Action)} an issue, give a {(cmd.Action == IssueAction.Resolve ? "resolution note" : "reason")}.");
        if (cmd.Action == IssueAction.Reassign && string.IsNullOrWhiteSpace(cmd.DeputyId))
            throw DomainRuleException.Invalid("deputy.missing", "Name the deputy to reassign the issue to.");
        if (cmd.Action == IssueAction.Reassign && cmd.DeputyId == issue.DeputyId)
            throw DomainRuleException.Conflict("deputy.same", "The issue is already assigned to that deputy.");
        if (cmd.Action == IssueAction.Rate)
        {
            if (cmd.Rating is not { } r || !Enum.IsDefined(r))
                throw DomainRuleException.Invalid("rating.missing", "Give a rating: satisfied, basicallySatisfied or unsatisfied.");
            if (issue.RatingExpired || now > issue.ClosedAt + policy.RatingWindow)
                throw DomainRuleException.Conflict("rating.window", "The rating window of this issue has ended.");
            if (issue.RatedSinceClosed)
                throw DomainRuleException.Conflict("rating.given", "This issue has already been rated.");
        }
    }

    /// <summary>
    /// The SLA clock: marks what has passed its limit by <paramref name="now"/>. Idempotent: a second pass at
    /// the same time changes nothing. Returns whether anything changed.
    /// </summary>
    public static bool Tick(Issue issue, DateTimeOffset now, SlaPolicy policy)
    {
        var changed = false;
        if (issue.Status.IsOpen() && issue.Status != IssueStatus.Suspended)
        {
            if (!issue.ResponseOverdue && issue.FirstResponseAt is null && now >= issue.ResponseDueAt)
            {
                issue.ResponseOverdue = true;
                Record(issue, now, Actor.System, "response-overdue", issue.Status, null);
                changed = true;
            }
            if (!issue.Overdue && now >= issue.DueAt)
            {
                issue.Overdue = issue.WentOverdue = true;
                Record(issue, now, Actor.System, "overdue", issue.Status, null);
                changed = true;
            }
        }
        if (issue.AwaitingRating && now > issue.ClosedAt + policy.RatingWindow)
        {
            issue.RatingExpired = true;
            Record(issue, now, Actor.System, "not-rated", issue.Status, null);
            changed = true;
        }
        return changed;
    }

    /// <summary>When the clock next has something to do for this issue, if ever.</summary>
    public static DateTimeOffset? NextDeadline(Issue issue, SlaPolicy policy)
    {
        if (issue.Status == IssueStatus.Suspended) return null;
        if (issue.Status.IsOpen())
        {
            DateTimeOffset? next = null;
            if (!issue.ResponseOverdue && issue.FirstResponseAt is null) next = issue.ResponseDueAt;
            if (!issue.Overdue && issue.DueAt is { } due && (next is null || due < next)) next = due;
            return next;
        }
        if (issue.AwaitingRating)
            return issue.ClosedAt + policy.RatingWindow + TimeSpan.FromTicks(1);
        return null;
    }

    private static void AcceptNow(Issue issue, DateTimeOffset now, Actor by, string? deputyId, SlaPolicy policy)
    {
        var limits = policy.For(issue.Sla);
        issue.AcceptedAt = now;
        issue.DueAt = now + limits.Resolve;
        issue.ResponseDueAt = now + limits.FirstResponse;
        issue.DeputyId = deputyId;
        Move(issue, now, by, "accept", deputyId is null ? IssueStatus.Accepted : IssueStatus.Assigned, null);
    }

    private static void Close(Issue issue, DateTimeOffset now, Actor by, string action, IssueStatus to, string note)
    {
        issue.ClosedAt = now;
        issue.RatedSinceClosed = false;
        issue.Outcome = note;
        issue.Overdue = false;
        Move(issue, now, by, action, to, note);
    }

    private static void Resume(Issue issue, DateTimeOffset now, IssueCommand cmd)
    {
        var paused = now - issue.SuspendedAt!.Value;
        issue.DueAt += paused;
        if (issue.FirstResponseAt is null) issue.ResponseDueAt += paused;
        var back = issue.SuspendedFrom ?? IssueStatus.Assigned;
        issue.SuspendedAt = null;
        issue.SuspendedFrom = null;
        Move(issue, now, cmd.By, "resume", back, cmd.Note);
    }

    private static void Rate(Issue issue, DateTimeOffset now, Rating rating, string? note, SlaPolicy policy)
    {
        issue.Rating = rating;
        issue.RatedAt = now;
        issue.RatedSinceClosed = true;
        Record(issue, now, Actor.Resident, $"rate:{Names.Of(rating)}", issue.Status, note);
        if (rating != Domain.Rating.Unsatisfied) return;
        if (issue.ReopenCount >= policy.ReopenLimit)
        {
            Record(issue, now, Actor.System, "reopen-declined", issue.Status, $"Reopen limit of {policy.ReopenLimit} reached; the rating is kept.");
            return;
        }
        // Reopened: a fresh time limit from now, the same deputy, the old outcome cleared.
        issue.ReopenCount++;
        issue.DueAt = now + policy.For(issue.Sla).Resolve;
        issue.Overdue = false;
        issue.ClosedAt = null;
        issue.ResolvedAt = null;
        issue.Outcome = null;
        Move(issue, now, Actor.System, "reopen", issue.DeputyId is null ? IssueStatus.Accepted : IssueStatus.Assigned, null);
    }

    private static void Move(Issue issue, DateTimeOffset now, Actor by, string action, IssueStatus to, string? note)
    {
        var from = issue.Status;
        issue.Status = to;
        Record(issue, now, by, action, from, note);
    }

    private static void Record(Issue issue, DateTimeOffset now, Actor by, string action, IssueStatus from, string? note)
    {
        issue.History.Add(new HistoryEntry(now, by, action, from, issue.Status, note, issue.DeputyId));
        issue.Version++;
    }

    private static string Verb(IssueAction a) => a.ToString().ToLowerInvariant();

    private static string Describe(IssueStatus s) => Names.Of(s);
}
