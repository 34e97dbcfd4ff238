using GridGov.Grains.Domain.Units;

namespace GridGov.Grains.Aggregates;

/// <summary>A community, street or district: its names, its parent and its children (ids and names).</summary>
[GenerateSerializer, Immutable]
public sealed record ScopeProfile(
    [property: Id(0)] UnitLevel Level,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] string NameEn,
    /// <summary>The street of a community, the district of a street; null for a district.</summary>
    [property: Id(4)] UnitKey? Parent,
    [property: Id(5)] IReadOnlyList<ChildRef> Children,
    [property: Id(6)] string TimeZone = Domain.DistrictCalendar.DefaultZone,
    [property: Id(7)] bool Retired = false)
{
    public UnitKey Key => new(Level, Id);
}

/// <summary>A child unit: a grid of a community, a community of a street, a street of a district.</summary>
[GenerateSerializer, Immutable]
public sealed record ChildRef([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string NameEn, [property: Id(3)] bool Retired = false);
