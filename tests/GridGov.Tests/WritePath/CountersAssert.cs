using System.Reflection;
using GridGov.Grains.Domain;

namespace GridGov.Tests.WritePath;

/// <summary>Compares counter sets cell by cell and day by day, so a failure names what differs.</summary>
internal static class CountersAssert
{
    private static readonly PropertyInfo[] Fields = typeof(Tally).GetProperties()
        .Where(p => p.PropertyType == typeof(long) && p.CanWrite).ToArray();

    public static void Equal(CounterSet expected, CounterSet? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Describe(expected), Describe(actual));
    }

    public static bool AreEqual(CounterSet? expected, CounterSet? actual) =>
        Describe(expected ?? new CounterSet()) == Describe(actual ?? new CounterSet());

    /// <summary>One line per non-zero counter of each month cell and each day, in a fixed order.</summary>
    public static string Describe(CounterSet set)
    {
        var lines = new List<string>();
        foreach (var (month, cells) in set.Months.OrderBy(m => m.Key))
            foreach (var (cell, tally) in cells.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
                lines.AddRange(Lines($"{month} {cell}", tally, histograms: true));
        foreach (var (day, tally) in set.Days.OrderBy(d => d.Key))
            lines.AddRange(Lines($"day {day}", tally, histograms: false));
        return string.Join("\n", lines);
    }

    private static IEnumerable<string> Lines(string where, Tally tally, bool histograms)
    {
        foreach (var p in Fields)
            if (p.GetValue(tally) is long v and not 0)
                yield return $"{where} {p.Name}={v}";
        if (!histograms) yield break;
        if (tally.ResponseHistogram?.Any(v => v != 0) == true) yield return $"{where} response[{string.Join(",", tally.ResponseHistogram)}]";
        if (tally.ResolutionHistogram?.Any(v => v != 0) == true) yield return $"{where} resolution[{string.Join(",", tally.ResolutionHistogram)}]";
    }
}
