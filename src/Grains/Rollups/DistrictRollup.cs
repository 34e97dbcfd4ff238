using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Rollups;

/// <summary>One unit of a rollup: its place, its counters for the period (months x cells) and what follows from them.</summary>
public sealed class RollupUnit
{
    public required UnitLevel Level { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string NameEn { get; init; }
    public string? StreetId { get; init; }
    public string? CommunityId { get; init; }
    /// <summary>The counters of the period of the grids (or a deputy's shares of grids) this unit sums: read-only, shared.</summary>
    public List<GridCounters> Leaves { get; } = [];
    /// <summary>Cohort month -> of its issues, those open (and past due) when the period's last month ended; empty
    /// while the period has not ended (then the figures give the gauges "so far").</summary>
    public Dictionary<int, OpenCount> OpenAtEnd { get; } = [];
    public List<RollupUnit> Children { get; } = [];
    public Tally Total { get; private set; } = new();
    public RollupFigures Figures { get; private set; } = null!;
    /// <summary>1 = best composite score among units of the level that reach the minimum sample; null otherwise.</summary>
    public int? Rank { get; internal set; }

    internal void Complete(ScoreWeights weights, bool periodEnded)
    {
        Total = new Tally();
        foreach (var leaf in Leaves) Total.Add(leaf.Total);
        Figures = RollupFigures.Of(Total, weights).AtPeriodEnd(periodEnded ? OpenAtMonthEnd.Within(OpenAtEnd, int.MinValue, int.MaxValue) : null);
    }

    /// <summary>Of <paramref name="month"/>'s cohort, how many were open (and past due) at the period's end, if it has ended.</summary>
    public OpenCount? OpenAtEndOf(int month, bool periodEnded) => periodEnded ? OpenAtEnd.GetValueOrDefault(month) : null;

    public IReadOnlyList<(string Category, Tally Tally)> ByCategory() =>
        Slices.ByCategory.OrderByDescending(s => s.Value.Received).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)).ToList();

    public IReadOnlyList<(IssueChannel Channel, Tally Tally)> ByChannel() =>
        Slices.ByChannel.OrderBy(s => s.Key).Select(s => (s.Key, s.Value)).ToList();

    /// <summary>Every month of <paramref name="period"/>, zero where nothing happened.</summary>
    public IReadOnlyList<(int Month, Tally Tally)> ByMonth(RollupPeriod period) =>
        period.Months.Select(m => (m, Slices.ByMonth.GetValueOrDefault(m) ?? new Tally())).ToList();

    // Shared tallies: read-only. Worked out on the first ask, in one pass over the leaves' cells: most units of a rollup are only listed.
    private UnitSlices Slices => LazyInitializer.EnsureInitialized(ref _slices, () => UnitSlices.Of(Leaves));
    private UnitSlices? _slices;
}

/// <summary>A unit's counters of a period summed by category, by channel and by month.</summary>
internal sealed record UnitSlices(Dictionary<string, Tally> ByCategory, Dictionary<IssueChannel, Tally> ByChannel, Dictionary<int, Tally> ByMonth)
{
    public static UnitSlices Of(IEnumerable<GridCounters> leaves)
    {
        var slices = new UnitSlices(new(StringComparer.Ordinal), [], []);
        foreach (var leaf in leaves)
            leaf.ForEachCell((month, cell, tally) =>
            {
                Add(slices.ByCategory, cell.Category, tally);
                Add(slices.ByChannel, cell.Channel, tally);
                Add(slices.ByMonth, month, tally);
            });
        return slices;
    }

    private static void Add<TKey>(Dictionary<TKey, Tally> into, TKey key, Tally tally) where TKey : notnull
    {
        if (!into.TryGetValue(key, out var sum)) into[key] = sum = new Tally();
        sum.Add(tally);
    }
}

