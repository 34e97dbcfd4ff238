namespace GridGov.Grains.Domain;

/// <summary>Which action is allowed from which status, and who may take it. The single table the lifecycle obeys.</summary>
public static class IssueTransitions
{
    private static readonly IssueStatus[] Working = [IssueStatus.Assigned, IssueStatus.Responded, IssueStatus.InProgress];

    public static IReadOnlyCollection<IssueStatus> AllowedFrom(IssueAction action) => action switch
    {
        IssueAction.Accept or IssueAction.Reject => [IssueStatus.Received],
        IssueAction.Respond => [IssueStatus.Assigned],
        IssueAction.Start => [IssueStatus.Responded],
        IssueAction.Resolve => [IssueStatus.Responded, IssueStatus.InProgress],
        IssueAction.Close => [IssueStatus.Accepted, .. Working],
        IssueAction.Suspend => Working,
        IssueAction.Resume => [IssueStatus.Suspended],
        IssueAction.Reassign => [IssueStatus.Accepted, .. Working, IssueStatus.Suspended],
        IssueAction.Rate => [IssueStatus.Resolved, IssueStatus.ClosedUnresolved],
        IssueAction.Void => Enum.GetValues<IssueStatus>().Where(s => s != IssueStatus.Voided).ToArray(),
        _ => [],
    };

    public static bool IsAllowed(IssueAction action, IssueStatus from) => AllowedFrom(action).Contains(from);

    /// <summary>Roles that may take an action at all; deputies further only on issues assigned to them.</summary>
    public static bool RoleMay(IssueAction action, ActorRole role) => action switch
    {
        IssueAction.Rate => role is ActorRole.Resident,
        IssueAction.Void => role is ActorRole.Admin,
        IssueAction.Accept or IssueAction.Reject or IssueAction.Reassign => role is ActorRole.Admin or ActorRole.Operator or ActorRole.System,
        _ => role is ActorRole.Admin or ActorRole.Operator or ActorRole.Deputy,
    };
}
