namespace GridGov.Grains.Domain;

/// <summary>
/// Sparse counters by cohort period: month x cell, and a per-day total for trends. Used for a grid's own
/// counters, for an aggregate's, and for the deltas that flow between them (a delta is a counter set too).
/// </summary>
[GenerateSerializer]
public sealed class CounterSet
{
    /// <summary>yyyyMM -> cell -> tally.</summary>
    [Id(0)] public Dictionary<int, Dictionary<CellKey, Tally>> Months { get; init; } = [];
    /// <summary>yyyyMMdd -> tally (no histograms): the daily trend.</summary>
    [Id(1)] public Dictionary<int, Tally> Days { get; init; } = [];

    public bool IsEmpty => Months.Count == 0 && Days.Count == 0;

    public void Add(int month, int day, CellKey cell, Tally tally, int sign)
    {
        if (!Months.TryGetValue(month, out var cells)) Months[month] = cells = [];
        AddTo(cells, cell, tally, sign, true);
        AddTo(Days, day, tally, sign, false);
        if (cells.Count == 0) Months.Remove(month);
    }

    public void Add(IssueContribution? contribution, int sign)
    {
        if (contribution is { } c) Add(c.Month, c.Day, c.Cell, c.Tally, sign);
    }

    public void Add(CounterSet other, int sign = 1)
    {
        foreach (var (month, cells) in other.Months)
        {
            if (!Months.TryGetValue(month, out var mine)) Months[month] = mine = [];
            foreach (var (cell, tally) in cells) AddTo(mine, cell, tally, sign, true);
            if (mine.Count == 0) Months.Remove(month);
        }
        foreach (var (day, tally) in other.Days) AddTo(Days, day, tally, sign, false);
    }

    /// <summary>
    /// The same counts with each month's cells summed into one (<see cref="CellKey.Whole"/>): what the levels above the
    /// grids keep. Nothing asks them by category, channel or SLA class (rollups read the grids' stored months), and a
    /// district keeping every street's cells for 24 months grew by some 300 KB a year at demo volume, towards Azure
    /// Table's 1 MB entity limit.
    /// </summary>
    public CounterSet Collapsed()
    {
        var set = new CounterSet();
        foreach (var (month, cells) in Months)
            if (Tally.Sum(cells.Values) is { IsZero: false } sum) set.Months[month] = new() { [CellKey.Whole] = sum };
        foreach (var (day, tally) in Days) set.Days[day] = tally.Copy();
        return set;
    }

    public CounterSet Copy()
    {
        var copy = new CounterSet();
        copy.Add(this);
        return copy;
    }

    public Tally Month(int month) => Months.TryGetValue(month, out var cells) ? Tally.Sum(cells.Values) : new Tally();

    public Tally Day(int day) => Days.TryGetValue(day, out var t) ? t.Copy() : new Tally();

    /// <summary>Everything in the months of <paramref name="year"/>.</summary>
    public Tally Year(int year) => Tally.Sum(Months.Where(m => m.Key / 100 == year).SelectMany(m => m.Value.Values));

    public Tally Total() => Tally.Sum(Months.Values.SelectMany(m => m.Values));

    /// <summary>Only <paramref name="month"/>'s cells, as a counter set of its own.</summary>
    public CounterSet OnlyMonth(int month) => OnlyMonths(month, month);

    /// <summary>Only the cells of the months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> (no days), copied.</summary>
    public CounterSet OnlyMonths(int fromMonth, int toMonth)
    {
        var set = new CounterSet();
        foreach (var (month, cells) in Months)
            if (month >= fromMonth && month <= toMonth) set.Months[month] = cells.ToDictionary(c => c.Key, c => c.Value.Copy());
        return set;
    }

    /// <summary>Only the months and days of <paramref name="year"/>, as a counter set of its own.</summary>
    public CounterSet OnlyYear(int year)
    {
        var set = OnlyMonths(year * 100 + 1, year * 100 + 12);
        foreach (var (day, tally) in Days.Where(d => d.Key / 10000 == year)) set.Days[day] = tally.Copy();
        return set;
    }

    public void DropDaysBefore(int dayKey)
    {
        foreach (var d in Days.Keys.Where(d => d < dayKey).ToList()) Days.Remove(d);
    }

    public void DropMonthsBefore(int monthKey)
    {
        foreach (var m in Months.Keys.Where(m => m < monthKey).ToList()) Months.Remove(m);
    }

    private static void AddTo<TKey>(Dictionary<TKey, Tally> into, TKey key, Tally tally, int sign, bool histograms) where TKey : notnull
    {
        if (!into.TryGetValue(key, out var t)) into[key] = t = new Tally();
        t.Add(tally, sign, histograms);
        if (t.IsZero) into.Remove(key);
    }
}