/// <summary>
/// A district's rollup for one period: every grid's counters summed up the structure to community, street and
/// district, with rankings by composite score among the units that reach the minimum sample of decided cases.
/// Plain logic: <see cref="RollupReader"/> gathers the grids' counters, <see cref="Build"/> does the rest.
/// </summary>
public sealed class DistrictRollup
{
    public required RollupPeriod Period { get; init; }
    /// <summary>Whether the period's last month had ended when read: else "open at period end" is the gauge so far.</summary>
    public required bool PeriodEnded { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
    public required int MinimumDecidedToRank { get; init; }
    public required ScoreWeights Weights { get; init; }
    /// <summary>The district's time zone, as the structure (a closed year's: as it was closed) says.</summary>
    public required string TimeZone { get; init; }
    public required RollupUnit District { get; init; }
    public required IReadOnlyList<RollupUnit> Streets { get; init; }
    public required IReadOnlyList<RollupUnit> Communities { get; init; }
    public required IReadOnlyList<RollupUnit> Grids { get; init; }

    public IReadOnlyList<RollupUnit> Level(UnitLevel level) => level switch
    {
        UnitLevel.Grid => Grids,
        UnitLevel.Community => Communities,
        UnitLevel.Street => Streets,
        _ => [District],
    };

    /// <summary>The same rollup (shared units, read-only), as read again at <paramref name="at"/>.</summary>
    public DistrictRollup ReadAgainAt(DateTimeOffset at) => new()
    {
        Period = Period, PeriodEnded = PeriodEnded, ReadAt = at, MinimumDecidedToRank = MinimumDecidedToRank, Weights = Weights,
        TimeZone = TimeZone, District = District, Streets = Streets, Communities = Communities, Grids = Grids,
    };

    public RollupUnit? Find(UnitLevel level, string id) => Level(level).FirstOrDefault(u => u.Id == id);

    /// <summary><see cref="Build(DistrictStructure, IReadOnlyDictionary{string, GridCounters}, RollupPeriod, ScoreWeights, int, DateTimeOffset, IReadOnlyDictionary{string, IReadOnlyDictionary{int, OpenCount}}?)"/>
    /// from counter sets (a closed year's snapshot): only the period's months count.</summary>
    public static DistrictRollup Build(DistrictStructure structure, IReadOnlyDictionary<string, CounterSet> gridCounters, RollupPeriod period,
        ScoreWeights weights, int minimumDecidedToRank, DateTimeOffset readAt,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, OpenCount>>? openAtEnd = null) =>
        Build(structure, gridCounters.ToDictionary(g => g.Key, g => GridCounters.Of(g.Value, period)), period, weights, minimumDecidedToRank, readAt, openAtEnd);

    /// <summary>
    /// Sums <paramref name="gridCounters"/> (grid id -> that grid's counters of the period) up <paramref name="structure"/>;
    /// grids without counters count as zero. <paramref name="openAtEnd"/> (grid id -> cohort month -> counts open at the
    /// end of the period's last month) is given once the period has ended, null before. The grids' counters are shared, not copied: read-only.
    /// </summary>
    public static DistrictRollup Build(DistrictStructure structure, IReadOnlyDictionary<string, GridCounters> gridCounters, RollupPeriod period,
        ScoreWeights weights, int minimumDecidedToRank, DateTimeOffset readAt,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, OpenCount>>? openAtEnd = null)
    {
        var ended = openAtEnd is not null;
        var district = new RollupUnit { Level = UnitLevel.District, Id = structure.Id, Name = structure.Name, NameEn = structure.NameEn };
        var streets = new List<RollupUnit>();
        var communities = new List<RollupUnit>();
        var grids = new List<RollupUnit>();
        foreach (var s in structure.Streets)
        {
            var street = new RollupUnit { Level = UnitLevel.Street, Id = s.Id, Name = s.Name, NameEn = s.NameEn, StreetId = s.Id };
            foreach (var c in s.Communities)
            {
                var community = new RollupUnit
                {
                    Level = UnitLevel.Community, Id = c.Id, Name = c.Name, NameEn = c.NameEn, StreetId = s.Id, CommunityId = c.Id,
                };
                foreach (var g in c.Grids)
                {
                    var grid = new RollupUnit
                    {
                        Level = UnitLevel.Grid, Id = g.Id, Name = g.Name, NameEn = g.NameEn, StreetId = s.Id, CommunityId = c.Id,
                    };
                    if (gridCounters.TryGetValue(g.Id, out var counters)) grid.Leaves.Add(counters);
                    foreach (var (cohort, count) in openAtEnd?.GetValueOrDefault(g.Id) ?? new Dictionary<int, OpenCount>())
                        if (period.Contains(cohort)) grid.OpenAtEnd[cohort] = count;
                    community.Leaves.AddRange(grid.Leaves);
                    AddOpen(community.OpenAtEnd, grid.OpenAtEnd);
                    community.Children.Add(grid);
                    grids.Add(grid);
                }
                street.Leaves.AddRange(community.Leaves);
                AddOpen(street.OpenAtEnd, community.OpenAtEnd);
                street.Children.Add(community);
                communities.Add(community);
            }
            district.Leaves.AddRange(street.Leaves);
            AddOpen(district.OpenAtEnd, street.OpenAtEnd);
            district.Children.Add(street);
            streets.Add(street);
        }
        foreach (var unit in grids.Concat(communities).Concat(streets).Append(district)) unit.Complete(weights, ended);
        Rank(grids, minimumDecidedToRank);
        Rank(communities, minimumDecidedToRank);
        Rank(streets, minimumDecidedToRank);
        return new DistrictRollup
        {
            Period = period, PeriodEnded = ended, ReadAt = readAt, MinimumDecidedToRank = minimumDecidedToRank, Weights = weights,
            TimeZone = structure.TimeZone, District = district, Streets = streets, Communities = communities, Grids = grids,
        };
    }

    private static void AddOpen(Dictionary<int, OpenCount> into, Dictionary<int, OpenCount> from)
    {
        foreach (var (cohort, count) in from) into[cohort] = into.GetValueOrDefault(cohort) + count;
    }

    /// <summary>Competition ranking ("1, 2, 2, 4") by composite score, best first; only units with enough decided cases and a score.</summary>
    internal static void Rank(IEnumerable<RollupUnit> units, int minimum)
    {
        var ranked = units.Where(u => u.Figures.Decided >= minimum && u.Figures.Composite.Value is not null)
            .OrderByDescending(u => u.Figures.Composite.Value).ToList();
        for (var i = 0; i < ranked.Count; i++)
            ranked[i].Rank = i > 0 && ranked[i].Figures.Composite.Value == ranked[i - 1].Figures.Composite.Value ? ranked[i - 1].Rank : i + 1;
    }
}
