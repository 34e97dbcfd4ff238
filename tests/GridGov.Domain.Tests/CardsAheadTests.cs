using GridGov.Grains.Live;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;

namespace GridGov.Domain.Tests;

/// <summary>
/// A deputy's cards heard of ahead of its stored inbox: each change is news once, an older or repeated message never
/// shows an older card, the overlay is what the screens were shown, and storing the delta retires the entry.
/// </summary>
public class CardsAheadTests
{
    private const string Grid = "g1";
    private const string Other = "g2";

    [Fact]
    public void A_delta_s_cards_are_news_once_and_not_once_stored()
    {
        var ahead = new CardsAhead();
        var inbox = new Inbox();
        var delta = Delta(Grid, 1, Card("g1-1", IssueStatus.Assigned, 1));

        Assert.Equal(["g1-1"], ahead.Take(Grid, 1, delta.Cards, inbox).Keys);
        Assert.Empty(ahead.Take(Grid, 1, delta.Cards, inbox)); // the same delta again (a retry)

        inbox.Apply(delta);
        ahead.Prune(inbox);
        Assert.Equal(0, ahead.Count);
        Assert.Empty(new CardsAhead().Take(Grid, 1, delta.Cards, inbox)); // stored already: nothing to show
    }

    [Fact]
    public void A_later_delta_wins_over_an_earlier_one_arriving_after_it()
    {
        var ahead = new CardsAhead();
        var inbox = new Inbox();
        var assigned = Delta(Grid, 1, Card("g1-1", IssueStatus.Assigned, 1));
        var responded = Delta(Grid, 2, Card("g1-1", IssueStatus.Responded, 2));

        Assert.Single(ahead.Take(Grid, 2, responded.Cards, inbox)); // told ahead while delta 1 is in flight
        Assert.Empty(ahead.Take(Grid, 1, assigned.Cards, inbox));   // delta 1 arrives after: nothing older is shown

        Assert.Equal(IssueStatus.Responded, Assert.Single(ahead.Over(inbox)).Status);
        inbox.Apply(assigned);
        ahead.Prune(inbox);
        // Stored up to delta 1 only: the card from delta 2 is still ahead and still what is shown.
        Assert.Equal(IssueStatus.Responded, Assert.Single(ahead.Over(inbox)).Status);
        inbox.Apply(responded);
        ahead.Prune(inbox);
        Assert.Equal(0, ahead.Count);
        Assert.Equal(IssueStatus.Responded, Assert.Single(ahead.Over(inbox)).Status);
    }

    [Fact]
    public void The_overlay_adds_changes_and_removes_issues_that_left_the_deputy()
    {
        var ahead = new CardsAhead();
        var inbox = new Inbox();
        inbox.Apply(Delta(Grid, 1, Card("g1-1", IssueStatus.Assigned, 1), Card("g1-2", IssueStatus.Assigned, 1)));
        inbox.Apply(Delta(Other, 1, Card("g2-1", IssueStatus.Assigned, 1)));

        var news = ahead.Take(Grid, 2, new Dictionary<string, IssueCard?> { ["g1-1"] = null, ["g1-3"] = Card("g1-3", IssueStatus.Assigned, 1) }, inbox);

        Assert.Equal(["g1-1", "g1-3"], news.Keys.Order());
        Assert.Null(news["g1-1"]);
        Assert.Equal(["g1-2", "g1-3", "g2-1"], ahead.Over(inbox).Select(c => c.Id).Order());
    }

    [Fact]
    public void An_inbox_replaced_after_a_gap_retires_what_it_covers()
    {
        var ahead = new CardsAhead();
        var inbox = new Inbox();
        ahead.Take(Grid, 3, new Dictionary<string, IssueCard?> { ["g1-1"] = Card("g1-1", IssueStatus.Responded, 3) }, inbox);

        inbox.Replace(Grid, 5, new CounterSet(), new Dictionary<string, IssueCard> { ["g1-1"] = Card("g1-1", IssueStatus.Resolved, 4) }, new Dictionary<string, long>());
        ahead.Prune(inbox);

        Assert.Equal(0, ahead.Count);
        Assert.Equal(IssueStatus.Resolved, Assert.Single(ahead.Over(inbox)).Status);
    }

    private static Delta Delta(string sender, long seq, params IssueCard[] cards)
    {
        var delta = new Delta { Sender = sender, FromSeq = seq, ToSeq = seq };
        foreach (var c in cards) delta.Cards[c.Id] = c;
        return delta;
    }

    private static IssueCard Card(string id, IssueStatus status, int version) =>
        new(id, id[..2], "title", "roads", status, null, false, version);
}
