namespace GridGov.Grains.Domain.Structure;

/// <summary>A whole district as imported by PUT /api/structure: streets, communities, grids, deputies.</summary>
[GenerateSerializer, Immutable]
public sealed record DistrictStructure(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] IReadOnlyList<StreetNode> Streets,
    [property: Id(4)] IReadOnlyList<DeputyProfile> Deputies,
    [property: Id(5)] IReadOnlyList<Department>? Departments = null,
    [property: Id(6)] string TimeZone = DistrictCalendar.DefaultZone,
    /// <summary>False: an operator accepts or declines each issue by hand.</summary>
    [property: Id(7)] bool AutoAccept = true);

[GenerateSerializer, Immutable]
public sealed record StreetNode(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] IReadOnlyList<CommunityNode> Communities);

[GenerateSerializer, Immutable]
public sealed record CommunityNode(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] IReadOnlyList<GridNode> Grids);

[GenerateSerializer, Immutable]
public sealed record GridNode(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    /// <summary>Ids of the deputies placed in this grid.</summary>
    [property: Id(3)] IReadOnlyList<string> Deputies);

/// <summary>A people's-congress deputy; level is e.g. "city" or "district".</summary>
[GenerateSerializer, Immutable]
public sealed record DeputyProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string Level,
    [property: Id(4)] string? Contact = null);

/// <summary>A government department issues can be transferred to.</summary>
[GenerateSerializer, Immutable]
public sealed record Department([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string NameEn);
