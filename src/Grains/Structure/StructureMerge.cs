using GridGov.Grains.Aggregates;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Structure;

/// <summary>Units an import removed: kept with their last profile so they stay retired, never deleted.</summary>
[GenerateSerializer]
public sealed class RetiredUnits
{
    [Id(0)] public Dictionary<string, GridProfile> Grids { get; init; } = [];
    [Id(1)] public Dictionary<string, ScopeProfile> Scopes { get; init; } = [];
    [Id(2)] public Dictionary<string, DeputyProfile> Deputies { get; init; } = [];
}

public sealed record DeputyPlacement(DeputyProfile Profile, IReadOnlyList<string> Grids, bool Retired);

/// <summary>What an import sets on every unit, retired ones included.</summary>
public sealed record StructurePlan(
    IReadOnlyList<DeputyPlacement> Deputies,
    IReadOnlyList<GridProfile> Grids,
    IReadOnlyList<ScopeProfile> Scopes,
    RetiredUnits Retired,
    IReadOnlyList<UnitKey> NewlyRetired);

/// <summary>Turns an imported district (and the one before it) into the profile of every unit.</summary>
public static class StructureMerge
{
    public static StructurePlan Merge(DistrictStructure? previous, DistrictStructure next, RetiredUnits? retiredBefore = null)
    {
        var grids = Grids(next).ToList();
        var scopes = Scopes(next).ToList();
        var placements = grids.SelectMany(g => g.Deputies.Select(d => (Deputy: d, Grid: g.Id)))
            .GroupBy(p => p.Deputy).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Grid).ToList());
        var deputies = next.Deputies.Select(d => new DeputyPlacement(d, placements.GetValueOrDefault(d.Id) ?? [], false)).ToList();

        var retired = retiredBefore ?? new RetiredUnits();
        foreach (var id in grids.Select(g => g.Id)) retired.Grids.Remove(id);
        foreach (var key in scopes.Select(Key)) retired.Scopes.Remove(key);
        foreach (var id in deputies.Select(d => d.Profile.Id)) retired.Deputies.Remove(id);
        var newlyRetired = new List<UnitKey>();
        if (previous is not null)
        {
            var gridIds = grids.Select(g => g.Id).ToHashSet();
            foreach (var g in Grids(previous).Where(g => !gridIds.Contains(g.Id)))
            {
                retired.Grids[g.Id] = g with { Retired = true, Deputies = [] };
                newlyRetired.Add(g.Key);
            }
            var scopeKeys = scopes.Select(Key).ToHashSet();
            foreach (var s in Scopes(previous).Where(s => !scopeKeys.Contains(Key(s))))
            {
                retired.Scopes[Key(s)] = s with { Retired = true };
                newlyRetired.Add(s.Key);
            }
            var deputyIds = deputies.Select(d => d.Profile.Id).ToHashSet();
            foreach (var d in previous.Deputies.Where(d => !deputyIds.Contains(d.Id)))
            {
                retired.Deputies[d.Id] = d;
                newlyRetired.Add(UnitKey.Deputy(d.Id));
            }
        }
        return new StructurePlan(
            [.. deputies, .. retired.Deputies.Values.Select(d => new DeputyPlacement(d, [], true))],
            [.. grids, .. retired.Grids.Values],
            [.. scopes, .. retired.Scopes.Values],
            retired,
            newlyRetired);
    }

    private static string Key(ScopeProfile s) => s.Key.Key;

    private static IEnumerable<GridProfile> Grids(DistrictStructure d) =>
        from s in d.Streets
        from c in s.Communities
        from g in c.Grids
        select new GridProfile(g.Id, g.Name, g.NameEn, d.Id, s.Id, c.Id, g.Deputies ?? [], d.AutoAccept, d.TimeZone,
            CommunityDeputies: c.Grids.Where(o => o.Id != g.Id).SelectMany(o => o.Deputies ?? []).Except(g.Deputies ?? []).Distinct().Order().ToList());

    private static IEnumerable<ScopeProfile> Scopes(DistrictStructure d)
    {
        var district = UnitKey.District(d.Id);
        yield return new ScopeProfile(UnitLevel.District, d.Id, d.Name, d.NameEn, null,
            d.Streets.Select(s => new ChildRef(s.Id, s.Name, s.NameEn)).ToList(), d.TimeZone);
        foreach (var s in d.Streets)
        {
            var street = UnitKey.Street(s.Id);
            yield return new ScopeProfile(UnitLevel.Street, s.Id, s.Name, s.NameEn, district,
                s.Communities.Select(c => new ChildRef(c.Id, c.Name, c.NameEn)).ToList(), d.TimeZone);
            foreach (var c in s.Communities)
                yield return new ScopeProfile(UnitLevel.Community, c.Id, c.Name, c.NameEn, street,
                    c.Grids.Select(g => new ChildRef(g.Id, g.Name, g.NameEn)).ToList(), d.TimeZone);
        }
    }
}
