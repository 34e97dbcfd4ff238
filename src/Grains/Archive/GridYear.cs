using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// What the store keeps of one grid and one year: the year's settled months (cells), their month-end snapshots of
/// open issues (cohort month -> counts), and the months of the year the grid's grain still holds. Mutable while the
/// store reads, modifies and writes it back; what readers get is never modified afterwards.
/// </summary>
public sealed class GridYear
{
    public Dictionary<int, Dictionary<CellKey, Tally>> Months { get; } = [];
    public Dictionary<int, Dictionary<int, OpenCount>> MonthEnds { get; } = [];
    public SortedSet<int> Held { get; } = [];
}
