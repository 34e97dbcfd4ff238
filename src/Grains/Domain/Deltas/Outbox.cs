namespace GridGov.Grains.Domain.Deltas;

/// <summary>
/// Deltas waiting for their receivers, saved in the sender's state in the same write as the change that made
/// them. Delivered in order after the commit, one message in flight per receiver. Changes of one commit to
/// one receiver merge into one delta; committed deltas are never rewritten (one may be in flight), and the
/// sender merges all pending ones into one message when it sends. Delivered ones are pruned later.
/// </summary>
[GenerateSerializer]
public sealed class Outbox
{
    [Id(0)] public Dictionary<string, OutboxQueue> Queues { get; init; } = [];

    public bool IsEmpty => Queues.Values.All(q => q.Pending.Count == 0);

    /// <summary>Starts a commit: deltas made from here on are new; earlier ones are sealed.</summary>
    public void Seal()
    {
        foreach (var q in Queues.Values) q.SealedSeq = q.LastSeq;
        foreach (var r in Queues.Where(q => q.Value.Pending.Count == 0 && q.Value.LastSeq == 0).Select(q => q.Key).ToList()) Queues.Remove(r);
    }

    /// <summary>Adds a change for <paramref name="receiver"/>, merged into this commit's delta to it if there is one.</summary>
    public void Post(string sender, string receiver, Delta change)
    {
        if (!Queues.TryGetValue(receiver, out var q)) Queues[receiver] = q = new OutboxQueue();
        q.Post(sender, change);
    }

    /// <summary>
    /// All that <paramref name="receiver"/> has not acknowledged, merged into one message; null if nothing. Without
    /// <paramref name="merge"/>, only the oldest of it: when the sender does not know how far the receiver got (its
    /// answer was lost, or the sender restarted), a merged message could overlap what the receiver applied, which
    /// the receiver can only treat as a gap; a single delta is always either next or a duplicate.
    /// </summary>
    public Delta? Next(string sender, string receiver, long acknowledged, bool merge = true)
    {
        if (!Queues.TryGetValue(receiver, out var q)) return null;
        Delta? merged = null;
        foreach (var d in q.Pending.Where(d => d.ToSeq > acknowledged))
        {
            merged ??= new Delta { Sender = sender, FromSeq = d.FromSeq, ToSeq = d.FromSeq };
            merged.Merge(d);
            if (!merge) break;
        }
        return merged;
    }

    /// <summary>Drops what each receiver has acknowledged.</summary>
    public void Prune(IReadOnlyDictionary<string, long> acknowledged)
    {
        foreach (var (receiver, upTo) in acknowledged)
            if (Queues.TryGetValue(receiver, out var q)) q.Pending.RemoveAll(d => d.ToSeq <= upTo);
    }
}

[GenerateSerializer]
public sealed class OutboxQueue
{
    [Id(0)] public long LastSeq { get; set; }
    [Id(1)] public List<Delta> Pending { get; init; } = [];
    /// <summary>The last number of earlier commits: deltas up to it are never changed again.</summary>
    [Id(2)] public long SealedSeq { get; set; }

    public void Post(string sender, Delta change)
    {
        var tail = Pending.Count > 0 ? Pending[^1] : null;
        if (tail is not null && tail.FromSeq > SealedSeq)
        {
            tail.Merge(change);
            return;
        }
        var seq = ++LastSeq;
        Pending.Add(new Delta { Sender = sender, FromSeq = seq, ToSeq = seq, Counters = change.Counters, Cards = change.Cards, Origins = change.Origins });
    }
}
