using GridGov.Grains.Domain;
using Orleans.Runtime;
using Orleans.Serialization;

namespace GridGov.Grains.Commit;

/// <summary>
/// Group commit for one grain's persistent state. Commands queue while a write is in flight; the next batch
/// is applied to a copy of the committed state, written once, and only then does the copy become committed
/// and the callers hear back. So one write carries many commands, a 2xx means durable, reads see only
/// committed state, and a failed write fails exactly the commands it carried. One write at a time, so the
/// ETag never races (dotnet/orleans#1185). Runs on the grain's scheduler: no locks.
/// </summary>
public sealed class GroupCommit<TState>(IPersistentState<TState> storage, DeepCopier copier, GroupCommit<TState>.Hooks hooks)
    where TState : class, new()
{
    /// <summary>What the owning grain adds around each batch.</summary>
    public sealed record Hooks(
        Action<TState>? BeginBatch = null,
        Func<TState, Task>? BeforeWrite = null,
        Action<TState>? AfterCommit = null,
        /// <summary>After the batch is applied, before it is written: what may be shown before it is durable.</summary>
        Action<TState>? AfterApply = null,
        /// <summary>
        /// The mean time between the starts of two writes under load: commands that arrive meanwhile share the next
        /// write. After a quiet spell up to <see cref="WriteBurst"/> writes go at once (a few commands in a row, as a
        /// person's, do not wait); then one per gap. For grains whose callers can wait (aggregates: their live view
        /// does not), to spend fewer storage writes under load; zero for grains whose callers wait on every write (grids).
        /// </summary>
        TimeSpan WriteGap = default);

    /// <summary>Writes that may start without waiting after a quiet spell of <see cref="Hooks.WriteGap"/> each.</summary>
    public const double WriteBurst = 3;

    /// <summary>Apply returns whether it changed the state (only changes need a write).</summary>
    private sealed record Command(Func<TState, bool> Apply, Action Complete, Action<Exception> Fail);

    private List<Command> _queue = [];
    private bool _running;
    /// <summary>Writes that may start now without waiting (a token bucket refilled at one per write gap).</summary>
    private double _writeTokens = WriteBurst;
    private long _tokensAt;

    /// <summary>The last state known to be in storage.</summary>
    public TState Committed { get; private set; } = storage.State;

    /// <summary>The state as last applied: the batch being written, else the committed state. For live views only.</summary>
    public TState Latest { get; private set; } = storage.State;

    /// <summary>Number of storage writes made; for diagnostics and tests.</summary>
    public long Writes { get; private set; }

    /// <summary>Queues <paramref name="apply"/>; completes after the write that carries it.</summary>
    public Task<T> Run<T>(Func<TState, T> apply) => Run(apply, _ => true);

    /// <summary>Queues <paramref name="apply"/>; a result that is not <paramref name="changed"/> needs no write of its own.</summary>
    public Task<T> Run<T>(Func<TState, T> apply, Func<T, bool> changed)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        T result = default!;
        _queue.Add(new Command(s => changed(result = apply(s)), () => done.TrySetResult(result), e => done.TrySetException(e)));
        if (!_running)
        {
            _running = true;
            _ = Drain();
        }
        return done.Task;
    }

    /// <summary>Queues a command that reports how many things it changed; zero needs no write.</summary>
    public Task<int> Try(Func<TState, int> apply) => Run(apply, n => n > 0);

    private async Task Drain()
    {
        try
        {
            while (_queue.Count > 0)
            {
                if (hooks.WriteGap > TimeSpan.Zero && TakeWriteToken() is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                    // A timer that fired a little early still spends what has accrued.
                    if (TakeWriteToken() > TimeSpan.Zero) _writeTokens = 0;
                }
                var batch = _queue;
                _queue = [];
                try
                {
                    await CommitBatch(batch);
                }
                catch (Exception e)
                {
                    // A fault outside the commands (a hook): nothing was written, so every command of the batch fails.
                    foreach (var command in batch) command.Fail(e);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Takes a write token if one is there (zero wait), else says how long until one is.</summary>
    private TimeSpan TakeWriteToken()
    {
        var now = TimeProvider.System.GetTimestamp();
        if (_tokensAt != 0)
            _writeTokens = Math.Min(WriteBurst, _writeTokens + TimeProvider.System.GetElapsedTime(_tokensAt, now) / hooks.WriteGap);
        _tokensAt = now;
        if (_writeTokens >= 1 - 1e-9)
        {
            _writeTokens = Math.Max(0, _writeTokens - 1);
            return TimeSpan.Zero;
        }
        return hooks.WriteGap * (1 - _writeTokens);
    }

    private async Task CommitBatch(List<Command> batch)
    {
        var working = copier.Copy(Committed);
        hooks.BeginBatch?.Invoke(working);
        var applied = new List<Command>(batch.Count);
        var dirty = false;
        foreach (var command in batch)
        {
            try
            {
                dirty |= command.Apply(working);
                applied.Add(command);
            }
            catch (DomainRuleException e)
            {
                // Domain rules throw before they change anything, so the batch goes on without this command.
                command.Fail(e);
            }
        }
        if (!dirty)
        {
            // Nothing changed: the committed state already says it all.
            foreach (var command in applied) command.Complete();
            return;
        }
        Latest = working;
        hooks.AfterApply?.Invoke(working);
        try
        {
            if (hooks.BeforeWrite is not null) await hooks.BeforeWrite(working);
            storage.State = working;
            Writes++;
            await storage.WriteStateAsync();
        }
        catch (Exception e)
        {
            await Recover();
            Latest = Committed;
            foreach (var command in applied) command.Fail(e);
            return;
        }
        Committed = working;
        foreach (var command in applied) command.Complete();
        hooks.AfterCommit?.Invoke(working);
    }

    /// <summary>After a failed write: put back what is stored, with a fresh ETag.</summary>
    private async Task Recover()
    {
        storage.State = Committed;
        try
        {
            await storage.ReadStateAsync();
            Committed = Latest = storage.State ?? new TState();
        }
        catch
        {
            // Storage unreachable: keep the last committed state; its ETag may be stale, so the next write
            // may fail with a conflict, which recovers again. Nothing uncommitted is ever shown.
        }
    }
}
