using GridGov.Grains.Domain.Deltas;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Deputies;

/// <summary>A deputy's profile, grids, and what each grid has told them: their issue cards and counters.</summary>
[GenerateSerializer]
public sealed class DeputyState
{
    [Id(0)] public DeputyProfile? Profile { get; set; }
    [Id(1)] public List<string> Grids { get; set; } = [];
    [Id(2)] public Inbox Inbox { get; init; } = new();
    [Id(3)] public bool Retired { get; set; }
    [Id(4)] public long Commit { get; set; }
    /// <summary>Leave periods: the deputy is skipped by automatic assignment while one covers now.</summary>
    [Id(5)] public List<LeavePeriod> Leaves { get; set; } = [];
}

[GenerateSerializer, Immutable]
public sealed record LeavePeriod([property: Id(0)] DateTimeOffset From, [property: Id(1)] DateTimeOffset To, [property: Id(2)] string? Reason);
