using GridGov.Grains.Aggregates;
using GridGov.Grains.Deputies;

namespace GridGov.Grains.Delivery;

/// <summary>Receiver keys ("community:ID", "street:ID", "district:ID", "deputy:ID") to grains, and senders back.</summary>
public static class Receivers
{
    public static IDeltaReceiver Resolve(IGrainFactory grains, string receiver) =>
        receiver.StartsWith("deputy:", StringComparison.Ordinal)
            ? grains.GetGrain<IDeputyGrain>(receiver["deputy:".Length..])
            : grains.GetGrain<IAggregateGrain>(receiver);

    /// <summary>Grids send with their bare id; aggregates with their scope key.</summary>
    public static IDeltaSender Sender(IGrainFactory grains, string sender) =>
        sender.Contains(':') ? grains.GetGrain<IAggregateGrain>(sender) : grains.GetGrain<Grids.IGridGrain>(sender);
}
