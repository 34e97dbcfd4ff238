using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using static GridGov.Domain.Tests.IssueBuilder;

namespace GridGov.Domain.Tests;

/// <summary>
/// Closed issues awaiting a rating leave a grid's state in batches (parked in the archive) and come back for a rating
/// or the end of their rating window: their months, clock and counters stay the grid's meanwhile.
/// </summary>
public sealed class ParkingTests
{
    private static readonly DeputyLoad[] Loads = [new(Deputy, 0)];

    private static GridBook NewGrid() => new(new GridState
    {
        Profile = new GridProfile("grid-a", "Grid A", "Grid A", "district-1", "street-1", "community-1", [Deputy]),
    }, SlaPolicy.Default);

    /// <summary>Files and resolves <paramref name="count"/> issues; returns their ids.</summary>
    private static List<string> Resolved(GridBook grid, int count, DateTimeOffset at)
    {
        grid.BeginCommit(at, new Dictionary<string, long>());
        return Enumerable.Range(0, count).Select(_ =>
        {
            var (id, _) = grid.Submit(Input(), null, at, Loads);
            grid.Act(id, new IssueCommand(IssueAction.Respond, DeputyActor), at, Loads);
            grid.Act(id, new IssueCommand(IssueAction.Resolve, DeputyActor, "fixed"), at, Loads);
            return id;
        }).ToList();
    }

    [Fact]
    public void Issues_awaiting_a_rating_are_parked_all_at_once_when_there_are_enough_of_them()
    {
        var grid = NewGrid();
        var ids = Resolved(grid, 3, T0);
        grid.BeginCommit(T0, new Dictionary<string, long>());
        var (open, _) = grid.Submit(Input(), null, T0, Loads);

        Assert.Empty(grid.ToPark(batch: 4, closedBy: T0)); // three awaiting, one open: not yet
        Assert.Empty(grid.ToPark(batch: 3, closedBy: T0 - TimeSpan.FromTicks(1))); // all closed just now: not yet
        var parking = grid.ToPark(batch: 3, closedBy: T0);
        Assert.Equal(ids.Order(), parking.Select(i => i.Id).Order());

        var counters = grid.State.Counters.Total();
        grid.Park(parking);

        Assert.Equal([open], grid.State.Issues.Keys);
        Assert.Equal(ids.Order(), grid.State.Parked.Keys.Order());
        Assert.Equal(counters.Resolved, grid.State.Counters.Total().Resolved); // parking changes no figure
        var parked = grid.State.Parked[ids[0]];
        Assert.Equal(T0 + SlaPolicy.Default.RatingWindow + TimeSpan.FromTicks(1), parked.RatingDue);
        Assert.Equal(Deputy, parked.DeputyId);
        Assert.Equal(IssueStatus.Resolved, parked.Card.Status);
    }

    [Fact]
    public void A_parked_issue_keeps_its_month_held_and_sets_the_clock()
    {
        var grid = NewGrid();
        var ids = Resolved(grid, 2, T0);
        grid.Park(grid.ToPark(batch: 2, closedBy: T0));
        var nextMonth = T0.AddMonths(1);

        // No issue of March is in state, but the parked ones can still be rated: March is not settled.
        Assert.Empty(grid.State.Issues);
        Assert.DoesNotContain(202603, grid.SettledMonths(nextMonth));
        Assert.Equal(grid.State.Parked[ids[0]].RatingDue, grid.NextDeadline());
        Assert.Empty(grid.ParkedDue(grid.State.Parked[ids[0]].RatingDue - TimeSpan.FromTicks(1)));
        Assert.Equal(ids.Order(), grid.ParkedDue(grid.State.Parked[ids[0]].RatingDue).Order());
    }

    [Fact]
    public void A_parked_issue_comes_back_for_its_rating_and_settles()
    {
        var grid = NewGrid();
        var ids = Resolved(grid, 2, T0);
        var bodies = grid.ToPark(batch: 2, closedBy: T0).ToDictionary(i => i.Id);
        grid.Park(bodies.Values);

        var later = T0.AddDays(2);
        grid.BeginCommit(later, new Dictionary<string, long>());
        grid.Reinstate(bodies[ids[0]]);
        grid.Reinstate(bodies[ids[0]]); // a second command brought it too: no-op
        grid.Act(ids[0], new IssueCommand(IssueAction.Rate, Actor.Resident, null, null, Rating.Satisfied), later, Loads);

        Assert.Equal([ids[1]], grid.State.Parked.Keys);
        Assert.Equal([ids[0]], grid.Settled().Select(i => i.Id));
        Assert.Equal(1, grid.State.Counters.Total().Satisfied);
    }

    [Fact]
    public void The_clock_expires_a_parked_issue_once_it_is_back()
    {
        var grid = NewGrid();
        var ids = Resolved(grid, 1, T0);
        var body = grid.ToPark(batch: 1, closedBy: T0).Single();
        grid.Park([body]);
        var due = grid.State.Parked[ids[0]].RatingDue;

        grid.BeginCommit(due, new Dictionary<string, long>());
        foreach (var id in grid.ParkedDue(due)) grid.Reinstate(body);
        Assert.Equal(1, grid.Tick(due));

        Assert.True(grid.Find(ids[0]).RatingExpired);
        Assert.Equal(1, grid.State.Counters.Total().NotRated);
        Assert.Null(grid.NextDeadline());
    }

    [Fact]
    public void A_body_that_is_not_the_parked_version_or_an_issue_no_longer_parked_is_refused()
    {
        var grid = NewGrid();
        Resolved(grid, 1, T0);
        var body = grid.ToPark(batch: 1, closedBy: T0).Single();
        grid.Park([body]);

        var stale = Clone(body);
        stale.Version--;
        Assert.Equal("issue.stale", Assert.Throws<DomainRuleException>(() => grid.Reinstate(stale)).Code);

        grid.State.Parked.Clear(); // settled and archived meanwhile
        Assert.Equal("issue.archived", Assert.Throws<DomainRuleException>(() => grid.Reinstate(body)).Code);
    }

    private static Issue Clone(Issue i) => new()
    {
        Id = i.Id, GridId = i.GridId, TrackingSecret = i.TrackingSecret, Category = i.Category, Channel = i.Channel, Sla = i.Sla,
        Title = i.Title, ReceivedAt = i.ReceivedAt, Status = i.Status, ClosedAt = i.ClosedAt, Version = i.Version,
    };
}
