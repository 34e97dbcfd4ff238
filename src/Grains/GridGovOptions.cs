using GridGov.Grains.Domain;

namespace GridGov.Grains;

/// <summary>Settings of the domain, bound from the "GridGov" configuration section.</summary>
public sealed class GridGovOptions
{
    public SlaPolicy Sla { get; set; } = SlaPolicy.Default;
    public ScoreWeights Weights { get; set; } = ScoreWeights.Default;
    /// <summary>Months an aggregate keeps: the live year plus the one before.</summary>
    public int LiveMonths { get; set; } = 24;
    /// <summary>How often a grid with running clocks or undelivered deltas is woken if no activation holds it.</summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>A grid whose resolution rate falls under this (with enough decided cases to rank) raises an alert.</summary>
    public double AlertResolutionBelow { get; set; } = 0.9;
    /// <summary>Units with fewer decided cases than this are listed apart as "too few to rank".</summary>
    public int MinimumDecidedToRank { get; set; } = 20;
    /// <summary>Whether grids raise alerts (off for a replayed year: history is not news).</summary>
    public bool RaiseAlerts { get; set; } = true;
}
