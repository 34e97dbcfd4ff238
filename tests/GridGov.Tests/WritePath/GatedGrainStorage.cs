using System.Collections.Concurrent;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain.Grids;
using Orleans.Storage;

namespace GridGov.Tests.WritePath;

/// <summary>
/// The real Azure table storage provider with a hand on its writes, per grain: counts reads and writes, holds
/// writes on a gate the test opens, and fails writes without writing them. Settings apply to writes that arrive
/// after they are made, so a write already held keeps its fate when the test arms a failure behind it.
/// </summary>
public sealed class GatedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, GrainWrites> _grains = new();

    /// <summary>The counters and controls of one grain's writes.</summary>
    public GrainWrites For(GrainId grain) => _grains.GetOrAdd(grain, _ => new GrainWrites());

    public GrainWrites For(IAddressable grain) => For(grain.GetGrainId());

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        For(grainId).Read();
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var writes = For(grainId);
        var (gate, fate) = writes.Arrive();
        if (gate is not null) await gate;
        if (fate == Fate.Fail)
        {
            writes.Failed();
            throw new InjectedWriteFailure(grainId);
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
        writes.Completed(CommitOf(grainState.State));
        if (fate == Fate.FailAfterWriting)
        {
            writes.Failed();
            throw new InjectedWriteFailure(grainId, written: true);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    private static long? CommitOf(object? state) => state switch
    {
        GridState g => g.Commit,
        AggregateState a => a.Commit,
        DeputyState d => d.Commit,
        _ => null,
    };
}

/// <summary>One grain's writes as the storage saw them, and what to do with the next ones.</summary>
public sealed class GrainWrites
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly List<long> _commits = [];
    private TaskCompletionSource _changed = NewSignal();
    private Gate? _gate;
    private int _failNext;
    private int _failAfterWriting;
    private int _reads, _attempts, _completed, _failed;

    /// <summary>Reads of this grain's state (activation, and recovery after a failed write).</summary>
    public int Reads { get { lock (_lock) return _reads; } }
    /// <summary>Writes that reached the storage, held, failed or written.</summary>
    public int Attempts { get { lock (_lock) return _attempts; } }
    /// <summary>Writes that the real storage took.</summary>
    public int Writes { get { lock (_lock) return _completed; } }
    /// <summary>Writes reported as failed on purpose (written or not).</summary>
    public int Failures { get { lock (_lock) return _failed; } }
    /// <summary>The commit numbers of the states the real storage took, in order.</summary>
    public IReadOnlyList<long> Commits { get { lock (_lock) return _commits.ToList(); } }

    /// <summary>Holds the next write that arrives until the returned gate is released.</summary>
    public Gate HoldNext()
    {
        lock (_lock)
        {
            if (_gate is { Taken: false }) throw new InvalidOperationException("A gate is already waiting for a write.");
            return _gate = new Gate();
        }
    }

    /// <summary>Fails the next <paramref name="count"/> writes that arrive, without writing them.</summary>
    public void FailNext(int count = 1)
    {
        lock (_lock) _failNext = count;
    }

    /// <summary>
    /// Writes the next <paramref name="count"/> writes that arrive, then reports them failed: an ambiguous failure,
    /// like a timeout after the storage took the write.
    /// </summary>
    public void FailNextAfterWriting(int count = 1)
    {
        lock (_lock) _failAfterWriting = count;
    }

    /// <summary>Writes from now on go through again.</summary>
    public void StopFailing()
    {
        lock (_lock) _failNext = _failAfterWriting = 0;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, woken by each read or write; fails after a bounded time.</summary>
    public async Task WaitUntil(Func<GrainWrites, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_lock) changed = _changed.Task;
            if (condition(this)) return;
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Storage never got there: {this}");
            }
        }
    }

    public override string ToString() =>
        $"reads {Reads}, attempts {Attempts}, written {Writes}, failed {Failures}, commits [{string.Join(", ", Commits)}]";

    internal (Task? Gate, Fate Fate) Arrive()
    {
        Task? held = null;
        var fate = Fate.Write;
        lock (_lock)
        {
            _attempts++;
            if (_gate is { Taken: false } gate)
            {
                gate.Take();
                held = gate.Released;
            }
            if (_failNext > 0)
            {
                _failNext--;
                fate = Fate.Fail;
            }
            else if (_failAfterWriting > 0)
            {
                _failAfterWriting--;
                fate = Fate.FailAfterWriting;
            }
            Signal();
        }
        return (held, fate);
    }

    internal void Read()
    {
        lock (_lock)
        {
            _reads++;
            Signal();
        }
    }

    internal void Failed()
    {
        lock (_lock)
        {
            _failed++;
            Signal();
        }
    }

    internal void Completed(long? commit)
    {
        lock (_lock)
        {
            _completed++;
            if (commit is { } c) _commits.Add(c);
            Signal();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A closed gate for one write: <see cref="Reached"/> completes when the write is waiting at it.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public bool Taken => _reached.Task.IsCompleted;

    internal Task Released => _released.Task;

    public void Release() => _released.TrySetResult();

    internal void Take() => _reached.TrySetResult();
}

internal enum Fate
{
    Write,
    Fail,
    FailAfterWriting,
}

/// <summary>A write the test failed on purpose: before it reached storage, or (<paramref name="written"/>) after.</summary>
public sealed class InjectedWriteFailure(GrainId grain, bool written = false)
    : Exception($"{Marker}: write of {grain} {(written ? "written, then reported failed" : "failed, nothing written")}")
{
    public const string Marker = "injected write failure";
}
