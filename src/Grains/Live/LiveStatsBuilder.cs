using GridGov.Grains.Domain;

namespace GridGov.Grains.Live;

/// <summary>Builds <see cref="LiveStats"/> from counters, for the period the clock says is now.</summary>
public static class LiveStatsBuilder
{
    public const int TrendDays = 30;

    public static LiveStats Build(string scopeKey, string? parentKey, string name, string nameEn, long version, CounterSet counters,
        IEnumerable<(string Id, string Name, string NameEn, CounterSet Counters)> children, IReadOnlyDictionary<string, long> commits,
        IReadOnlyList<string> ancestors, DistrictCalendar calendar, DateTimeOffset now, Tally? yearTally = null)
    {
        var year = calendar.Year(now);
        var today = calendar.DayKey(now);
        var trend = calendar.LastDays(now, TrendDays).Select(d =>
        {
            var t = counters.Days.GetValueOrDefault(d);
            return new TrendPoint(d, t?.Accepted ?? 0, t?.Resolved ?? 0, t is null ? null : Rates.Of(t).Resolution);
        }).ToList();
        return new LiveStats(scopeKey, parentKey, name, nameEn, version, year, today,
            (yearTally ?? counters.Year(year)).Copy(histograms: false), counters.Day(today),
            trend, children.Select(c => new ChildFigures(c.Id, c.Name, c.NameEn, c.Counters.Year(year).Copy(histograms: false))).ToList(),
            commits, ancestors);
    }
}
