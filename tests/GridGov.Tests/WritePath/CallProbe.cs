namespace GridGov.Tests.WritePath;

/// <summary>
/// An incoming grain call filter that counts, per grain and method, the calls that have begun: a call counts
/// once the grain method has run up to its first await. A grid's Submit with no deputies to ask for their loads
/// queues its command before that first await, so "N calls begun" means "N commands queued".
/// </summary>
public sealed class CallProbe : IIncomingGrainCallFilter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId, string), int> _begun = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var call = context.Invoke();
        lock (_lock)
        {
            var key = (context.TargetId, context.MethodName);
            _begun[key] = _begun.GetValueOrDefault(key) + 1;
            var changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
        await call;
    }

    public int Begun(IAddressable grain, string method)
    {
        lock (_lock) return _begun.GetValueOrDefault((grain.GetGrainId(), method));
    }

    /// <summary>Waits, woken by each call, until <paramref name="count"/> calls of <paramref name="method"/> have begun.</summary>
    public async Task WaitForBegun(IAddressable grain, string method, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_lock) changed = _changed.Task;
            if (Begun(grain, method) >= count) return;
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {Begun(grain, method)} of {count} calls to {method} began.");
            }
        }
    }
}
