using GridGov.Grains.Live;
using GridGov.Grains.Delivery;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Aggregates;

/// <summary>
/// A community, street or district (keyed by scope key). Receives its children's deltas, never re-reads them
/// per event, and forwards the change to its parent through its own outbox.
/// </summary>
public interface IAggregateGrain : IDeltaReceiver, IDeltaSender
{
    [Orleans.Concurrency.ReadOnly]
    Task<ScopeSnapshot> GetSnapshot();

    Task Configure(ScopeProfile profile);

    /// <summary>A grid delta a child heard of, for the live view only (the durable copy follows through the outbox).</summary>
    [Orleans.Concurrency.OneWay]
    Task Hint(LiveHint hint);

    /// <summary>The scope's live figures now, with every grid commit it covers.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Live.LiveStats?> GetLiveStats();
}

/// <summary>An aggregate's figures: its own counters and each child's, and which grid commits they reach.</summary>
[GenerateSerializer, Immutable]
public sealed record ScopeSnapshot(
    [property: Id(0)] ScopeProfile? Profile,
    [property: Id(1)] CounterSet Counters,
    [property: Id(2)] IReadOnlyDictionary<string, CounterSet> Children,
    [property: Id(3)] IReadOnlyDictionary<string, long> Origins,
    /// <summary>How many deltas this aggregate has applied: grows with every change it shows.</summary>
    [property: Id(4)] long Version);
