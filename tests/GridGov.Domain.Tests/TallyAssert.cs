using System.Reflection;
using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>Compares tallies field by field, so a failure names the counter that differs.</summary>
internal static class TallyAssert
{
    private static readonly PropertyInfo[] Counters = typeof(Tally).GetProperties()
        .Where(p => p.PropertyType == typeof(long) && p.CanWrite).ToArray();

    public static void Equal(Tally expected, Tally actual, bool histograms = true)
    {
        foreach (var p in Counters)
            Assert.True(Equals(p.GetValue(expected), p.GetValue(actual)),
                $"{p.Name}: expected {p.GetValue(expected)}, actual {p.GetValue(actual)}");
        if (!histograms) return;
        Assert.Equal(Normal(expected.ResponseHistogram), Normal(actual.ResponseHistogram));
        Assert.Equal(Normal(expected.ResolutionHistogram), Normal(actual.ResolutionHistogram));
    }

    /// <summary>Null and all-zero histograms mean the same: nothing in them.</summary>
    private static long[] Normal(long[]? h) => h ?? new long[DurationBuckets.Count];

    public static long[] Histogram(params (int Bucket, long Count)[] cells)
    {
        var h = new long[DurationBuckets.Count];
        foreach (var (bucket, count) in cells) h[bucket] = count;
        return h;
    }
}
