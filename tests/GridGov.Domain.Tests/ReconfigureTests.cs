using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using static GridGov.Domain.Tests.IssueBuilder;

namespace GridGov.Domain.Tests;

/// <summary>A re-import gives a grid a new profile: issues of deputies who left the grid move on, the others stay.</summary>
public sealed class ReconfigureTests
{
    private const string Neighbour = "deputy-of-the-next-grid";

    private static GridProfile Profile(IReadOnlyList<string> deputies) =>
        new("grid-a", "Grid A", "Grid A", "district-1", "street-1", "community-1", deputies, CommunityDeputies: [Neighbour]);

    [Fact]
    public void An_issue_a_community_deputy_took_stays_with_them_when_the_grid_is_configured_again()
    {
        // The grid's only deputy is on leave: the community's other deputy takes the issue.
        var grid = new GridBook(new GridState { Profile = Profile([Deputy]) }, SlaPolicy.Default);
        DeputyLoad[] loads = [new(Deputy, 0, Available: false), new(Neighbour, 3)];
        grid.BeginCommit(T0, new Dictionary<string, long>());
        var (id, _) = grid.Submit(Input(), null, T0, loads);
        Assert.Equal(Neighbour, grid.Find(id).DeputyId);

        // The same profile imported again, the grid's deputy back: nothing moves.
        var history = grid.Find(id).History.Count;
        DeputyLoad[] back = [new(Deputy, 0), new(Neighbour, 3)];
        grid.BeginCommit(T0.AddHours(1), new Dictionary<string, long>());
        var moved = grid.Configure(Profile([Deputy]), T0.AddHours(1), back);

        Assert.Empty(moved);
        Assert.Equal(Neighbour, grid.Find(id).DeputyId);
        Assert.Equal(history, grid.Find(id).History.Count);
    }

    [Fact]
    public void An_issue_of_a_deputy_who_left_the_grid_goes_to_one_who_is_there()
    {
        var grid = new GridBook(new GridState { Profile = Profile([Deputy]) }, SlaPolicy.Default);
        DeputyLoad[] loads = [new(Deputy, 0), new(OtherDeputy, 0), new(Neighbour, 3)];
        grid.BeginCommit(T0, new Dictionary<string, long>());
        var (id, _) = grid.Submit(Input(), null, T0, loads);
        Assert.Equal(Deputy, grid.Find(id).DeputyId);

        grid.BeginCommit(T0.AddHours(1), new Dictionary<string, long>());
        var moved = grid.Configure(Profile([OtherDeputy]), T0.AddHours(1), loads);

        Assert.Equal([id], moved.Select(i => i.Id));
        Assert.Equal(OtherDeputy, grid.Find(id).DeputyId);
    }
}
