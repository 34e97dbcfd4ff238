using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>Percentiles read from a duration histogram: the upper bound of the bucket holding the rank.</summary>
public class DurationBucketsTests
{
    private static long[] H(params (int Bucket, long Count)[] cells) => TallyAssert.Histogram(cells);

    [Theory]
    [InlineData(0, 0)]        // 0 min -> [0,15)
    [InlineData(14, 0)]
    [InlineData(15, 1)]       // bounds are exclusive
    [InlineData(59, 2)]
    [InlineData(60, 3)]
    [InlineData(1439, 7)]
    [InlineData(1440, 8)]
    [InlineData(30 * 1440 - 1, 14)]
    [InlineData(30 * 1440, 15)] // 30 days and over: the open-ended bucket
    [InlineData(-5, 0)]       // negative durations count as zero
    public void IndexOf_puts_a_duration_in_its_bucket(int minutes, int bucket) =>
        Assert.Equal(bucket, DurationBuckets.IndexOf(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void No_histogram_or_an_empty_one_has_no_percentile()
    {
        Assert.Null(DurationBuckets.Percentile(null, 0.5));
        Assert.Null(DurationBuckets.Percentile(new long[DurationBuckets.Count], 0.5));
    }

    [Fact]
    public void Percentiles_of_ten_durations()
    {
        // 5 in [0,15), 3 in [60,120), 2 in [1440,2880).
        var h = H((0, 5), (3, 3), (8, 2));
        Assert.Equal(TimeSpan.FromMinutes(15), DurationBuckets.Percentile(h, 0.5));    // rank 5 -> first bucket
        Assert.Equal(TimeSpan.FromMinutes(120), DurationBuckets.Percentile(h, 0.6));   // rank 6
        Assert.Equal(TimeSpan.FromMinutes(120), DurationBuckets.Percentile(h, 0.8));   // rank 8
        Assert.Equal(TimeSpan.FromMinutes(2880), DurationBuckets.Percentile(h, 0.9));  // rank 9
        Assert.Equal(TimeSpan.FromMinutes(2880), DurationBuckets.Percentile(h, 1.0));  // rank 10
        Assert.Equal(TimeSpan.FromMinutes(15), DurationBuckets.Percentile(h, 0.0));    // rank 0 -> the first duration
    }

    [Fact]
    public void The_rank_is_rounded_up()
    {
        // 0.51 of 2 is rank 2 (ceiling), the second duration.
        Assert.Equal(TimeSpan.FromMinutes(30), DurationBuckets.Percentile(H((0, 1), (1, 1)), 0.51));
        Assert.Equal(TimeSpan.FromMinutes(15), DurationBuckets.Percentile(H((0, 1), (1, 1)), 0.5));
    }

    [Fact]
    public void The_open_ended_bucket_reads_as_the_maximum_time_span()
    {
        var h = DurationBuckets.One(TimeSpan.FromDays(45));
        Assert.Equal(1, h[^1]);
        Assert.Equal(TimeSpan.MaxValue, DurationBuckets.Percentile(h, 0.5));
    }

    [Fact]
    public void Percentile_of_a_single_duration_is_its_bucket_bound()
    {
        Assert.Equal(TimeSpan.FromHours(4), DurationBuckets.Percentile(DurationBuckets.One(TimeSpan.FromMinutes(150)), 0.95));
    }
}
