using GridGov.Grains.Domain.Units;

namespace GridGov.Grains.Domain.Grids;

/// <summary>A grid's place in the district and its deputies, as last imported.</summary>
[GenerateSerializer, Immutable]
public sealed record GridProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string DistrictId,
    [property: Id(4)] string StreetId,
    [property: Id(5)] string CommunityId,
    [property: Id(6)] IReadOnlyList<string> Deputies,
    [property: Id(7)] bool AutoAccept = true,
    [property: Id(8)] string TimeZone = DistrictCalendar.DefaultZone,
    /// <summary>Removed from the district by a re-import: kept, never deleted, takes no new issues.</summary>
    [property: Id(9)] bool Retired = false,
    /// <summary>Deputies of the community's other grids: who takes an issue when none of this grid's deputies can.</summary>
    [property: Id(10)] IReadOnlyList<string>? CommunityDeputies = null)
{
    public UnitKey Key => UnitKey.Grid(Id);

    /// <summary>This grid and the units above it: grid, community, street, district.</summary>
    public IReadOnlyList<UnitKey> Units => [Key, UnitKey.Community(CommunityId), UnitKey.Street(StreetId), UnitKey.District(DistrictId)];
}
