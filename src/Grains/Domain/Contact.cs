namespace GridGov.Grains.Domain;

/// <summary>A resident's optional contact details. Shown only to the deputy and operators of its scope.</summary>
[GenerateSerializer, Immutable]
public sealed record Contact([property: Id(0)] string? Name, [property: Id(1)] string? Phone);

/// <summary>Where the issue is: coordinates and/or an address, all optional.</summary>
[GenerateSerializer, Immutable]
public sealed record Location([property: Id(0)] double? Latitude, [property: Id(1)] double? Longitude, [property: Id(2)] string? Address);
