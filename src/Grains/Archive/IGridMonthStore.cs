using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>A grid's counters of settled months, one entity per grid and month: what rollups read.</summary>
public interface IGridMonthStore
{
    Task Save(string gridId, int month, CounterSet counters, CancellationToken ct = default);

    /// <summary>The stored months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> inclusive, as one counter set.</summary>
    Task<CounterSet> Load(string gridId, int fromMonth, int toMonth, CancellationToken ct = default);
}
