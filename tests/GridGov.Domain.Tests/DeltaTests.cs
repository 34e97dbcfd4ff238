using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;

namespace GridGov.Domain.Tests;

/// <summary>
/// The outbox (numbering, merging within a commit, merged sending, pruning) and the inbox (judging, applying,
/// replacing after a gap), and the two together delivering each change exactly once.
/// </summary>
public class DeltaTests
{
    private const string Grid = "g1";
    private const string Community = "community:c1";
    private const string Deputy = "deputy:d1";
    private static readonly CellKey Roads = new("roads", IssueChannel.Hotline, SlaClass.General);
    private static readonly CellKey Water = new("water", IssueChannel.Online, SlaClass.Utilities);

    // ---- Outbox ----

    [Fact]
    public void Changes_of_one_commit_to_one_receiver_merge_into_one_delta()
    {
        var outbox = new Outbox();
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 1, commit: 5));
        outbox.Post(Grid, Community, Change(received: 2, cell: Water, commit: 5));
        outbox.Post(Grid, Community, Change(received: 4, commit: 5));

        var delta = Assert.Single(outbox.Queues[Community].Pending);
        Assert.Equal((1L, 1L), (delta.FromSeq, delta.ToSeq));
        Assert.Equal(7, delta.Counters.Month(202603).Received);
        Assert.Equal(5, delta.Counters.Months[202603][Roads].Received);
        Assert.Equal(2, delta.Counters.Months[202603][Water].Received);
        Assert.Equal(7, delta.Counters.Day(20260310).Received);
        Assert.Equal(5, delta.Origins[Grid]);
        Assert.Equal(1, outbox.Queues[Community].LastSeq);
    }

    [Fact]
    public void Each_commit_gets_the_next_number_and_a_sealed_delta_is_never_changed()
    {
        var outbox = new Outbox();
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 1, commit: 1));
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 2, commit: 2));
        outbox.Post(Grid, Community, Change(received: 3, commit: 2));
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 4, commit: 3));

        var pending = outbox.Queues[Community].Pending;
        Assert.Equal(new long[] { 1, 2, 3 }, pending.Select(d => d.FromSeq));
        Assert.Equal(new long[] { 1, 2, 3 }, pending.Select(d => d.ToSeq));
        Assert.Equal(new long[] { 1, 5, 4 }, pending.Select(d => d.Counters.Total().Received));
        Assert.Equal(new long[] { 1, 2, 3 }, pending.Select(d => d.Origins[Grid]));
        Assert.Equal(3, outbox.Queues[Community].LastSeq);
    }

    [Fact]
    public void Receivers_are_numbered_apart()
    {
        var outbox = new Outbox();
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 1, commit: 1));
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 1, commit: 2));
        outbox.Post(Grid, Deputy, Change(received: 1, commit: 2));

        Assert.Equal(2, outbox.Queues[Community].LastSeq);
        Assert.Equal(1, outbox.Queues[Deputy].LastSeq);
        Assert.Equal(1, outbox.Next(Grid, Deputy, 0)!.FromSeq);
    }

    [Fact]
    public void Next_merges_everything_not_yet_acknowledged_into_one_message_without_touching_the_outbox()
    {
        var outbox = ThreeCommits();

        var all = outbox.Next(Grid, Community, acknowledged: 0)!;
        Assert.Equal((Grid, 1L, 3L), (all.Sender, all.FromSeq, all.ToSeq));
        Assert.Equal(1 + 2 + 4, all.Counters.Total().Received);
        Assert.Equal(3, all.Origins[Grid]);
        Assert.Equal(new long[] { 1, 2, 4 }, outbox.Queues[Community].Pending.Select(d => d.Counters.Total().Received));

        var rest = outbox.Next(Grid, Community, acknowledged: 1)!;
        Assert.Equal((2L, 3L), (rest.FromSeq, rest.ToSeq));
        Assert.Equal(6, rest.Counters.Total().Received);

        Assert.Null(outbox.Next(Grid, Community, acknowledged: 3));
        Assert.Null(outbox.Next(Grid, "community:nobody", acknowledged: 0));
    }

    [Fact]
    public void Next_without_merging_gives_the_oldest_unacknowledged_delta_alone()
    {
        var outbox = ThreeCommits();

        var oldest = outbox.Next(Grid, Community, acknowledged: 0, merge: false)!;
        Assert.Equal((1L, 1L, 1L), (oldest.FromSeq, oldest.ToSeq, oldest.Counters.Total().Received));
        var after = outbox.Next(Grid, Community, acknowledged: 1, merge: false)!;
        Assert.Equal((2L, 2L, 2L), (after.FromSeq, after.ToSeq, after.Counters.Total().Received));
        Assert.Null(outbox.Next(Grid, Community, acknowledged: 3, merge: false));
    }

    [Fact]
    public void A_merged_resend_after_a_lost_answer_overlaps_and_is_a_gap_but_the_oldest_alone_is_a_duplicate()
    {
        // Commit 1 is sent and applied; the answer is lost; commit 2 is made before the resend.
        var outbox = new Outbox();
        var inbox = new Inbox();
        outbox.Seal();
        outbox.Post(Grid, Deputy, Change(received: 1, commit: 1));
        Assert.Equal(DeltaVerdict.Applied, inbox.Apply(outbox.Next(Grid, Deputy, 0)!));
        outbox.Seal();
        outbox.Post(Grid, Deputy, Change(received: 1, commit: 2));

        Assert.Equal(DeltaVerdict.Gap, inbox.Judge(outbox.Next(Grid, Deputy, 0)!));
        Assert.Equal(DeltaVerdict.Duplicate, inbox.Apply(outbox.Next(Grid, Deputy, 0, merge: false)!));
        Assert.Equal(DeltaVerdict.Applied, inbox.Apply(outbox.Next(Grid, Deputy, inbox.AppliedSeq(Grid))!));
        Assert.Equal(2, inbox.Sum().Total().Received);
    }

    [Fact]
    public void Next_carries_the_latest_card_and_removals()
    {
        var outbox = new Outbox();
        outbox.Seal();
        outbox.Post(Grid, Deputy, new Delta { Sender = Grid, Cards = { ["i1"] = Card("i1", IssueStatus.Assigned), ["i2"] = Card("i2", IssueStatus.Assigned) } });
        outbox.Seal();
        outbox.Post(Grid, Deputy, new Delta { Sender = Grid, Cards = { ["i1"] = Card("i1", IssueStatus.Responded) } });
        outbox.Seal();
        outbox.Post(Grid, Deputy, new Delta { Sender = Grid, Cards = { ["i2"] = null } });

        var merged = outbox.Next(Grid, Deputy, 0)!;
        Assert.Equal(IssueStatus.Responded, merged.Cards["i1"]!.Status);
        Assert.True(merged.Cards.ContainsKey("i2"));
        Assert.Null(merged.Cards["i2"]);
    }

    [Fact]
    public void Prune_drops_what_was_acknowledged_and_numbering_goes_on()
    {
        var outbox = ThreeCommits();

        outbox.Prune(new Dictionary<string, long> { [Community] = 2, ["community:other"] = 9 });
        Assert.Equal(3, Assert.Single(outbox.Queues[Community].Pending).FromSeq);

        outbox.Prune(new Dictionary<string, long> { [Community] = 3 });
        Assert.Empty(outbox.Queues[Community].Pending);
        Assert.True(outbox.IsEmpty);

        // An emptied queue keeps its number (the receiver remembers it), so the next delta is 4, not 1.
        outbox.Seal();
        Assert.True(outbox.Queues.ContainsKey(Community));
        outbox.Post(Grid, Community, Change(received: 1, commit: 4));
        Assert.Equal(4, Assert.Single(outbox.Queues[Community].Pending).FromSeq);
        Assert.Equal(4, outbox.Next(Grid, Community, 3)!.FromSeq);
    }

    [Fact]
    public void After_pruning_the_next_commit_starts_a_fresh_delta()
    {
        // Commit 1 posts; it is delivered and pruned at the start of commit 2; commit 2 posts afresh.
        var outbox = new Outbox();
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 1, commit: 1));
        outbox.Prune(new Dictionary<string, long> { [Community] = 1 });
        outbox.Seal();
        outbox.Post(Grid, Community, Change(received: 2, commit: 2));

        var delta = Assert.Single(outbox.Queues[Community].Pending);
        Assert.Equal((2L, 2L, 2L), (delta.FromSeq, delta.ToSeq, delta.Counters.Total().Received));
    }

    // ---- Inbox ----

    [Fact]
    public void Judge_tells_next_from_duplicate_from_gap()
    {
        var inbox = new Inbox();
        Assert.Equal(DeltaVerdict.Applied, inbox.Judge(Numbered(1, 1)));
        Assert.Equal(DeltaVerdict.Applied, inbox.Judge(Numbered(1, 3)));
        Assert.Equal(DeltaVerdict.Gap, inbox.Judge(Numbered(2, 2)));

        Assert.Equal(DeltaVerdict.Applied, inbox.Apply(Numbered(1, 2)));
        Assert.Equal(DeltaVerdict.Duplicate, inbox.Judge(Numbered(1, 1)));
        Assert.Equal(DeltaVerdict.Duplicate, inbox.Judge(Numbered(2, 2)));
        Assert.Equal(DeltaVerdict.Duplicate, inbox.Judge(Numbered(1, 2)));
        Assert.Equal(DeltaVerdict.Applied, inbox.Judge(Numbered(3, 3)));
        Assert.Equal(DeltaVerdict.Applied, inbox.Judge(Numbered(3, 9)));
        Assert.Equal(DeltaVerdict.Gap, inbox.Judge(Numbered(4, 4)));
        // A merged message that overlaps what was applied cannot be split: it is a gap, repaired by resynchronising.
        Assert.Equal(DeltaVerdict.Gap, inbox.Judge(Numbered(2, 3)));
        // Senders are counted apart.
        Assert.Equal(DeltaVerdict.Applied, inbox.Judge(Numbered(1, 1, sender: "g2")));
    }

    [Fact]
    public void Apply_adds_the_next_delta_once_and_ignores_duplicates_and_gaps()
    {
        var inbox = new Inbox();
        Assert.Equal(DeltaVerdict.Applied, inbox.Apply(Numbered(1, 1, received: 2, commit: 10)));
        Assert.Equal(DeltaVerdict.Duplicate, inbox.Apply(Numbered(1, 1, received: 2, commit: 10)));
        Assert.Equal(DeltaVerdict.Gap, inbox.Apply(Numbered(3, 3, received: 50, commit: 30)));
        Assert.Equal(DeltaVerdict.Applied, inbox.Apply(Numbered(2, 2, received: 3, commit: 20)));
        Assert.Equal(DeltaVerdict.Duplicate, inbox.Apply(Numbered(1, 2, received: 5, commit: 20)));

        Assert.Equal(2, inbox.AppliedSeq(Grid));
        Assert.Equal(5, inbox.Senders[Grid].Counters.Total().Received);
        Assert.Equal(5, inbox.Sum().Total().Received);
        Assert.Equal(20, inbox.Origins[Grid]);
        Assert.Equal(0, inbox.AppliedSeq("nobody"));
    }

    [Fact]
    public void Apply_keeps_cards_and_removes_them_on_null_and_origins_only_grow()
    {
        var inbox = new Inbox();
        inbox.Apply(new Delta { Sender = Grid, FromSeq = 1, ToSeq = 1, Cards = { ["i1"] = Card("i1", IssueStatus.Assigned), ["i2"] = Card("i2", IssueStatus.Assigned) }, Origins = { [Grid] = 7 } });
        inbox.Apply(new Delta { Sender = Grid, FromSeq = 2, ToSeq = 2, Cards = { ["i1"] = Card("i1", IssueStatus.Responded), ["i2"] = null }, Origins = { [Grid] = 6, ["g9"] = 1 } });

        var card = Assert.Single(inbox.Senders[Grid].Cards.Values);
        Assert.Equal(("i1", IssueStatus.Responded), (card.Id, card.Status));
        Assert.Equal(7, inbox.Origins[Grid]);
        Assert.Equal(1, inbox.Origins["g9"]);
    }

    [Fact]
    public void Sum_adds_up_the_senders()
    {
        var inbox = new Inbox();
        inbox.Apply(Numbered(1, 1, received: 2));
        inbox.Apply(Numbered(1, 1, received: 3, sender: "g2"));
        inbox.Apply(Numbered(2, 2, received: -1));

        Assert.Equal(4, inbox.Sum().Total().Received);
        Assert.Equal(1, inbox.Senders[Grid].Counters.Total().Received);
    }

    [Fact]
    public void Replace_puts_the_senders_account_in_place_and_returns_the_change_to_the_sum()
    {
        var inbox = new Inbox();
        inbox.Apply(new Delta
        {
            Sender = Grid, FromSeq = 1, ToSeq = 1, Counters = Counters(received: 40),
            Cards = { ["stale"] = Card("stale", IssueStatus.Assigned) }, Origins = { [Grid] = 3 },
        });
        inbox.Apply(Numbered(1, 1, received: 5, sender: "g2"));

        var truth = new CounterSet();
        truth.Add(Counters(received: 2));
        truth.Add(Counters(received: 1, cell: Water));
        var change = inbox.Replace(Grid, 6, truth, new Dictionary<string, IssueCard> { ["i1"] = Card("i1", IssueStatus.Resolved) }, new Dictionary<string, long> { [Grid] = 9 });

        Assert.Equal(3 - 40, change.Total().Received);
        Assert.Equal(2 - 40, change.Months[202603][Roads].Received);
        Assert.Equal(1, change.Months[202603][Water].Received);
        Assert.Equal(6, inbox.AppliedSeq(Grid));
        Assert.Equal(3, inbox.Senders[Grid].Counters.Total().Received);
        Assert.Equal(3 + 5, inbox.Sum().Total().Received);
        Assert.Equal("i1", Assert.Single(inbox.Senders[Grid].Cards.Keys));
        Assert.Equal(9, inbox.Origins[Grid]);
        // The account is a copy: the sender's set can change later without touching the inbox.
        truth.Add(Counters(received: 100));
        Assert.Equal(3, inbox.Senders[Grid].Counters.Total().Received);

        // Deltas go on from the number the sender gave.
        Assert.Equal(DeltaVerdict.Duplicate, inbox.Apply(Numbered(6, 6)));
        Assert.Equal(DeltaVerdict.Applied, inbox.Apply(Numbered(7, 7, received: 1)));
        Assert.Equal(4, inbox.Senders[Grid].Counters.Total().Received);
    }

    [Fact]
    public void Replace_with_the_ledgers_own_counters_keeps_them()
    {
        // A deputy resynchronises cards only and passes back the counters it holds: they must survive.
        var inbox = new Inbox();
        inbox.Apply(new Delta { Sender = Grid, FromSeq = 1, ToSeq = 1, Counters = Counters(received: 2), Cards = { ["i1"] = Card("i1", IssueStatus.Assigned) } });
        var kept = inbox.Senders[Grid].Counters;

        var change = inbox.Replace(Grid, 3, kept, inbox.Senders[Grid].Cards, new Dictionary<string, long>());

        Assert.True(change.IsEmpty);
        Assert.Equal(2, inbox.Senders[Grid].Counters.Total().Received);
        Assert.Equal("i1", Assert.Single(inbox.Senders[Grid].Cards.Keys));
        Assert.Equal(3, inbox.AppliedSeq(Grid));
    }

    [Fact]
    public void Replace_for_a_new_sender_returns_its_whole_account()
    {
        var inbox = new Inbox();
        var change = inbox.Replace(Grid, 2, Counters(received: 3), new Dictionary<string, IssueCard>(), new Dictionary<string, long>());
        Assert.Equal(3, change.Total().Received);
        Assert.Equal(2, inbox.AppliedSeq(Grid));
    }

    // ---- Together ----

    [Fact]
    public void Outbox_to_inbox_with_retries_and_lost_answers_applies_each_change_once()
    {
        var outbox = new Outbox();
        var inbox = new Inbox();
        long acknowledged = 0;
        var posted = 0L;

        for (var commit = 1; commit <= 6; commit++)
        {
            outbox.Prune(new Dictionary<string, long> { [Community] = acknowledged });
            outbox.Seal();
            outbox.Post(Grid, Community, Change(received: commit, commit: commit));
            outbox.Post(Grid, Community, Change(received: 1, cell: Water, commit: commit));
            posted += commit + 1;

            // Every other commit the message goes out; every third answer is lost and the message is sent again.
            if (commit % 2 != 0) continue;
            var message = outbox.Next(Grid, Community, acknowledged)!;
            var verdict = inbox.Apply(message);
            Assert.Equal(DeltaVerdict.Applied, verdict);
            if (commit % 3 != 0)
            {
                acknowledged = inbox.AppliedSeq(Grid);
                continue;
            }
            var resent = outbox.Next(Grid, Community, acknowledged)!;
            Assert.Equal(DeltaVerdict.Duplicate, inbox.Apply(resent));
            acknowledged = inbox.AppliedSeq(Grid);
        }

        Assert.Equal(6, acknowledged);
        Assert.Null(outbox.Next(Grid, Community, acknowledged));
        Assert.Equal(posted, inbox.Sum().Total().Received);
        Assert.Equal(6, inbox.Sum().Months[202603][Water].Received);
        Assert.Equal(6, inbox.Origins[Grid]);
    }

    private static Outbox ThreeCommits()
    {
        var outbox = new Outbox();
        var received = new[] { 1, 2, 4 };
        for (var commit = 1; commit <= 3; commit++)
        {
            outbox.Seal();
            outbox.Post(Grid, Community, Change(received: received[commit - 1], commit: commit));
        }
        return outbox;
    }

    private static Delta Change(int received, long commit, CellKey? cell = null) =>
        new() { Sender = Grid, Counters = Counters(received, cell), Origins = { [Grid] = commit } };

    private static Delta Numbered(long from, long to, int received = 1, long commit = 1, string sender = Grid) =>
        new() { Sender = sender, FromSeq = from, ToSeq = to, Counters = Counters(received), Origins = { [sender] = commit } };

    private static CounterSet Counters(int received, CellKey? cell = null)
    {
        var set = new CounterSet();
        set.Add(202603, 20260310, cell ?? Roads, new Tally { Received = received }, +1);
        return set;
    }

    private static IssueCard Card(string id, IssueStatus status) =>
        new(id, "g1", "Lamp out", "roads", status, null, false, 1);
}
