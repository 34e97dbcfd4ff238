namespace GridGov.Grains.Domain;

/// <summary>The things that can be done to an issue after it is submitted.</summary>
public enum IssueAction
{
    Accept,
    Reject,
    Respond,
    Start,
    Resolve,
    Close,
    Suspend,
    Resume,
    Reassign,
    Rate,
    Void,
}
