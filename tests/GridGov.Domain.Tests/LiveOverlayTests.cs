using GridGov.Grains.Live;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;

namespace GridGov.Domain.Tests;

/// <summary>
/// The live overlay: hints count until the aggregate's own origins cover them, a hint heard again or contained in
/// one already shown adds nothing, a merged hint replaces the ones it contains, and stale hints expire.
/// </summary>
public class LiveOverlayTests
{
    private const string Grid = "g1";
    private const string Other = "g2";
    private const string Child = "community:c1";
    private static readonly CellKey Roads = new("roads", IssueChannel.Hotline, SlaClass.General);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, long> Nothing = [];

    [Fact]
    public void A_hint_counts_until_the_origins_cover_its_commit()
    {
        var overlay = new LiveOverlay();
        Assert.True(overlay.Add(Child, Grid, 1, 1, commit: 4, Received(2), Nothing, Now));
        Assert.True(overlay.Add(Child, Grid, 2, 2, commit: 6, Received(3), Nothing, Now));

        Assert.Equal(5, Total(overlay.Ahead(Nothing)));
        Assert.Equal(3, Total(overlay.Ahead(Held(Grid, 4))));
        Assert.Equal(0, Total(overlay.Ahead(Held(Grid, 6))));
        Assert.Equal(5, Total(overlay.Ahead(Held(Other, 9)))); // another grid's origins cover nothing of g1

        overlay.Prune(Held(Grid, 4), Now);
        Assert.Equal(3, Total(overlay.Ahead(Nothing)));
        overlay.Prune(Held(Grid, 6), Now);
        Assert.True(overlay.IsEmpty);
    }

    [Fact]
    public void A_hint_already_held_is_refused()
    {
        var overlay = new LiveOverlay();
        Assert.False(overlay.Add(Child, Grid, 3, 3, commit: 5, Received(1), Held(Grid, 5), Now));
        Assert.True(overlay.IsEmpty);
    }

    [Fact]
    public void A_hint_heard_again_or_contained_in_a_shown_one_adds_nothing()
    {
        var overlay = new LiveOverlay();
        Assert.True(overlay.Add(Child, Grid, 3, 5, commit: 9, Received(6), Nothing, Now));
        Assert.False(overlay.Add(Child, Grid, 3, 5, commit: 9, Received(6), Nothing, Now)); // a resent delta
        Assert.False(overlay.Add(Child, Grid, 3, 3, commit: 7, Received(1), Nothing, Now)); // its oldest part, resent alone
        Assert.Equal(6, Total(overlay.Ahead(Nothing)));
    }

    [Fact]
    public void A_merged_hint_replaces_the_hints_it_contains()
    {
        var overlay = new LiveOverlay();
        overlay.Add(Child, Grid, 3, 3, commit: 7, Received(1), Nothing, Now); // in flight
        overlay.Add(Child, Grid, 4, 4, commit: 8, Received(2), Nothing, Now); // told ahead while 3 was in flight
        overlay.Add(Child, Grid, 5, 5, commit: 9, Received(4), Nothing, Now);
        Assert.Equal(7, Total(overlay.Ahead(Nothing)));

        // 3 is stored; 4 and 5 come merged into one delta: the same change, once.
        Assert.True(overlay.Add(Child, Grid, 4, 5, commit: 9, Received(6), Held(Grid, 7), Now));
        Assert.Equal(6, Total(overlay.Ahead(Held(Grid, 7))));
    }

    [Fact]
    public void Hints_are_summed_per_child_they_came_through()
    {
        var overlay = new LiveOverlay();
        overlay.Add("community:c1", Grid, 1, 1, commit: 1, Received(2), Nothing, Now);
        overlay.Add("community:c2", Other, 1, 1, commit: 3, Received(5), Nothing, Now);

        var ahead = overlay.Ahead(Nothing);
        Assert.Equal(2, ahead["community:c1"].Sum(c => c.Total().Received));
        Assert.Equal(5, ahead["community:c2"].Sum(c => c.Total().Received));
    }

    [Fact]
    public void A_hint_whose_durable_copy_never_comes_expires()
    {
        var overlay = new LiveOverlay();
        overlay.Add(Child, Grid, 1, 1, commit: 1, Received(2), Nothing, Now);
        overlay.Prune(Nothing, Now + LiveOverlay.Lifetime);
        Assert.False(overlay.IsEmpty);
        overlay.Prune(Nothing, Now + LiveOverlay.Lifetime + TimeSpan.FromSeconds(1));
        Assert.True(overlay.IsEmpty);
    }

    private static Dictionary<string, long> Held(string grid, long commit) => new() { [grid] = commit };

    private static long Total(Dictionary<string, List<CounterSet>> byChild) => byChild.Values.SelectMany(c => c).Sum(c => c.Total().Received);

    private static CounterSet Received(int received)
    {
        var set = new CounterSet();
        set.Add(202603, 20260310, Roads, new Tally { Received = received }, +1);
        return set;
    }
}
