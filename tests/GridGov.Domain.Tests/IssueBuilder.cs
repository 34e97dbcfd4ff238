using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>Builds issues in a given status through the public lifecycle only, on explicit times.</summary>
internal static class IssueBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    public const string Deputy = "deputy-1";
    public const string OtherDeputy = "deputy-2";

    public static readonly Actor Admin = new(ActorRole.Admin, "admin-1");
    public static readonly Actor Operator = new(ActorRole.Operator, "operator-1");
    public static readonly Actor DeputyActor = new(ActorRole.Deputy, Deputy);
    public static readonly Actor OtherDeputyActor = new(ActorRole.Deputy, OtherDeputy);

    public static NewIssue Input(SlaClass sla = SlaClass.General, string category = "water", IssueChannel channel = IssueChannel.Hotline) =>
        new("grid-a", category, channel, sla, "Low water pressure");

    public static Issue Received(DateTimeOffset? at = null, SlaClass sla = SlaClass.General) =>
        IssueLifecycle.Submit("grid-a-202603-000001", "SECRET2345", Input(sla), at ?? T0, autoAccept: false, deputyId: null, SlaPolicy.Default);

    public static Issue Accepted(DateTimeOffset? at = null, SlaClass sla = SlaClass.General) =>
        IssueLifecycle.Submit("grid-a-202603-000001", "SECRET2345", Input(sla), at ?? T0, autoAccept: true, deputyId: null, SlaPolicy.Default);

    public static Issue Assigned(DateTimeOffset? at = null, SlaClass sla = SlaClass.General) =>
        IssueLifecycle.Submit("grid-a-202603-000001", "SECRET2345", Input(sla), at ?? T0, autoAccept: true, deputyId: Deputy, SlaPolicy.Default);

    /// <summary>An issue in <paramref name="status"/>, built by actions taken an hour apart from <see cref="T0"/>.</summary>
    public static Issue InStatus(IssueStatus status)
    {
        var at = T0;
        DateTimeOffset Next() => at = at.AddHours(1);
        switch (status)
        {
            case IssueStatus.Received: return Received();
            case IssueStatus.Declined:
            {
                var i = Received();
                Do(i, new IssueCommand(IssueAction.Reject, Operator, "Not a municipal matter"), Next());
                return i;
            }
            case IssueStatus.Accepted: return Accepted();
            case IssueStatus.Assigned: return Assigned();
            case IssueStatus.Responded:
            {
                var i = Assigned();
                Do(i, new IssueCommand(IssueAction.Respond, Operator), Next());
                return i;
            }
            case IssueStatus.InProgress:
            {
                var i = Assigned();
                Do(i, new IssueCommand(IssueAction.Respond, Operator), Next());
                Do(i, new IssueCommand(IssueAction.Start, Operator), Next());
                return i;
            }
            case IssueStatus.Suspended:
            {
                var i = Assigned();
                Do(i, new IssueCommand(IssueAction.Suspend, Operator, "Waiting for the utility"), Next());
                return i;
            }
            case IssueStatus.Resolved:
            {
                var i = Assigned();
                Do(i, new IssueCommand(IssueAction.Respond, Operator), Next());
                Do(i, new IssueCommand(IssueAction.Resolve, Operator, "Valve replaced"), Next());
                return i;
            }
            case IssueStatus.ClosedUnresolved:
            {
                var i = Assigned();
                Do(i, new IssueCommand(IssueAction.Close, Operator, "Outside our remit"), Next());
                return i;
            }
            case IssueStatus.Voided:
            {
                var i = Assigned();
                Do(i, new IssueCommand(IssueAction.Void, Admin, "Duplicate"), Next());
                return i;
            }
            default: throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }
    }

    public static void Do(Issue issue, IssueCommand cmd, DateTimeOffset at, SlaPolicy? policy = null, string? assignee = null) =>
        IssueLifecycle.Apply(issue, cmd, at, policy ?? SlaPolicy.Default, assignee);
}
