namespace GridGov.Grains.Domain;

/// <summary>Weights of the composite score; configurable, default 0.1 / 0.5 / 0.4.</summary>
[GenerateSerializer, Immutable]
public sealed record ScoreWeights(
    [property: Id(0)] double Response = 0.1,
    [property: Id(1)] double Resolution = 0.5,
    [property: Id(2)] double Satisfaction = 0.4)
{
    public static readonly ScoreWeights Default = new();
}

/// <summary>
/// The rates of a tally, each a fraction in 0..1 or null for "no data". Only decided cases count: an issue
/// still inside its time limit is neither for nor against.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Rates(
    [property: Id(0)] double? Resolution,
    [property: Id(1)] double? Response,
    [property: Id(2)] double? Satisfaction,
    [property: Id(3)] double? WeightedSatisfaction,
    [property: Id(4)] double? Composite)
{
    public static Rates Of(Tally t, ScoreWeights? weights = null)
    {
        var w = weights ?? ScoreWeights.Default;
        var resolution = Ratio(t.Resolved, t.Resolved + t.ClosedUnresolved + t.OpenOverdue);
        var response = Ratio(t.RespondedInTime, t.RespondedInTime + t.RespondedLate + t.ResponseOverdue);
        var satisfaction = Ratio(t.Satisfied + t.BasicallySatisfied, t.Rated);
        var weighted = Ratio(t.Satisfied + 0.9 * t.BasicallySatisfied, t.Rated);
        double? composite = response is { } rs && resolution is { } rl && weighted is { } ws
            ? w.Response * rs + w.Resolution * rl + w.Satisfaction * ws
            : null;
        return new(resolution, response, satisfaction, weighted, composite);
    }

    /// <summary>Decided cases behind the resolution rate: what ranking thresholds count.</summary>
    public static long Decided(Tally t) => t.Resolved + t.ClosedUnresolved + t.OpenOverdue;

    /// <summary>A rate as a percentage with one decimal, or "no data".</summary>
    public static string Format(double? rate) => rate is { } r ? (r * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "no data";

    private static double? Ratio(double part, double whole) => whole > 0 ? part / whole : null;
}
