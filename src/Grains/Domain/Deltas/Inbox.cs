namespace GridGov.Grains.Domain.Deltas;

/// <summary>What a receiver does with an incoming delta.</summary>
public enum DeltaVerdict
{
    /// <summary>The next in line: applied.</summary>
    Applied,
    /// <summary>Already applied (a retry or a duplicate): ignored.</summary>
    Duplicate,
    /// <summary>Something before it is missing: the receiver must resynchronise with the sender.</summary>
    Gap,
}

/// <summary>
/// A receiver's record of each sender: the last sequence number applied and the sender's whole contribution,
/// so that a gap is repaired by replacing one sender's contribution with a fresh one.
/// </summary>
[GenerateSerializer]
public sealed class Inbox
{
    [Id(0)] public Dictionary<string, SenderLedger> Senders { get; init; } = [];
    /// <summary>Grid id -> the newest grid commit applied here (directly or through children).</summary>
    [Id(1)] public Dictionary<string, long> Origins { get; init; } = [];

    public long AppliedSeq(string sender) => Senders.TryGetValue(sender, out var l) ? l.Seq : 0;

    public DeltaVerdict Judge(Delta delta)
    {
        var applied = AppliedSeq(delta.Sender);
        if (delta.ToSeq <= applied) return DeltaVerdict.Duplicate;
        return delta.FromSeq == applied + 1 ? DeltaVerdict.Applied : DeltaVerdict.Gap;
    }

    /// <summary>Applies <paramref name="delta"/> if it is next; returns the verdict. Duplicates and gaps change nothing.</summary>
    public DeltaVerdict Apply(Delta delta)
    {
        var verdict = Judge(delta);
        if (verdict != DeltaVerdict.Applied) return verdict;
        var ledger = Ledger(delta.Sender);
        ledger.Seq = delta.ToSeq;
        ledger.Counters.Add(delta.Counters);
        foreach (var (id, card) in delta.Cards)
            if (card is null) ledger.Cards.Remove(id); else ledger.Cards[id] = card;
        MergeOrigins(delta.Origins);
        return verdict;
    }

    /// <summary>Replaces a sender's whole contribution (after a gap) and returns the change it made to the sum.
    /// The new contribution may be the ledger's own (a deputy keeps its counters): it is copied before the ledger is cleared.</summary>
    public CounterSet Replace(string sender, long seq, CounterSet counters, IReadOnlyDictionary<string, IssueCard> cards, IReadOnlyDictionary<string, long> origins)
    {
        var ledger = Ledger(sender);
        var fresh = counters.Copy();
        var freshCards = cards.ToList();
        var change = fresh.Copy();
        change.Add(ledger.Counters, -1);
        ledger.Seq = seq;
        ledger.Counters.Months.Clear();
        ledger.Counters.Days.Clear();
        ledger.Counters.Add(fresh);
        ledger.Cards.Clear();
        foreach (var (id, card) in freshCards) ledger.Cards[id] = card;
        MergeOrigins(origins);
        return change;
    }

    public CounterSet Sum()
    {
        var sum = new CounterSet();
        foreach (var l in Senders.Values) sum.Add(l.Counters);
        return sum;
    }

    private SenderLedger Ledger(string sender)
    {
        if (!Senders.TryGetValue(sender, out var l)) Senders[sender] = l = new SenderLedger();
        return l;
    }

    private void MergeOrigins(IReadOnlyDictionary<string, long> origins)
    {
        foreach (var (grid, commit) in origins) Origins[grid] = Math.Max(commit, Origins.GetValueOrDefault(grid));
    }
}

[GenerateSerializer]
public sealed class SenderLedger
{
    [Id(0)] public long Seq { get; set; }
    [Id(1)] public CounterSet Counters { get; init; } = new();
    [Id(2)] public Dictionary<string, IssueCard> Cards { get; init; } = [];
}
