using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Aggregates;

/// <summary>An aggregate's stored state: its profile, each child's contribution, and deltas for its parent.</summary>
[GenerateSerializer]
public sealed class AggregateState
{
    [Id(0)] public ScopeProfile? Profile { get; set; }
    [Id(1)] public Inbox Inbox { get; init; } = new();
    [Id(2)] public Outbox Outbox { get; init; } = new();
    [Id(3)] public long Commit { get; set; }
}
