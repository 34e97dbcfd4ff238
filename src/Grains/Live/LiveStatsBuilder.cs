using GridGov.Grains.Domain;

namespace GridGov.Grains.Live;

/// <summary>Builds <see cref="LiveStats"/> from counters, for the period the clock says is now.</summary>
public static class LiveStatsBuilder
{
    public const int TrendDays = 30;

    public static LiveStats Build(string scopeKey, string? parentKey, string name, string nameEn, long version, CounterSet counters,
        IEnumerable<(string Id, string Name, string NameEn, CounterSet Counters)> children, IReadOnlyDictionary<string, long> commits,
        IReadOnlyList<string> ancestors, DistrictCalendar calendar, DateTimeOffset now, Tally? yearTally = null) =>
        Build(scopeKey, parentKey, name, nameEn, version, [counters], children, commits, ancestors, calendar, now, yearTally);

    /// <summary>
    /// The scope's figures are the sum of <paramref name="parts"/> (an aggregate's children's shares and the hints ahead of
    /// them), summed for the year, today and the trend days only: an aggregate publishes up to ten times a second, and
    /// merging every month and cell of every child into one counter set for each publication cost more than the rest.
    /// </summary>
    public static LiveStats Build(string scopeKey, string? parentKey, string name, string nameEn, long version, IReadOnlyCollection<CounterSet> parts,
        IEnumerable<(string Id, string Name, string NameEn, CounterSet Counters)> children, IReadOnlyDictionary<string, long> commits,
        IReadOnlyList<string> ancestors, DistrictCalendar calendar, DateTimeOffset now, Tally? yearTally = null)
    {
        var year = calendar.Year(now);
        var today = calendar.DayKey(now);
        var trend = calendar.LastDays(now, TrendDays).Select(d =>
        {
            var t = DaySum(parts, d);
            return new TrendPoint(d, t?.Accepted ?? 0, t?.Resolved ?? 0, t is null ? null : Rates.Of(t).Resolution);
        }).ToList();
        return new LiveStats(scopeKey, parentKey, name, nameEn, version, year, today,
            yearTally?.Copy(histograms: false) ?? YearSum(parts, year), DaySum(parts, today) ?? new Tally(),
            trend, children.Select(c => new ChildFigures(c.Id, c.Name, c.NameEn, YearSum([c.Counters], year))).ToList(),
            commits, ancestors);
    }

    /// <summary>Everything in the months of <paramref name="year"/>, without histograms.</summary>
    private static Tally YearSum(IEnumerable<CounterSet> parts, int year)
    {
        var sum = new Tally();
        foreach (var part in parts)
            foreach (var (month, cells) in part.Months)
                if (month / 100 == year)
                    foreach (var tally in cells.Values) sum.Add(tally, 1, histograms: false);
        return sum;
    }

    /// <summary>The day's total, or null when nothing was counted on it (as a merged counter set drops a zero day).</summary>
    private static Tally? DaySum(IEnumerable<CounterSet> parts, int day)
    {
        Tally? sum = null;
        foreach (var part in parts)
            if (part.Days.TryGetValue(day, out var t)) (sum ??= new Tally()).Add(t, 1, histograms: false);
        return sum is null || sum.IsZero ? null : sum;
    }
}
