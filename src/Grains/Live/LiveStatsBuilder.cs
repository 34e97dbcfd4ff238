using GridGov.Grains.Domain;

namespace GridGov.Grains.Live;

/// <summary>Builds <see cref="LiveStats"/> from counters, for the period the clock says is now.</summary>
public static class LiveStatsBuilder
{
    public const int TrendDays = 30;

    public static LiveStats Build(UnitKey unit, UnitKey? parent, string name, string nameEn, long version, CounterSet counters,
        IEnumerable<(string Id, string Name, string NameEn, IReadOnlyCollection<CounterSet> Parts)> children, IReadOnlyDictionary<string, long> commits,
        IReadOnlyList<UnitKey> ancestors, DistrictCalendar calendar, DateTimeOffset now, Tally? yearTally = null) =>
        Build(unit, parent, name, nameEn, version, [counters], children, commits, ancestors, calendar, now, yearTally);

    /// <summary>
    /// The scope's figures are the sum of <paramref name="parts"/> (an aggregate's children's shares and the hints ahead of
    /// them), and each child's the sum of its parts, summed for the year, today and the trend days only: an aggregate
    /// publishes up to ten times a second, and merging every month and cell of every child into one counter set for
    /// each publication cost more than the rest.
    /// </summary>
    public static LiveStats Build(UnitKey unit, UnitKey? parent, string name, string nameEn, long version, IReadOnlyCollection<CounterSet> parts,
        IEnumerable<(string Id, string Name, string NameEn, IReadOnlyCollection<CounterSet> Parts)> children, IReadOnlyDictionary<string, long> commits,
        IReadOnlyList<UnitKey> ancestors, DistrictCalendar calendar, DateTimeOffset now, Tally? yearTally = null)
    {
        var year = calendar.Year(now);
        var days = calendar.LastDays(now, TrendDays);
        var byDay = DaySums(parts, days[0], days[^1]);
        var trend = days.Select(d =>
        {
            var t = byDay.GetValueOrDefault(d);
            return new TrendPoint(d, t?.Accepted ?? 0, t?.Resolved ?? 0, t is null ? null : Rates.Of(t).Resolution);
        }).ToList();
        return new LiveStats(unit, parent, name, nameEn, version, year, days[^1],
            yearTally?.Copy(histograms: false) ?? YearSum(parts, year), byDay.GetValueOrDefault(days[^1]) ?? new Tally(),
            trend, children.Select(c => new ChildFigures(c.Id, c.Name, c.NameEn, YearSum(c.Parts, year))).ToList(),
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

    /// <summary>Each day's total from <paramref name="first"/> to <paramref name="last"/>, in one pass over the parts' days;
    /// a day with nothing counted on it is left out (as a merged counter set drops a zero day).</summary>
    private static Dictionary<int, Tally> DaySums(IEnumerable<CounterSet> parts, int first, int last)
    {
        var sums = new Dictionary<int, Tally>();
        foreach (var part in parts)
            foreach (var (day, tally) in part.Days)
            {
                if (day < first || day > last) continue;
                if (!sums.TryGetValue(day, out var sum)) sums[day] = sum = new Tally();
                sum.Add(tally, 1, histograms: false);
            }
        foreach (var (day, sum) in sums)
            if (sum.IsZero) sums.Remove(day);
        return sums;
    }
}
