using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>A grid's counters of settled months, one entity per grid and month: what rollups read.</summary>
public interface IGridMonthStore
{
    Task Save(string gridId, int month, CounterSet counters, CancellationToken ct = default);

    /// <summary>The stored months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> inclusive, as one counter set.</summary>
    Task<CounterSet> Load(string gridId, int fromMonth, int toMonth, CancellationToken ct = default);

    /// <summary>Deletes the grid's months of <paramref name="year"/> (a replayed year about to be replayed again).</summary>
    Task DeleteYear(string gridId, int year, CancellationToken ct = default);

    /// <summary>Whether any grid has a stored month in <paramref name="year"/>.</summary>
    Task<bool> HasYear(int year, CancellationToken ct = default);
}
