using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// A grid's counters of settled months with each month's end snapshot of open issues, and the months its grain still
/// holds (the "held" marker): what rollups read. The grid's grain is the only writer of its grid's data.
/// </summary>
public interface IGridMonthStore
{
    /// <summary>Stores <paramref name="month"/>'s cells of <paramref name="counters"/> and the snapshot taken at its end.
    /// The month is settled: it leaves the held marker here (the stored copy equals what the grain still holds).</summary>
    Task Save(string gridId, int month, CounterSet counters, IReadOnlyDictionary<int, OpenCount>? monthEnd = null, CancellationToken ct = default);

    /// <summary>Replaces the grid's marker of held months (months whose counters are not, or not only, in storage).</summary>
    Task SaveHeld(string gridId, IReadOnlyCollection<int> months, CancellationToken ct = default);

    /// <summary>The stored months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> inclusive, as one counter set.</summary>
    Task<CounterSet> Load(string gridId, int fromMonth, int toMonth, CancellationToken ct = default);

    /// <summary>Whether any grid has a stored month in <paramref name="year"/>.</summary>
    Task<bool> HasYear(int year, CancellationToken ct = default);

    /// <summary>The stored months of the range with their month-end snapshots, and the held marker.</summary>
    Task<StoredGridMonths> Read(string gridId, int fromMonth, int toMonth, CancellationToken ct = default);

    /// <summary><see cref="Read"/> still packed, for rollups: cells stay encoded until a pass over them.</summary>
    Task<PackedGridMonths> ReadPacked(string gridId, int fromMonth, int toMonth, CancellationToken ct = default);

    /// <summary><see cref="ReadPacked"/> for many grids at once, in whatever shape of requests suits the store: every grid of
    /// <paramref name="gridIds"/> is in the answer.</summary>
    Task<IReadOnlyDictionary<string, PackedGridMonths>> ReadMany(IReadOnlyCollection<string> gridIds, int fromMonth, int toMonth,
        CancellationToken ct = default);

    /// <summary>Forgets everything stored of the grid for <paramref name="year"/> (its months, their snapshots, its held
    /// months of that year), as a replay of the year does before writing it again; call
    /// <c>SettledMonthCache.Invalidate</c> after.</summary>
    Task DeleteYear(string gridId, int year, CancellationToken ct = default);
}

/// <summary>
/// What the store holds of one grid for a range of months: the months' cells, their month-end snapshots
/// (month -> cohort month -> counts), and the held marker (null: the grid has never written one).
/// </summary>
public sealed record StoredGridMonths(
    IReadOnlyDictionary<int, Dictionary<CellKey, Tally>> Months,
    IReadOnlyDictionary<int, Dictionary<int, OpenCount>> MonthEnds,
    IReadOnlyList<int>? Held);
