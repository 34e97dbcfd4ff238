using System.Runtime.CompilerServices;

namespace GridGov.Grains.Domain;

/// <summary>
/// The counts of one cell (a period x category x channel x SLA class). Gauges such as <see cref="Open"/> and
/// <see cref="OpenOverdue"/> describe the cell's issues now; the rest count outcomes. Deltas are tallies too.
/// </summary>
[GenerateSerializer]
public sealed class Tally
{
    [Id(0)] public long Received { get; set; }
    [Id(1)] public long Accepted { get; set; }
    [Id(2)] public long NotAccepted { get; set; }
    [Id(3)] public long RespondedInTime { get; set; }
    [Id(4)] public long RespondedLate { get; set; }
    /// <summary>No first response and past the first-response limit.</summary>
    [Id(5)] public long ResponseOverdue { get; set; }
    [Id(6)] public long Resolved { get; set; }
    [Id(7)] public long ClosedUnresolved { get; set; }
    /// <summary>Open and past due now.</summary>
    [Id(8)] public long OpenOverdue { get; set; }
    /// <summary>Went overdue at least once.</summary>
    [Id(9)] public long Overdue { get; set; }
    [Id(10)] public long Reopened { get; set; }
    [Id(11)] public long Satisfied { get; set; }
    [Id(12)] public long BasicallySatisfied { get; set; }
    [Id(13)] public long Unsatisfied { get; set; }
    [Id(14)] public long NotRated { get; set; }
    [Id(15)] public long Voided { get; set; }
    /// <summary>Accepted and not yet closed.</summary>
    [Id(16)] public long Open { get; set; }
    [Id(17)] public long ResponseMinutes { get; set; }
    [Id(18)] public long ResolutionMinutes { get; set; }
    /// <summary>Time to first response, by <see cref="DurationBuckets"/>; null until something lands in it.</summary>
    [Id(19)] public long[]? ResponseHistogram { get; set; }
    [Id(20)] public long[]? ResolutionHistogram { get; set; }

    public long Rated => Satisfied + BasicallySatisfied + Unsatisfied;

    public bool IsZero => Received == 0 && Accepted == 0 && NotAccepted == 0 && RespondedInTime == 0 && RespondedLate == 0
        && ResponseOverdue == 0 && Resolved == 0 && ClosedUnresolved == 0 && OpenOverdue == 0 && Overdue == 0 && Reopened == 0
        && Satisfied == 0 && BasicallySatisfied == 0 && Unsatisfied == 0 && NotRated == 0 && Voided == 0 && Open == 0
        && ResponseMinutes == 0 && ResolutionMinutes == 0 && Zero(ResponseHistogram) && Zero(ResolutionHistogram);

    /// <summary>Adds <paramref name="sign"/> x <paramref name="other"/> to this tally. Optimized from the first call: a rollup
    /// adds hundreds of thousands of cells on a cold host.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(Tally other, int sign = 1, bool histograms = true)
    {
        Received += sign * other.Received;
        Accepted += sign * other.Accepted;
        NotAccepted += sign * other.NotAccepted;
        RespondedInTime += sign * other.RespondedInTime;
        RespondedLate += sign * other.RespondedLate;
        ResponseOverdue += sign * other.ResponseOverdue;
        Resolved += sign * other.Resolved;
        ClosedUnresolved += sign * other.ClosedUnresolved;
        OpenOverdue += sign * other.OpenOverdue;
        Overdue += sign * other.Overdue;
        Reopened += sign * other.Reopened;
        Satisfied += sign * other.Satisfied;
        BasicallySatisfied += sign * other.BasicallySatisfied;
        Unsatisfied += sign * other.Unsatisfied;
        NotRated += sign * other.NotRated;
        Voided += sign * other.Voided;
        Open += sign * other.Open;
        ResponseMinutes += sign * other.ResponseMinutes;
        ResolutionMinutes += sign * other.ResolutionMinutes;
        if (!histograms) return;
        ResponseHistogram = AddHistogram(ResponseHistogram, other.ResponseHistogram, sign);
        ResolutionHistogram = AddHistogram(ResolutionHistogram, other.ResolutionHistogram, sign);
    }

    public Tally Copy(bool histograms = true)
    {
        var t = new Tally();
        t.Add(this, 1, histograms);
        return t;
    }

    public static Tally Sum(IEnumerable<Tally> tallies)
    {
        var sum = new Tally();
        foreach (var t in tallies) sum.Add(t);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[]? AddHistogram(long[]? into, long[]? from, int sign)
    {
        if (from is null) return into;
        into ??= new long[DurationBuckets.Count];
        for (var i = 0; i < into.Length; i++) into[i] += sign * from[i];
        return into;
    }

    private static bool Zero(long[]? h) => h is null || Array.TrueForAll(h, v => v == 0);
}
