using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using static GridGov.Domain.Tests.IssueBuilder;

namespace GridGov.Domain.Tests;

/// <summary>What a grid tells its deputies about counters: each deputy's sum is the contribution of the issues they hold.</summary>
public sealed class DeputyCountersTests
{
    private static readonly DeputyLoad[] Loads = [new(Deputy, 0), new(OtherDeputy, 5)];

    private static GridBook NewGrid() => new(new GridState
    {
        Profile = new GridProfile("grid-a", "Grid A", "Grid A", "district-1", "street-1", "community-1", [Deputy, OtherDeputy]),
    }, SlaPolicy.Default);

    /// <summary>The sum of the counters posted to <paramref name="receiver"/> over all commits.</summary>
    private static CounterSet Posted(GridBook grid, string receiver)
    {
        var sum = new CounterSet();
        foreach (var d in grid.State.Outbox.Queues.GetValueOrDefault(receiver)?.Pending ?? []) sum.Add(d.Counters);
        return sum;
    }

    private static Issue Step(GridBook grid, string id, IssueCommand command, DateTimeOffset at)
    {
        grid.BeginCommit(at, new Dictionary<string, long>());
        return grid.Act(id, command, at, Loads);
    }

    [Fact]
    public void A_reassigned_issue_counts_wholly_for_its_new_deputy_and_not_at_all_for_the_old()
    {
        var grid = NewGrid();
        grid.BeginCommit(T0, new Dictionary<string, long>());
        var (id, _) = grid.Submit(Input(), null, T0, Loads);
        Assert.Equal(Deputy, grid.Find(id).DeputyId);
        Step(grid, id, new IssueCommand(IssueAction.Respond, DeputyActor), T0.AddHours(1));
        Step(grid, id, new IssueCommand(IssueAction.Reassign, Operator, "Better placed", OtherDeputy), T0.AddHours(2));
        var issue = Step(grid, id, new IssueCommand(IssueAction.Resolve, OtherDeputyActor, "Fixed"), T0.AddHours(3));

        Assert.Equal(OtherDeputy, issue.DeputyId);
        Assert.True(Posted(grid, GridBook.DeputyReceiver(Deputy)).Total().IsZero);
        var other = Posted(grid, GridBook.DeputyReceiver(OtherDeputy)).Total();
        var whole = grid.State.Counters.Total();
        Assert.Equal((1, 1, 1, 1), (other.Received, other.Accepted, other.Resolved, other.RespondedInTime));
        Assert.Equal((whole.Received, whole.Resolved, whole.ResolutionMinutes), (other.Received, other.Resolved, other.ResolutionMinutes));
    }

    [Fact]
    public void A_deputy_that_keeps_an_issue_receives_each_change_once()
    {
        var grid = NewGrid();
        grid.BeginCommit(T0, new Dictionary<string, long>());
        var (id, _) = grid.Submit(Input(), null, T0, Loads);
        Step(grid, id, new IssueCommand(IssueAction.Respond, DeputyActor), T0.AddHours(1));
        Step(grid, id, new IssueCommand(IssueAction.Resolve, DeputyActor, "Fixed"), T0.AddHours(2));

        var mine = Posted(grid, GridBook.DeputyReceiver(Deputy)).Total();
        Assert.Equal((1L, 1L, 0L), (mine.Received, mine.Resolved, mine.Open));
        Assert.True(Posted(grid, GridBook.DeputyReceiver(OtherDeputy)).Total().IsZero);
    }
}
