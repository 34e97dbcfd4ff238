using GridGov.Grains.Aggregates;

namespace GridGov.Grains.Delivery;

/// <summary>Outbox receivers (aggregates and deputies, by key) to grains, and delta senders (by address) back.</summary>
public static class Receivers
{
    public static IDeltaReceiver Resolve(IGrainFactory grains, string receiver)
    {
        var unit = UnitKey.Parse(receiver);
        return unit.Level == UnitLevel.Deputy ? grains.DeputyOf(unit) : grains.AggregateOf(unit);
    }

    public static IDeltaSender Sender(IGrainFactory grains, string sender)
    {
        var unit = UnitKey.OfAddress(sender);
        return unit.Level == UnitLevel.Grid ? grains.GridOf(unit) : grains.AggregateOf(unit);
    }
}
