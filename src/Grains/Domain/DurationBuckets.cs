namespace GridGov.Grains.Domain;

/// <summary>
/// Histogram buckets for durations (time to first response, time to resolution). Upper bounds roughly double,
/// so a percentile read from the counters is exact to within its bucket: at most a factor of two, and within
/// the day for anything over a day.
/// </summary>
public static class DurationBuckets
{
    /// <summary>Exclusive upper bounds in minutes; the last bucket is open-ended.</summary>
    public static readonly int[] UpperMinutes =
    [
        15, 30, 60, 120, 240, 480, 720, 1440, 2 * 1440, 3 * 1440, 5 * 1440, 7 * 1440, 10 * 1440, 15 * 1440, 30 * 1440, int.MaxValue,
    ];

    public static int Count => UpperMinutes.Length;

    public static int IndexOf(TimeSpan duration)
    {
        var minutes = Math.Max(0, duration.TotalMinutes);
        for (var i = 0; i < UpperMinutes.Length; i++)
            if (minutes < UpperMinutes[i]) return i;
        return UpperMinutes.Length - 1;
    }

    public static long[] One(TimeSpan duration)
    {
        var h = new long[Count];
        h[IndexOf(duration)] = 1;
        return h;
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/> (0..1), or null with no data.</summary>
    public static TimeSpan? Percentile(long[]? histogram, double quantile)
    {
        if (histogram is null) return null;
        var total = histogram.Sum();
        if (total <= 0) return null;
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= Math.Max(1, rank))
                return UpperMinutes[i] == int.MaxValue ? TimeSpan.MaxValue : TimeSpan.FromMinutes(UpperMinutes[i]);
        }
        return null;
    }
}
