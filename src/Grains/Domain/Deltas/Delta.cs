namespace GridGov.Grains.Domain.Deltas;

/// <summary>
/// A numbered change from a sender (a grid or an aggregate) to one receiver. Numbers run per sender and
/// receiver; a merged delta covers <see cref="FromSeq"/>..<see cref="ToSeq"/>. <see cref="Origins"/> says up to
/// which commit of each grid the change reaches, so a reader can tell whether it covers a given commit.
/// </summary>
[GenerateSerializer]
public sealed class Delta
{
    [Id(0)] public required string Sender { get; init; }
    [Id(1)] public long FromSeq { get; set; }
    [Id(2)] public long ToSeq { get; set; }
    [Id(3)] public CounterSet Counters { get; init; } = new();
    /// <summary>Issue id -> its card now, or null when it left the receiver (deputies only).</summary>
    [Id(4)] public Dictionary<string, IssueCard?> Cards { get; init; } = [];
    /// <summary>Grid id -> the grid commit this change reaches.</summary>
    [Id(5)] public Dictionary<string, long> Origins { get; init; } = [];

    /// <summary>Folds a later delta into this one.</summary>
    public void Merge(Delta later)
    {
        Counters.Add(later.Counters);
        foreach (var (id, card) in later.Cards) Cards[id] = card;
        foreach (var (grid, commit) in later.Origins) Origins[grid] = Math.Max(commit, Origins.GetValueOrDefault(grid));
        ToSeq = Math.Max(ToSeq, later.ToSeq);
    }
}
