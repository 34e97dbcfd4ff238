using System.Collections.Concurrent;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Rollups;

/// <summary>
/// Settled grid-months as rollups last read them, per silo. A stored grid-month never changes (a month is stored
/// once none of its issues is held, and nothing can touch its counters after that), so an entry stays valid until
/// the stored data is replaced wholesale, as a re-replay does: call <see cref="Invalidate"/> then (on every silo).
/// A grid's period is marked "final" when none of its months is held and the period has ended: then it is read
/// from here without any storage call. Entries are shared with readers: never modify what this returns.
/// </summary>
public sealed class SettledMonthCache
{
    private readonly ConcurrentDictionary<(string Grid, int Month), StoredMonth> _months = new();
    private readonly ConcurrentDictionary<(string Grid, int From, int To), bool> _final = new();
    private long _generation;

    /// <summary>Taken before reading storage; a fill from an older generation is dropped (see <see cref="Invalidate"/>).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _months.Count;

    private readonly ConcurrentDictionary<(string District, int From, int To), (object Structure, DistrictRollup Rollup, long Generation)> _built = new();

    /// <summary>A whole rollup built from final periods only, for the same structure (the same object), if any.</summary>
    public DistrictRollup? Built(string districtId, int fromMonth, int toMonth, object structure) =>
        _built.TryGetValue((districtId, fromMonth, toMonth), out var b) && ReferenceEquals(b.Structure, structure) && b.Generation == Generation
            ? b.Rollup : null;

    /// <summary>Remembers a rollup built from final periods only: it cannot change until the structure or the stored data does.</summary>
    public void PutBuilt(string districtId, object structure, DistrictRollup rollup, long generation)
    {
        if (generation == Generation) _built[(districtId, rollup.Period.FromMonth, rollup.Period.ToMonth)] = (structure, rollup, generation);
    }

    /// <summary>Forgets one grid's months (or every grid's, with null): call after stored grid-months were rewritten or deleted.</summary>
    public void Invalidate(string? gridId = null)
    {
        Interlocked.Increment(ref _generation);
        _built.Clear();
        if (gridId is null)
        {
            _final.Clear();
            _months.Clear();
            return;
        }
        foreach (var key in _final.Keys.Where(k => k.Grid == gridId)) _final.TryRemove(key, out _);
        foreach (var key in _months.Keys.Where(k => k.Grid == gridId)) _months.TryRemove(key, out _);
    }

    public bool IsFinal(string gridId, int fromMonth, int toMonth) => _final.ContainsKey((gridId, fromMonth, toMonth));

    /// <summary>The grid's stored months of <c>[from, to]</c>, if that period is known to need no storage read.</summary>
    public bool TryGetFinal(string gridId, int fromMonth, int toMonth, out IReadOnlyDictionary<int, StoredMonth> months)
    {
        months = null!;
        if (!_final.ContainsKey((gridId, fromMonth, toMonth))) return false;
        var found = new Dictionary<int, StoredMonth>();
        for (var m = fromMonth; m <= toMonth; m = DistrictCalendar.AddMonths(m, 1))
            if (_months.TryGetValue((gridId, m), out var month)) found[m] = month;
        months = found;
        return true;
    }

    /// <summary>Remembers stored months; with <paramref name="final"/>, that <c>[from, to]</c> is complete in them.</summary>
    public void Put(string gridId, int fromMonth, int toMonth, IReadOnlyDictionary<int, StoredMonth> stored, bool final, long generation)
    {
        if (generation != Generation) return;
        foreach (var (month, data) in stored) _months[(gridId, month)] = data;
        if (final) _final[(gridId, fromMonth, toMonth)] = true;
        // An invalidation that raced with this fill wins: drop what was just added.
        if (generation != Generation) Invalidate(gridId);
    }
}

/// <summary>One stored grid-month: its cells (null if none) and its month-end snapshot (null if none).</summary>
public sealed record StoredMonth(Dictionary<CellKey, Tally>? Cells, Dictionary<int, OpenCount>? MonthEnd);
