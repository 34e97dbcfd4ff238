using GridGov.Grains.Domain.Deltas;
using Microsoft.Extensions.Logging;

namespace GridGov.Grains.Delivery;

/// <summary>
/// Sends a grain's committed outbox: per receiver one message in flight, everything pending merged into it,
/// retried with back-off until acknowledged. Lives in the sending grain and runs on its scheduler. Once the host is
/// <paramref name="stopping"/> it starts no call and retries none (receivers are deactivating: each call would fail
/// and log): the outbox is stored, and the sender's next activation delivers what is left (a grid's wake-up reminder
/// brings it back for that; an aggregate's next child delta does).
/// </summary>
public sealed class OutboxDelivery(string sender, IGrainFactory grains, Func<Outbox> committed, ILogger logger, CancellationToken stopping)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, long> _acknowledged = [];
    private readonly HashSet<string> _inFlight = [];
    /// <summary>Receiver -> the last delta number sent or told ahead to it.</summary>
    private readonly Dictionary<string, long> _told = [];
    /// <summary>Receiver references, made once: Orleans resolves a reference's interface by reflection each time.</summary>
    private readonly Dictionary<string, IDeltaReceiver> _receivers = [];

    public IReadOnlyDictionary<string, long> Acknowledged => _acknowledged;

    /// <summary>True while anything committed is not yet acknowledged.</summary>
    public bool Busy => _inFlight.Count > 0;

    /// <summary>Every committed delta acknowledged by its receiver.</summary>
    public bool Drained => committed().Queues.All(q => q.Value.Pending.All(d => d.ToSeq <= _acknowledged.GetValueOrDefault(q.Key)));

    /// <summary>Starts delivery to every receiver with something pending and nothing in flight.</summary>
    public void Kick()
    {
        if (stopping.IsCancellationRequested) return;
        foreach (var (receiver, queue) in committed().Queues)
        {
            if (!_inFlight.Contains(receiver))
            {
                if (queue.Pending.Any(d => d.ToSeq > _acknowledged.GetValueOrDefault(receiver))) _ = Deliver(receiver);
            }
            else TellAhead(receiver, queue);
        }
    }

    /// <summary>
    /// A grid's community and deputies take one delta at a time, each after their own storage write: deltas committed
    /// meanwhile are told ahead to them as hints, shown at once (at every level above the community, on the deputy's
    /// screens) and counted only when the durable copy comes. Aggregates tell their parents themselves.
    /// </summary>
    private void TellAhead(string receiver, Domain.Deltas.OutboxQueue queue)
    {
        if (UnitKey.OfAddress(sender).Level != UnitLevel.Grid) return;
        var to = UnitKey.Parse(receiver).Level;
        var toCommunity = to == UnitLevel.Community;
        if (!toCommunity && to != UnitLevel.Deputy) return;
        var told = Math.Max(_told.GetValueOrDefault(receiver), _acknowledged.GetValueOrDefault(receiver));
        foreach (var delta in queue.Pending.Where(d => d.ToSeq > told))
        {
            if (toCommunity && Live.LiveHint.OfGridDelta(delta) is { } hint)
                ((Aggregates.IAggregateGrain)Receiver(receiver)).Hint(hint).Ignore();
            else if (!toCommunity && delta.Cards.Count > 0)
                ((Deputies.IDeputyGrain)Receiver(receiver)).Hint(new Live.CardHint(sender, delta.ToSeq, delta.Cards.ToDictionary())).Ignore();
            _told[receiver] = delta.ToSeq;
        }
    }

    private IDeltaReceiver Receiver(string key)
    {
        if (!_receivers.TryGetValue(key, out var receiver)) _receivers[key] = receiver = Receivers.Resolve(grains, key);
        return receiver;
    }

    private async Task Deliver(string receiver)
    {
        _inFlight.Add(receiver);
        var backoff = TimeSpan.FromMilliseconds(100);
        // Whether the receiver's position is known: not before its first answer in this activation, nor after a
        // failed call (it may have applied the message and lost the answer). Until then send the oldest delta alone:
        // merged with later commits it could overlap what the receiver applied and be taken for a gap.
        var known = _acknowledged.ContainsKey(receiver);
        try
        {
            while (!stopping.IsCancellationRequested && committed().Next(sender, receiver, _acknowledged.GetValueOrDefault(receiver), merge: known) is { } delta)
            {
                try
                {
                    _told[receiver] = Math.Max(delta.ToSeq, _told.GetValueOrDefault(receiver));
                    var applied = await Receiver(receiver).Receive(delta);
                    _acknowledged[receiver] = Math.Max(applied, _acknowledged.GetValueOrDefault(receiver));
                    known = true;
                    backoff = TimeSpan.FromMilliseconds(100);
                }
                catch (Exception e)
                {
                    known = false;
                    if (stopping.IsCancellationRequested) return;
                    logger.LogWarning(e, "Delivery from {Sender} to {Receiver} failed; retrying in {Backoff}", sender, receiver, backoff);
                    await Task.Delay(backoff, stopping).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
                    backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                }
            }
        }
        finally
        {
            _inFlight.Remove(receiver);
        }
    }
}
