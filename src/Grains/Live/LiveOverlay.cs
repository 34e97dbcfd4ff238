using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Live;

/// <summary>
/// What an aggregate shows live ahead of its own inbox: grid deltas heard of (as hints) before they reach it
/// through the durable path (grid -> community -> street -> district, one storage write per hop). Kept in memory
/// only, never stored, and never forwarded as counters of record.
///
/// Why this is safe to show: a hint is made from a delta in a grid's committed outbox, so the change is already
/// durable at the grid, and the grid resends it until its community has stored it, from where it climbs the
/// durable path. Each hint names its grid, the grid commit it reaches, and its numbers on the grid -> community
/// link; the aggregate's inbox says up to which commit of each grid it holds (its origins), so a hint counts
/// exactly until the durable path brings the same change. Hints of one grid are the link's deltas, merged or
/// not, so two of them are either disjoint or one contains the other: a hint heard again, or contained in one
/// already shown, adds nothing, and a merged one replaces those it contains. A hint whose durable copy never
/// arrives (a receiver lost it and resynchronised) is dropped after <see cref="Lifetime"/>.
/// </summary>
public sealed class LiveOverlay
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Hint(string Child, long FromSeq, long ToSeq, long Commit, CounterSet Change, DateTimeOffset At);

    /// <summary>Grid id -> the hints of that grid not yet covered.</summary>
    private readonly Dictionary<string, List<Hint>> _grids = [];

    public bool IsEmpty => _grids.Count == 0;

    /// <summary>
    /// Takes a hint that came through <paramref name="child"/>: <paramref name="change"/> of <paramref name="grid"/>,
    /// its deltas <paramref name="fromSeq"/>..<paramref name="toSeq"/> to its community, up to grid commit
    /// <paramref name="commit"/>. False if it adds nothing: <paramref name="held"/> (the origins the aggregate
    /// holds) covers it, or a hint already shown contains it.
    /// </summary>
    public bool Add(string child, string grid, long fromSeq, long toSeq, long commit, CounterSet change,
        IReadOnlyDictionary<string, long> held, DateTimeOffset now)
    {
        if (commit <= held.GetValueOrDefault(grid)) return false;
        if (!_grids.TryGetValue(grid, out var hints)) _grids[grid] = hints = [];
        if (hints.Any(h => h.FromSeq <= fromSeq && toSeq <= h.ToSeq)) return false;
        hints.RemoveAll(h => fromSeq <= h.FromSeq && h.ToSeq <= toSeq);
        hints.Add(new Hint(child, fromSeq, toSeq, commit, change, now));
        return true;
    }

    /// <summary>Forgets hints that <paramref name="stored"/> (the origins in storage) covers, and expired ones.</summary>
    public void Prune(IReadOnlyDictionary<string, long> stored, DateTimeOffset now)
    {
        List<string>? emptied = null;
        foreach (var (grid, hints) in _grids)
        {
            var upTo = stored.GetValueOrDefault(grid);
            hints.RemoveAll(h => h.Commit <= upTo || now - h.At > Lifetime);
            if (hints.Count == 0) (emptied ??= []).Add(grid);
        }
        if (emptied is not null) foreach (var grid in emptied) _grids.Remove(grid);
    }

    /// <summary>
    /// The changes of the hints <paramref name="held"/> does not cover yet, by the child they came through. Not summed:
    /// a publication reads only the year, today and the trend days of each, and at the district a few seconds of
    /// traffic are hundreds of hints, whose summing into counter sets cost more than the rest of a publication.
    /// </summary>
    public Dictionary<string, List<CounterSet>> Ahead(IReadOnlyDictionary<string, long> held)
    {
        var byChild = new Dictionary<string, List<CounterSet>>();
        foreach (var (grid, hints) in _grids)
        {
            var upTo = held.GetValueOrDefault(grid);
            foreach (var hint in hints)
            {
                if (hint.Commit <= upTo) continue;
                if (!byChild.TryGetValue(hint.Child, out var changes)) byChild[hint.Child] = changes = [];
                changes.Add(hint.Change);
            }
        }
        return byChild;
    }
}
