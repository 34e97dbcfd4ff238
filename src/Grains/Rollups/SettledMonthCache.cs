using System.Collections.Concurrent;
using GridGov.Grains.Archive;

namespace GridGov.Grains.Rollups;

/// <summary>
/// Settled grid periods as rollups last read them, per silo. A period of a grid is "final" when none of its months is
/// held and it has ended: a stored grid-month never changes (a month is stored once none of its issues is held, and
/// nothing can touch its counters after that), so the grid's stored years, as read then, answer every later rollup of
/// that period without a storage call, until the stored data is replaced wholesale, as a re-replay does: call
/// <see cref="Invalidate"/> then (on every silo). Whole rollups built from final periods only are kept too.
/// Entries are shared with readers: never modify what this returns.
/// </summary>
public sealed class SettledMonthCache
{
    // Packed: a million-issue district year is some 14 MB here, not hundreds of MB of tallies.
    private readonly ConcurrentDictionary<(string Grid, int From, int To), IReadOnlyList<PackedGridYear>> _final = new();
    // One copy of a stored year for all the periods read from it (a year, its quarters, its months).
    private readonly ConcurrentDictionary<(string Grid, int Year), PackedGridYear> _years = new();
    private readonly ConcurrentDictionary<(string District, int From, int To), (object Structure, DistrictRollup Rollup, long Generation)> _built = new();
    private long _generation;

    /// <summary>Taken before reading storage; a fill from an older generation is dropped (see <see cref="Invalidate"/>).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Final grid periods held.</summary>
    public int Count => _final.Count;

    /// <summary>A whole rollup built from final periods only, for the same structure (the same object), if any.</summary>
    public DistrictRollup? Built(string districtId, int fromMonth, int toMonth, object structure) =>
        _built.TryGetValue((districtId, fromMonth, toMonth), out var b) && ReferenceEquals(b.Structure, structure) && b.Generation == Generation
            ? b.Rollup : null;

    /// <summary>Remembers a rollup built from final periods only: it cannot change until the structure or the stored data does.</summary>
    public void PutBuilt(string districtId, object structure, DistrictRollup rollup, long generation)
    {
        if (generation == Generation) _built[(districtId, rollup.Period.FromMonth, rollup.Period.ToMonth)] = (structure, rollup, generation);
    }

    /// <summary>Forgets one grid's periods (or every grid's, with null): call after stored grid-months were rewritten or deleted.</summary>
    public void Invalidate(string? gridId = null)
    {
        Interlocked.Increment(ref _generation);
        _built.Clear();
        if (gridId is null)
        {
            _final.Clear();
            _years.Clear();
            return;
        }
        foreach (var key in _final.Keys.Where(k => k.Grid == gridId)) _final.TryRemove(key, out _);
        foreach (var key in _years.Keys.Where(k => k.Grid == gridId)) _years.TryRemove(key, out _);
    }

    public bool IsFinal(string gridId, int fromMonth, int toMonth) => _final.ContainsKey((gridId, fromMonth, toMonth));

    /// <summary>The grid's stored years covering <c>[from, to]</c>, if that period is final.</summary>
    public bool TryGetFinal(string gridId, int fromMonth, int toMonth, out IReadOnlyList<PackedGridYear> years) =>
        _final.TryGetValue((gridId, fromMonth, toMonth), out years!);

    /// <summary>Remembers that <c>[from, to]</c> of the grid is final, as <paramref name="years"/> hold it.</summary>
    public void PutFinal(string gridId, int fromMonth, int toMonth, IReadOnlyList<PackedGridYear> years, long generation)
    {
        if (generation != Generation) return;
        _final[(gridId, fromMonth, toMonth)] = years
            .Select(y => _years.AddOrUpdate((gridId, y.Year), y, (_, known) => known.SameAs(y) ? known : y)).ToList();
        // An invalidation that raced with this fill wins: drop what was just added.
        if (generation != Generation) Invalidate(gridId);
    }
}
