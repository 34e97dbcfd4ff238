namespace GridGov.Grains.Domain;

/// <summary>Where an issue is in its life. Rating is an attribute, not a status.</summary>
public enum IssueStatus
{
    /// <summary>Received, waiting for an operator to accept or decline it (manual acceptance only).</summary>
    Received,
    /// <summary>Declined (不予受理): counts as received only.</summary>
    Declined,
    /// <summary>Accepted (受理) but no deputy could be assigned.</summary>
    Accepted,
    Assigned,
    /// <summary>The resident was contacted.</summary>
    Responded,
    InProgress,
    /// <summary>Suspended (挂起): the SLA clock is paused.</summary>
    Suspended,
    /// <summary>Closed as solved (解决).</summary>
    Resolved,
    ClosedUnresolved,
    /// <summary>Filed by mistake: excluded from every figure.</summary>
    Voided,
}

public static class IssueStatusFacts
{
    /// <summary>Accepted and neither closed nor voided: the SLA clock applies.</summary>
    public static bool IsOpen(this IssueStatus s) =>
        s is IssueStatus.Accepted or IssueStatus.Assigned or IssueStatus.Responded or IssueStatus.InProgress or IssueStatus.Suspended;

    public static bool IsClosed(this IssueStatus s) => s is IssueStatus.Resolved or IssueStatus.ClosedUnresolved;
}
