using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Delivery;

/// <summary>A grain that takes numbered deltas: an aggregate or a deputy.</summary>
public interface IDeltaReceiver : IGrainWithStringKey
{
    /// <summary>Applies <paramref name="delta"/> if it is next (resynchronising first on a gap); returns the last number applied from its sender.</summary>
    Task<long> Receive(Delta delta);

    /// <summary>What <paramref name="sender"/> has given this receiver so far, as applied here.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<CounterSet> GetShare(string sender);
}

/// <summary>A grain that sends deltas and can give a receiver its whole contribution after a gap.</summary>
public interface IDeltaSender : IGrainWithStringKey
{
    Task<Contribution> GetContribution(string receiver);

    /// <summary>Whether every committed delta has been acknowledged by its receiver (and delivery is kicked if not).</summary>
    Task<bool> IsDrained();
}

/// <summary>Everything a sender has contributed to one receiver, up to delta number <see cref="Seq"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record Contribution(
    [property: Id(0)] long Seq,
    [property: Id(1)] CounterSet Counters,
    [property: Id(2)] IReadOnlyDictionary<string, IssueCard> Cards,
    [property: Id(3)] IReadOnlyDictionary<string, long> Origins);
