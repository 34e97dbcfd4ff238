using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// A grid's counters of settled months, one entity per grid and month (with that month's end snapshot of open issues),
/// and one "held" marker per grid naming the months its grain still holds: what rollups read.
/// </summary>
public interface IGridMonthStore
{
    /// <summary>Stores <paramref name="month"/>'s cells of <paramref name="counters"/> and the snapshot taken at its end.</summary>
    Task Save(string gridId, int month, CounterSet counters, IReadOnlyDictionary<int, OpenCount>? monthEnd = null, CancellationToken ct = default);

    /// <summary>Replaces the grid's marker of held months (months whose counters are not, or not only, in storage).</summary>
    Task SaveHeld(string gridId, IReadOnlyCollection<int> months, CancellationToken ct = default);

    /// <summary>The stored months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> inclusive, as one counter set.</summary>
    Task<CounterSet> Load(string gridId, int fromMonth, int toMonth, CancellationToken ct = default);

    /// <summary>Deletes the grid's months of <paramref name="year"/> (a replayed year about to be replayed again).</summary>
    Task DeleteYear(string gridId, int year, CancellationToken ct = default);

    /// <summary>Whether any grid has a stored month in <paramref name="year"/>.</summary>
    Task<bool> HasYear(int year, CancellationToken ct = default);

    /// <summary>One partition query: the stored months of the range with their month-end snapshots, and the held marker.</summary>
    Task<StoredGridMonths> Read(string gridId, int fromMonth, int toMonth, CancellationToken ct = default);

    /// <summary>
    /// <see cref="Read"/> for many grids at once, by ranges of consecutive partition keys (one query per range of
    /// <paramref name="gridsPerQuery"/> grids in ordinal order): every grid of <paramref name="gridIds"/> is in the answer.
    /// </summary>
    Task<IReadOnlyDictionary<string, StoredGridMonths>> ReadMany(IReadOnlyCollection<string> gridIds, int fromMonth, int toMonth,
        int gridsPerQuery, int parallelism, CancellationToken ct = default);
}

/// <summary>
/// What the store holds of one grid for a range of months: the months' cells, their month-end snapshots
/// (month -> cohort month -> counts), and the held marker (null: the grid has never written one).
/// </summary>
public sealed record StoredGridMonths(
    IReadOnlyDictionary<int, Dictionary<CellKey, Tally>> Months,
    IReadOnlyDictionary<int, Dictionary<int, OpenCount>> MonthEnds,
    IReadOnlyList<int>? Held);
