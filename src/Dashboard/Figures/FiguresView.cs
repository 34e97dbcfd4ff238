using GridGov.Grains.Domain;

namespace GridGov.Dashboard.Figures;

/// <summary>A rate as a fraction and as shown: "98.6%" or "no data".</summary>
public sealed record RateView(double? Value, string Display)
{
    public static RateView Of(double? value) => new(value is { } v ? Math.Round(v, 6) : null, Rates.Format(value));
}

public sealed record RatesView(RateView Resolution, RateView Response, RateView Satisfaction, RateView WeightedSatisfaction, RateView Composite)
{
    public static RatesView Of(Tally t, ScoreWeights weights)
    {
        var r = Rates.Of(t, weights);
        return new(RateView.Of(r.Resolution), RateView.Of(r.Response), RateView.Of(r.Satisfaction), RateView.Of(r.WeightedSatisfaction), RateView.Of(r.Composite));
    }
}

/// <summary>Counts of a period, by the cohort rule (outcomes count in the month their issue was accepted).</summary>
public sealed record TotalsView(
    long Received, long Accepted, long NotAccepted, long Open, long OpenOverdue, long Overdue, long Resolved, long ClosedUnresolved,
    long RespondedInTime, long RespondedLate, long ResponseOverdue, long Reopened, long Satisfied, long BasicallySatisfied,
    long Unsatisfied, long NotRated, long Voided, long Decided)
{
    public static TotalsView Of(Tally t) => new(t.Received, t.Accepted, t.NotAccepted, t.Open, t.OpenOverdue, t.Overdue, t.Resolved,
        t.ClosedUnresolved, t.RespondedInTime, t.RespondedLate, t.ResponseOverdue, t.Reopened, t.Satisfied, t.BasicallySatisfied,
        t.Unsatisfied, t.NotRated, t.Voided, Rates.Decided(t));
}

/// <summary>Figures of one unit for one period: counts and rates.</summary>
public sealed record FiguresView(string Period, TotalsView Totals, RatesView Rates)
{
    public static FiguresView Of(string period, Tally t, ScoreWeights weights) => new(period, TotalsView.Of(t), RatesView.Of(t, weights));
}

/// <summary>
/// Times to first response and to resolution, in hours: exact means, and p90 as the upper bound of its
/// histogram bucket (within a factor of two, within a day past a day). Null where nothing was measured.
/// </summary>
public sealed record DurationsView(double? MeanFirstResponseHours, double? P90FirstResponseHours, double? MeanResolutionHours, double? P90ResolutionHours)
{
    public static DurationsView Of(GridGov.Grains.Domain.Tally t)
    {
        var responded = t.RespondedInTime + t.RespondedLate;
        return new(
            responded > 0 ? Math.Round(t.ResponseMinutes / 60.0 / responded, 2) : null,
            Hours(GridGov.Grains.Domain.DurationBuckets.Percentile(t.ResponseHistogram, 0.9)),
            t.Resolved > 0 ? Math.Round(t.ResolutionMinutes / 60.0 / t.Resolved, 2) : null,
            Hours(GridGov.Grains.Domain.DurationBuckets.Percentile(t.ResolutionHistogram, 0.9)));
    }

    private static double? Hours(TimeSpan? d) => d is { } x && x != TimeSpan.MaxValue ? Math.Round(x.TotalHours, 2) : null;
}
