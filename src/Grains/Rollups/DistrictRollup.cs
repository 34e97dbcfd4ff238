using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Rollups;

public enum RollupLevel
{
    Grid,
    Community,
    Street,
    District,
    /// <summary>A deputy: the issues they hold, from every grid that sends to them (<see cref="DeputyRollup"/>).</summary>
    Deputy,
}

/// <summary>One unit of a rollup: its place, its counters for the period (months x cells) and what follows from them.</summary>
public sealed class RollupUnit
{
    public required RollupLevel Level { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string NameEn { get; init; }
    public string? StreetId { get; init; }
    public string? CommunityId { get; init; }
    /// <summary>The counters of the period: months within it only, no days.</summary>
    public CounterSet Counters { get; } = new();
    public List<RollupUnit> Children { get; } = [];
    public Tally Total { get; private set; } = new();
    public RollupFigures Figures { get; private set; } = null!;
    /// <summary>1 = best composite score among units of the level that reach the minimum sample; null otherwise.</summary>
    public int? Rank { get; internal set; }

    internal void Complete(ScoreWeights weights)
    {
        Total = Counters.Total();
        Figures = RollupFigures.Of(Total, weights);
    }

    public IReadOnlyList<(string Category, Tally Tally)> ByCategory() =>
        Slices(c => c.Category).OrderByDescending(s => s.Tally.Received).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();

    public IReadOnlyList<(IssueChannel Channel, Tally Tally)> ByChannel() =>
        Slices(c => c.Channel).OrderBy(s => s.Key).ToList();

    /// <summary>Every month of <paramref name="period"/>, zero where nothing happened.</summary>
    public IReadOnlyList<(int Month, Tally Tally)> ByMonth(RollupPeriod period) =>
        period.Months.Select(m => (m, Counters.Month(m))).ToList();

    private IEnumerable<(TKey Key, Tally Tally)> Slices<TKey>(Func<CellKey, TKey> key) where TKey : notnull
    {
        var slices = new Dictionary<TKey, Tally>();
        foreach (var (cell, tally) in Counters.Months.Values.SelectMany(m => m))
        {
            if (!slices.TryGetValue(key(cell), out var t)) slices[key(cell)] = t = new Tally();
            t.Add(tally);
        }
        return slices.Select(s => (s.Key, s.Value));
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
    public required DateTimeOffset ReadAt { get; init; }
    public required int MinimumDecidedToRank { get; init; }
    public required ScoreWeights Weights { get; init; }
    public required RollupUnit District { get; init; }
    public required IReadOnlyList<RollupUnit> Streets { get; init; }
    public required IReadOnlyList<RollupUnit> Communities { get; init; }
    public required IReadOnlyList<RollupUnit> Grids { get; init; }

    public IReadOnlyList<RollupUnit> Level(RollupLevel level) => level switch
    {
        RollupLevel.Grid => Grids,
        RollupLevel.Community => Communities,
        RollupLevel.Street => Streets,
        _ => [District],
    };

    public RollupUnit? Find(RollupLevel level, string id) => Level(level).FirstOrDefault(u => u.Id == id);

    /// <summary>
    /// Sums <paramref name="gridCounters"/> (grid id -> that grid's counters of the period) up <paramref name="structure"/>.
    /// Months outside the period are ignored; grids without counters count as zero.
    /// </summary>
    public static DistrictRollup Build(DistrictStructure structure, IReadOnlyDictionary<string, CounterSet> gridCounters, RollupPeriod period,
        ScoreWeights weights, int minimumDecidedToRank, DateTimeOffset readAt)
    {
        var district = new RollupUnit { Level = RollupLevel.District, Id = structure.Id, Name = structure.Name, NameEn = structure.NameEn };
        var streets = new List<RollupUnit>();
        var communities = new List<RollupUnit>();
        var grids = new List<RollupUnit>();
        foreach (var s in structure.Streets)
        {
            var street = new RollupUnit { Level = RollupLevel.Street, Id = s.Id, Name = s.Name, NameEn = s.NameEn, StreetId = s.Id };
            foreach (var c in s.Communities)
            {
                var community = new RollupUnit
                {
                    Level = RollupLevel.Community, Id = c.Id, Name = c.Name, NameEn = c.NameEn, StreetId = s.Id, CommunityId = c.Id,
                };
                foreach (var g in c.Grids)
                {
                    var grid = new RollupUnit
                    {
                        Level = RollupLevel.Grid, Id = g.Id, Name = g.Name, NameEn = g.NameEn, StreetId = s.Id, CommunityId = c.Id,
                    };
                    if (gridCounters.TryGetValue(g.Id, out var counters)) grid.Counters.Add(counters);
                    foreach (var month in grid.Counters.Months.Keys.Where(m => !period.Contains(m)).ToList()) grid.Counters.Months.Remove(month);
                    grid.Counters.Days.Clear();
                    community.Counters.Add(grid.Counters);
                    community.Children.Add(grid);
                    grids.Add(grid);
                }
                street.Counters.Add(community.Counters);
                street.Children.Add(community);
                communities.Add(community);
            }
            district.Counters.Add(street.Counters);
            district.Children.Add(street);
            streets.Add(street);
        }
        foreach (var unit in grids.Concat(communities).Concat(streets).Append(district)) unit.Complete(weights);
        Rank(grids, minimumDecidedToRank);
        Rank(communities, minimumDecidedToRank);
        Rank(streets, minimumDecidedToRank);
        return new DistrictRollup
        {
            Period = period, ReadAt = readAt, MinimumDecidedToRank = minimumDecidedToRank, Weights = weights,
            District = district, Streets = streets, Communities = communities, Grids = grids,
        };
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
