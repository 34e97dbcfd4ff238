using GridGov.Grains.Archive;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Rollups;

/// <summary>
/// One grid's counters of a rollup period (or a deputy's share of a grid's): its stored months still packed, and the
/// months its grain holds as counters, which win over a stored copy of the same month. Cells are visited, never
/// gathered into objects, so a district year of 600,000 cells costs a pass, not 600,000 tallies; the total comes from
/// the stored month totals. Read-only and shared (the rollup cache keeps it).
/// </summary>
public sealed class GridCounters(RollupPeriod period, IReadOnlyList<PackedGridYear> stored, CounterSet? held = null)
{
    private Tally? _total;

    /// <summary>Counters already in objects (a closed year's snapshot, a deputy's ledger): only the period's months count.</summary>
    public static GridCounters Of(CounterSet counters, RollupPeriod period) => new(period, [], counters);

    /// <summary>Hands every cell of the period's months to <paramref name="cell"/>; the tally is only valid during the call.</summary>
    public void ForEachCell(Action<int, CellKey, Tally> cell)
    {
        foreach (var year in stored) year.ForEachCell(FromStore, cell);
        if (held is null) return;
        foreach (var (month, cells) in held.Months)
            if (period.Contains(month))
                foreach (var (key, tally) in cells) cell(month, key, tally);
    }

    /// <summary>Every cell of the period summed. Never modify it.</summary>
    public Tally Total => _total ??= Sum();

    /// <summary>The period's months as a counter set of its own (one tally per cell).</summary>
    public CounterSet ToCounterSet()
    {
        var set = new CounterSet();
        ForEachCell((month, key, tally) =>
        {
            if (!set.Months.TryGetValue(month, out var cells)) set.Months[month] = cells = [];
            cells[key] = tally.Copy();
        });
        return set;
    }

    private Tally Sum()
    {
        var sum = new Tally();
        foreach (var year in stored)
            foreach (var (month, total) in year.MonthTotals)
                if (FromStore(month)) sum.Add(total);
        foreach (var (month, cells) in held?.Months ?? [])
            if (period.Contains(month))
                foreach (var tally in cells.Values) sum.Add(tally);
        return sum;
    }

    /// <summary>Whether <paramref name="month"/> is counted from the stored years: in the period, and not held (the held copy wins).</summary>
    private bool FromStore(int month) => period.Contains(month) && held?.Months.ContainsKey(month) != true;
}
