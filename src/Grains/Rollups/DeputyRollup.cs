using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Rollups;

/// <summary>Where a deputy is placed: one grid of the structure, with its community and street (for scope checks).</summary>
public sealed record DeputyPlace(string GridId, string StreetId, string CommunityId);

/// <summary>
/// One deputy in a rollup: <see cref="Unit"/> sums the issues they hold over every grid that sends to them (a reassigned
/// issue counts wholly for its new deputy); <see cref="Places"/> are the grids the structure places them in;
/// <see cref="ByGrid"/> is their share from each sending grid (a community fallback can send from a grid they are not placed in).
/// </summary>
public sealed record DeputyRollupEntry(RollupUnit Unit, IReadOnlyList<DeputyPlace> Places, IReadOnlyList<RollupUnit> ByGrid);

/// <summary>
/// A district's deputies for one period, from each deputy's own counters (not from the grids), ranked by composite
/// score among those that reach the minimum sample, as the other levels are. Plain logic: <see cref="DeputyRollupReader"/> reads.
/// </summary>
public sealed class DeputyRollup
{
    public required RollupPeriod Period { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
    public required int MinimumDecidedToRank { get; init; }
    public required ScoreWeights Weights { get; init; }
    public required string DistrictId { get; init; }
    public required string DistrictName { get; init; }
    public required string DistrictNameEn { get; init; }
    public required string TimeZone { get; init; }
    /// <summary>In the structure's order of deputies.</summary>
    public required IReadOnlyList<DeputyRollupEntry> Deputies { get; init; }

    public DeputyRollupEntry? Find(string deputyId) => Deputies.FirstOrDefault(d => d.Unit.Id == deputyId);

    /// <summary>
    /// Builds every deputy of <paramref name="structure"/> from <paramref name="counters"/> (deputy id -> sending grid id -> counters).
    /// Months outside the period and days are ignored; a deputy without counters counts as zero. The counter sets are shared, not copied: read-only.
    /// </summary>
    public static DeputyRollup Build(DistrictStructure structure, IReadOnlyDictionary<string, IReadOnlyDictionary<string, CounterSet>> counters,
        RollupPeriod period, ScoreWeights weights, int minimumDecidedToRank, DateTimeOffset readAt)
    {
        var grids = (from s in structure.Streets from c in s.Communities from g in c.Grids select (s, c, g)).ToList();
        var gridById = grids.ToDictionary(x => x.g.Id);
        var placesOf = grids.SelectMany(x => x.g.Deputies.Select(d => (Deputy: d, Place: new DeputyPlace(x.g.Id, x.s.Id, x.c.Id))))
            .GroupBy(x => x.Deputy).ToDictionary(x => x.Key, x => x.Select(p => p.Place).ToList());
        var entries = new List<DeputyRollupEntry>();
        foreach (var deputy in structure.Deputies)
        {
            var unit = new RollupUnit { Level = UnitLevel.Deputy, Id = deputy.Id, Name = deputy.Name, NameEn = deputy.NameEn };
            var byGrid = new List<RollupUnit>();
            foreach (var (gridId, set) in counters.GetValueOrDefault(deputy.Id) ?? new Dictionary<string, CounterSet>())
            {
                var known = gridById.TryGetValue(gridId, out var place);
                var grid = new RollupUnit
                {
                    Level = UnitLevel.Grid, Id = gridId, Name = known ? place.g.Name : gridId, NameEn = known ? place.g.NameEn : gridId,
                    StreetId = known ? place.s.Id : null, CommunityId = known ? place.c.Id : null,
                };
                if (!set.Months.Keys.Any(period.Contains)) continue;
                grid.Leaves.Add(GridCounters.Of(set, period));
                grid.Complete(weights, periodEnded: false); // deputies take no month-end snapshots: open is the gauge now
                unit.Leaves.AddRange(grid.Leaves);
                byGrid.Add(grid);
            }
            unit.Complete(weights, periodEnded: false);
            entries.Add(new DeputyRollupEntry(unit, placesOf.GetValueOrDefault(deputy.Id) ?? [],
                byGrid.OrderByDescending(g => g.Total.Received).ThenBy(g => g.Id, StringComparer.Ordinal).ToList()));
        }
        DistrictRollup.Rank(entries.Select(e => e.Unit), minimumDecidedToRank);
        return new DeputyRollup
        {
            Period = period, ReadAt = readAt, MinimumDecidedToRank = minimumDecidedToRank, Weights = weights,
            DistrictId = structure.Id, DistrictName = structure.Name, DistrictNameEn = structure.NameEn, TimeZone = structure.TimeZone, Deputies = entries,
        };
    }
}
