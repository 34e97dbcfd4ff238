using GridGov.Grains.Domain;
using S = GridGov.Grains.Domain.IssueStatus;

namespace GridGov.Domain.Tests;

/// <summary>
/// Every action from every status, against a table written out by hand (deliberately not read from
/// <see cref="IssueTransitions"/>): a cell holds the status the action leads to, or <c>__</c> where the
/// action must be refused as a conflict.
/// </summary>
public class TransitionTableTests
{
    private static readonly S? __ = null;

    private static readonly IssueAction[] Columns =
    [
        IssueAction.Accept, IssueAction.Reject, IssueAction.Respond, IssueAction.Start, IssueAction.Resolve, IssueAction.Close,
        IssueAction.Suspend, IssueAction.Resume, IssueAction.Reassign, IssueAction.Rate, IssueAction.Void,
    ];

    // Accept is given an assignee (so it leads to Assigned), Reassign a different deputy, Rate "satisfied"
    // (which leaves the status as it is), Resume the issue suspended from Assigned.
    private static readonly Dictionary<S, S?[]> Expected = new()
    {
        //                        Accept      Reject      Respond      Start         Resolve     Close                Suspend      Resume      Reassign       Rate                 Void
        [S.Received]         = [S.Assigned, S.Declined, __,          __,           __,         __,                  __,          __,         __,            __,                  S.Voided],
        [S.Declined]         = [__,         __,         __,          __,           __,         __,                  __,          __,         __,            __,                  S.Voided],
        [S.Accepted]         = [__,         __,         __,          __,           __,         S.ClosedUnresolved,  __,          __,         S.Assigned,    __,                  S.Voided],
        [S.Assigned]         = [__,         __,         S.Responded, __,           __,         S.ClosedUnresolved,  S.Suspended, __,         S.Assigned,    __,                  S.Voided],
        [S.Responded]        = [__,         __,         __,          S.InProgress, S.Resolved, S.ClosedUnresolved,  S.Suspended, __,         S.Responded,   __,                  S.Voided],
        [S.InProgress]       = [__,         __,         __,          __,           S.Resolved, S.ClosedUnresolved,  S.Suspended, __,         S.InProgress,  __,                  S.Voided],
        [S.Suspended]        = [__,         __,         __,          __,           __,         __,                  __,          S.Assigned, S.Suspended,   __,                  S.Voided],
        [S.Resolved]         = [__,         __,         __,          __,           __,         __,                  __,          __,         __,            S.Resolved,          S.Voided],
        [S.ClosedUnresolved] = [__,         __,         __,          __,           __,         __,                  __,          __,         __,            S.ClosedUnresolved,  S.Voided],
        [S.Voided]           = [__,         __,         __,          __,           __,         __,                  __,          __,         __,            __,                  __      ],
    };

    public static TheoryData<S, IssueAction> Pairs()
    {
        var data = new TheoryData<S, IssueAction>();
        foreach (var status in Enum.GetValues<S>())
            foreach (var action in Enum.GetValues<IssueAction>())
                data.Add(status, action);
        return data;
    }

    [Fact]
    public void The_table_covers_every_status_and_every_action()
    {
        Assert.Equal(Enum.GetValues<S>().Order(), Expected.Keys.Order());
        Assert.Equal(Enum.GetValues<IssueAction>().Order(), Columns.Order());
        Assert.All(Expected.Values, row => Assert.Equal(Columns.Length, row.Length));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Action_from_status_matches_the_table(S from, IssueAction action)
    {
        var expected = Expected[from][Array.IndexOf(Columns, action)];
        var issue = IssueBuilder.InStatus(from);
        Assert.Equal(from, issue.Status);
        var version = issue.Version;
        var historyCount = issue.History.Count;
        var deputy = issue.DeputyId;
        var cmd = ValidCommand(action);
        var at = IssueBuilder.T0.AddDays(1);

        if (expected is { } to)
        {
            IssueBuilder.Do(issue, cmd, at, assignee: IssueBuilder.Deputy);
            Assert.Equal(to, issue.Status);
            Assert.Equal(historyCount + 1, issue.History.Count);
            Assert.Equal(version + 1, issue.Version);
            var entry = issue.History[^1];
            Assert.Equal(at, entry.At);
            Assert.Equal(cmd.By, entry.By);
            Assert.Equal(from, entry.From);
            Assert.Equal(to, entry.To);
        }
        else
        {
            var ex = Assert.Throws<DomainRuleException>(() => IssueBuilder.Do(issue, cmd, at, assignee: IssueBuilder.Deputy));
            Assert.Equal(RuleKind.Conflict, ex.Kind);
            Assert.Equal("transition", ex.Code);
            Assert.Equal(from, issue.Status);
            Assert.Equal(version, issue.Version);
            Assert.Equal(historyCount, issue.History.Count);
            Assert.Equal(deputy, issue.DeputyId);
        }
    }

    [Fact]
    public void Accept_without_a_deputy_leaves_the_issue_accepted()
    {
        var issue = IssueBuilder.Received();
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Accept, IssueBuilder.Operator), IssueBuilder.T0.AddHours(1));
        Assert.Equal(S.Accepted, issue.Status);
        Assert.Null(issue.DeputyId);
        Assert.Equal(IssueBuilder.T0.AddHours(1), issue.AcceptedAt);
    }

    [Theory]
    [InlineData(S.Assigned)]
    [InlineData(S.Responded)]
    [InlineData(S.InProgress)]
    public void Resume_returns_to_the_status_before_suspension(S before)
    {
        var issue = IssueBuilder.InStatus(before);
        var at = IssueBuilder.T0.AddDays(1);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Suspend, IssueBuilder.Operator, "Waiting for parts"), at);
        Assert.Equal(S.Suspended, issue.Status);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Resume, IssueBuilder.Operator, "Parts arrived"), at.AddHours(1));
        Assert.Equal(before, issue.Status);
        Assert.Null(issue.SuspendedAt);
        Assert.Null(issue.SuspendedFrom);
    }

    [Theory]
    [InlineData(S.Resolved)]
    [InlineData(S.ClosedUnresolved)]
    public void Unsatisfied_rating_reopens_a_closed_issue_to_assigned(S closed)
    {
        var issue = IssueBuilder.InStatus(closed);
        var count = issue.History.Count;
        var at = IssueBuilder.T0.AddDays(1);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Unsatisfied), at);
        Assert.Equal(S.Assigned, issue.Status);
        Assert.Equal(1, issue.ReopenCount);
        Assert.Equal(["rate:unsatisfied", "reopen"], issue.History.Skip(count).Select(h => h.Action));
    }

    private static IssueCommand ValidCommand(IssueAction action) => action switch
    {
        IssueAction.Rate => new IssueCommand(action, Actor.Resident, Rating: Rating.Satisfied),
        IssueAction.Void => new IssueCommand(action, IssueBuilder.Admin, "Filed twice"),
        IssueAction.Reassign => new IssueCommand(action, IssueBuilder.Operator, "Rebalancing", DeputyId: IssueBuilder.OtherDeputy),
        _ => new IssueCommand(action, IssueBuilder.Operator, "Reason given"),
    };
}
