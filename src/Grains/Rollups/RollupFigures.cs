using System.Globalization;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Rollups;

/// <summary>A rate as a fraction (0..1, null for "no data") and as shown ("98.6%").</summary>
public sealed record RollupRate(double? Value, string Display)
{
    public static RollupRate Of(double? value) => new(value is { } v ? Math.Round(v, 6) : null, Rates.Format(value));
}

/// <summary>
/// A duration in minutes and as shown ("3.5 h"). A percentile is the upper bound of its histogram bucket
/// (<see cref="DurationBuckets"/>): at most a factor of two above the true value. <see cref="MoreThan"/>: the value
/// lies beyond the last bounded bucket (over 30 days) and <see cref="Minutes"/> is that bound.
/// </summary>
public sealed record RollupDuration(double? Minutes, string Display, bool MoreThan = false)
{
    public static readonly RollupDuration None = new(null, "no data");

    public static RollupDuration Mean(long totalMinutes, long count) =>
        count > 0 ? Of(Math.Round((double)totalMinutes / count, 1)) : None;

    public static RollupDuration Percentile(long[]? histogram, double quantile)
    {
        if (DurationBuckets.Percentile(histogram, quantile) is not { } bound) return None;
        if (bound == TimeSpan.MaxValue)
        {
            var last = DurationBuckets.UpperMinutes[^2];
            return new(last, "> " + Show(last), true);
        }
        return Of(bound.TotalMinutes);
    }

    private static RollupDuration Of(double minutes) => new(minutes, Show(minutes));

    private static string Show(double minutes) =>
        minutes < 60 ? minutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : minutes < 48 * 60 ? (minutes / 60).ToString("0.#", CultureInfo.InvariantCulture) + " h"
        : (minutes / 1440).ToString("0.#", CultureInfo.InvariantCulture) + " d";
}

/// <summary>
/// The figures of one unit for one period, from its counters (the cohort rule: outcomes count in the month their
/// issue was accepted). <see cref="Open"/> and <see cref="OpenPastDue"/> are gauges at read time.
/// <see cref="OpenAtPeriodEnd"/> and <see cref="OpenPastDueAtPeriodEnd"/>: of the period's issues, those open (and past
/// due) when its last month ended, from the snapshots grids take as a month closes; for a period not ended yet, the
/// gauges so far; null where no snapshot is kept (slices by category or channel).
/// </summary>
public sealed record RollupFigures(
    long Received, long Accepted, long NotAccepted, long Resolved, long ClosedUnresolved, long Open, long Overdue, long OpenPastDue,
    long Decided, long RespondedInTime, long RespondedLate, long ResponseOverdue, long Reopened,
    long Satisfied, long BasicallySatisfied, long Unsatisfied, long Rated, long NotRated, long Voided,
    RollupRate Resolution, RollupRate Response, RollupRate Satisfaction, RollupRate WeightedSatisfaction, RollupRate Composite,
    RollupDuration MeanToResolve, RollupDuration P90ToResolve, RollupDuration MeanToRespond, RollupDuration P90ToRespond,
    long? OpenAtPeriodEnd = null, long? OpenPastDueAtPeriodEnd = null)
{
    /// <summary>With "open at period end": <paramref name="atEnd"/> once the period has ended, else the gauges so far.</summary>
    public RollupFigures AtPeriodEnd(OpenCount? atEnd) =>
        this with { OpenAtPeriodEnd = atEnd?.Open ?? Open, OpenPastDueAtPeriodEnd = atEnd?.PastDue ?? OpenPastDue };

    public static RollupFigures Of(Tally t, ScoreWeights weights)
    {
        var r = Rates.Of(t, weights);
        return new(t.Received, t.Accepted, t.NotAccepted, t.Resolved, t.ClosedUnresolved, t.Open, t.Overdue, t.OpenOverdue,
            Rates.Decided(t), t.RespondedInTime, t.RespondedLate, t.ResponseOverdue, t.Reopened,
            t.Satisfied, t.BasicallySatisfied, t.Unsatisfied, t.Rated, t.NotRated, t.Voided,
            RollupRate.Of(r.Resolution), RollupRate.Of(r.Response), RollupRate.Of(r.Satisfaction), RollupRate.Of(r.WeightedSatisfaction),
            RollupRate.Of(r.Composite),
            RollupDuration.Mean(t.ResolutionMinutes, t.Resolved), RollupDuration.Percentile(t.ResolutionHistogram, 0.9),
            RollupDuration.Mean(t.ResponseMinutes, t.RespondedInTime + t.RespondedLate), RollupDuration.Percentile(t.ResponseHistogram, 0.9));
    }
}

/// <summary>Chinese and English names of channels and categories, for exports and reports.</summary>
public static class RollupLabels
{
    public static (string Zh, string En) Channel(IssueChannel channel) => channel switch
    {
        IssueChannel.Reception => ("接待日", "Reception"),
        IssueChannel.LiaisonStation => ("联络站", "Liaison station"),
        IssueChannel.Online => ("网上", "Online"),
        IssueChannel.Hotline => ("热线", "Hotline"),
        IssueChannel.DeputyVisit => ("代表走访", "Deputy visit"),
        IssueChannel.Appointment => ("预约", "Appointment"),
        _ => (Names.Of(channel), Names.Of(channel)),
    };
}
