using System.Collections.Concurrent;
using GridGov.Grains;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Grids;
using GridGov.Grains.Structure;
using Microsoft.Extensions.Options;

namespace GridGov.Silo.Demo;

/// <summary>
/// Makes a district move as a real one would: residents file issues at the configured rate through
/// <see cref="IGridGrain.Submit"/>, the assigned deputy acts on each (as <c>deputy:{id}</c>) and some residents
/// rate, through <see cref="IGridGrain.Act"/>, exactly as the HTTP API does. One loop draws every issue and fate
/// from the seeded <see cref="TrafficPlan"/>, keeps the pending steps in a bounded <see cref="TrafficSchedule"/>,
/// waits on the domain clock and hands due work to at most <see cref="DemoTrafficOptions.MaxConcurrency"/> calls.
/// A rejected action is logged at debug level and the issue is dropped; nothing here stops the host.
/// </summary>
public sealed class DemoTrafficWorker(
    IGrainFactory grains,
    IOptions<DemoTrafficOptions> options,
    [FromKeyedServices(GridGovTime.Key)] TimeProvider time,
    ILogger<DemoTrafficWorker> logger) : BackgroundService
{
    /// <summary>How often to look again for a district that is not imported yet (domain time).</summary>
    public static readonly TimeSpan DistrictRetry = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
    public const int MaxAttempts = 3;

    private readonly DemoTrafficOptions _options = options.Value;
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly TrafficSchedule _schedule = new(options.Value.MaxPending);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));
    private TaskCompletionSource _wake = NewWake();
    private int _inFlight;
    private long _caughtUpTicks = DateTimeOffset.MinValue.UtcTicks;

    public TrafficCounters Counters { get; } = new();

    /// <summary>
    /// Everything due before this domain time is done (set when the worker goes idle to wait for its next due
    /// time): tests advance a fake clock and wait until this passes it.
    /// </summary>
    public DateTimeOffset CaughtUpTo => new(Interlocked.Read(ref _caughtUpTicks), TimeSpan.Zero);

    public TrafficSchedule Schedule => _schedule;

    /// <summary>Calls (and the start-up adoption) in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        try
        {
            await Run(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Demo traffic stopped");
        }
        finally
        {
            // Let calls in flight finish (they are short), so the silo is not stopped under them.
            await Task.WhenAll(_running.Keys).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task Run(CancellationToken ct)
    {
        var structure = await WaitForDistrict(ct);
        var grids = structure.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();
        var seed = _options.Seed ?? Random.Shared.Next();
        var plan = new TrafficPlan(_options.Mix, grids, seed, _options.TimeScale);
        logger.LogInformation(
            "Demo traffic on district {District} ({Grids} grids): {Rate} issues a minute, time scale {Scale} (one real minute = {Simulated}), seed {Seed}",
            structure.Id, grids.Count, _options.IssuesPerMinute, _options.TimeScale, TimeSpan.FromMinutes(_options.TimeScale), seed);

        var now = time.GetUtcNow();
        if (_options.AdoptOpenIssues)
        {
            Interlocked.Increment(ref _inFlight);
            Track(Adopt(new TrafficPlan(_options.Mix, grids, unchecked(seed + 1), _options.TimeScale), grids, now, ct));
        }

        long order = 0;
        var nextArrival = now + plan.NextArrival(_options.IssuesPerMinute);
        var nextReport = now + ReportEvery;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var wake = Volatile.Read(ref _wake);
            if (wake.Task.IsCompleted) Volatile.Write(ref _wake, wake = NewWake());
            var idle = Volatile.Read(ref _inFlight) == 0;
            now = time.GetUtcNow();
            if (nextArrival is { } arrival && arrival <= now)
            {
                nextArrival = arrival + plan.NextArrival(_options.IssuesPerMinute);
                var planned = plan.NextIssue();
                var n = ++order;
                if (_schedule.TryReserve()) await Dispatch(() => File(planned, arrival, n), ct);
                else Counters.Add(ref Counters.Skipped);
                continue;
            }
            if (_schedule.TryTakeDue(now, out var followUp))
            {
                await Dispatch(() => Act(followUp), ct);
                continue;
            }
            if (now >= nextReport)
            {
                Report();
                nextReport = now + ReportEvery;
            }
            var due = Earliest(nextArrival, _schedule.NextDue, nextReport);
            if (idle) Interlocked.Exchange(ref _caughtUpTicks, (due ?? DateTimeOffset.MaxValue).UtcTicks);
            await WaitUntil(due, wake.Task, ct);
        }
    }

    private async Task<DistrictStructure> WaitForDistrict(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var district = grains.GetGrain<IDistrictGrain>(_options.DistrictId);
                if (await district.GetImportStatus() == ImportStatus.Done && await district.GetStructure() is { Streets.Count: > 0 } structure)
                    return structure;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "Demo traffic: reading district {District} failed; trying again", _options.DistrictId);
            }
            await Task.Delay(DistrictRetry, time, ct);
        }
    }

    /// <summary>
    /// Takes up the issues an earlier run left held in the district's grids (received before
    /// <paramref name="startedAt"/>), beside the new traffic: with a plan of its own, sharing the call slots.
    /// </summary>
    private async Task Adopt(TrafficPlan plan, IReadOnlyList<string> grids, DateTimeOffset startedAt, CancellationToken ct)
    {
        try
        {
            await AdoptHeld(plan, grids, startedAt, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Volatile.Read(ref _wake).TrySetResult();
        }
    }

    private async Task AdoptHeld(TrafficPlan plan, IReadOnlyList<string> grids, DateTimeOffset startedAt, CancellationToken ct)
    {
        var held = new ConcurrentDictionary<int, IReadOnlyList<Issue>>();
        await Parallel.ForEachAsync(Enumerable.Range(0, grids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrency), CancellationToken = ct },
            async (i, token) =>
            {
                await _slots.WaitAsync(token);
                try
                {
                    held[i] = await grains.GetGrain<IGridGrain>(grids[i]).GetHeldIssues();
                }
                catch (Exception e)
                {
                    logger.LogDebug(e, "Demo traffic: reading the held issues of grid {Grid} failed", grids[i]);
                }
                finally
                {
                    _slots.Release();
                }
            });
        // Adopted issues order after any new one due at the same moment.
        var order = long.MaxValue / 2;
        var now = time.GetUtcNow();
        foreach (var issue in held.OrderBy(h => h.Key).SelectMany(h => h.Value.OrderBy(i => i.Id, StringComparer.Ordinal)))
        {
            if (issue.DeputyId is not { } deputy || issue.ReceivedAt >= startedAt) continue;
            var steps = plan.Continue(issue);
            if (steps.Count == 0 || !_schedule.TryReserve()) continue;
            _schedule.Add(new FollowUp(issue.Id, issue.GridId, deputy, steps, 0, now + steps[0].After, ++order));
            Counters.Add(ref Counters.Adopted);
        }
        logger.LogInformation("Demo traffic took up {Count} held issues of {Grids} grids", Counters.Adopted, held.Count);
    }

    private async Task Dispatch(Func<Task> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        Interlocked.Increment(ref _inFlight);
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Demo traffic: a step failed");
            }
            finally
            {
                _slots.Release();
                Interlocked.Decrement(ref _inFlight);
                Volatile.Read(ref _wake).TrySetResult();
            }
        }, CancellationToken.None);
        Track(task);
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t =>
        {
            _running.TryRemove(t, out _);
            if (t.Exception is { } e) logger.LogDebug(e, "Demo traffic: background work failed");
        }, TaskScheduler.Default);
    }

    private async Task File(PlannedIssue planned, DateTimeOffset at, long order)
    {
        try
        {
            var receipt = await grains.GetGrain<IGridGrain>(planned.Issue.GridId).Submit(planned.Issue, idempotencyKey: null);
            Counters.Add(ref Counters.Filed);
            var issue = receipt.Issue;
            if (issue.DeputyId is { } deputy && issue.Status.IsOpen() && planned.Steps.Count > 0)
                _schedule.Add(new FollowUp(issue.Id, issue.GridId, deputy, planned.Steps, 0, Later(at + planned.Steps[0].After), order));
            else
                _schedule.Finish();
        }
        catch (Exception e)
        {
            _schedule.Finish();
            Failed(e, $"file an issue in grid {planned.Issue.GridId}");
        }
    }

    private async Task Act(FollowUp f)
    {
        var step = f.Step;
        var by = step.Action == IssueAction.Rate ? Actor.Resident : new Actor(ActorRole.Deputy, f.DeputyId);
        try
        {
            var receipt = await grains.GetGrain<IGridGrain>(f.GridId).Act(f.IssueId, new IssueCommand(step.Action, by, step.Note, Rating: step.Rating));
            Counters.Acted(step, receipt.Issue);
            var next = f.Index + 1;
            // After a rating only a reopened issue goes on (to its redo). Steps stay on their planned times, but
            // never share an instant with the one before, as a person's could not (a fake clock jumps).
            if (next < f.Steps.Count && (step.Action != IssueAction.Rate || receipt.Issue.Status.IsOpen()))
                _schedule.Add(f with { Index = next, Due = Later(f.Due + f.Steps[next].After), Attempts = 0 });
            else
                _schedule.Finish();
        }
        catch (DomainRuleException e)
        {
            // Someone else moved the issue on (an operator through the API, say): leave it to them.
            Counters.Add(ref Counters.Rejected);
            Counters.Note($"{step.Action} {f.IssueId}: {e.Code}");
            logger.LogDebug("Demo traffic: {Action} on {Issue} rejected: {Code} {Message}", step.Action, f.IssueId, e.Code, e.Message);
            _schedule.Finish();
        }
        catch (Exception e) when (f.Attempts + 1 < MaxAttempts)
        {
            logger.LogDebug(e, "Demo traffic: {Action} on {Issue} failed; trying again", step.Action, f.IssueId);
            _schedule.Add(f with { Due = time.GetUtcNow() + RetryAfter, Attempts = f.Attempts + 1 });
        }
        catch (Exception e)
        {
            _schedule.Finish();
            Failed(e, $"{step.Action} issue {f.IssueId}");
        }
    }

    private void Failed(Exception e, string what)
    {
        Counters.Add(ref Counters.Failed);
        Counters.Note($"{what}: {(e is DomainRuleException r ? r.Code : e.GetType().Name)}");
        if (e is DomainRuleException rule) logger.LogDebug("Demo traffic could not {What}: {Code} {Message}", what, rule.Code, rule.Message);
        else logger.LogDebug(e, "Demo traffic could not {What}", what);
    }

    private void Report() =>
        logger.LogInformation(
            "Demo traffic: filed {Filed}, responded {Responded}, resolved {Resolved}, closed unresolved {Closed}, suspended {Suspended}, " +
            "rated {Rated} ({Unsatisfied} unsatisfied, {Reopened} reopened); rejected {Rejected}, failed {Failed}, skipped {Skipped}; following {Followed}",
            Counters.Filed, Counters.Responded, Counters.Resolved, Counters.Closed, Counters.Suspended, Counters.Rated, Counters.Unsatisfied,
            Counters.Reopened, Counters.Rejected, Counters.Failed, Counters.Skipped, _schedule.Followed);

    private async Task WaitUntil(DateTimeOffset? due, Task wake, CancellationToken ct)
    {
        var wait = due is { } d ? d - time.GetUtcNow() : TimeSpan.FromDays(1);
        if (wait <= TimeSpan.Zero) return;
        if (wait > TimeSpan.FromDays(1)) wait = TimeSpan.FromDays(1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sleep = Task.Delay(wait, time, stop.Token);
        await Task.WhenAny(sleep, wake);
        await stop.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>The planned time, but after now: an issue's steps never share an instant.</summary>
    private DateTimeOffset Later(DateTimeOffset planned)
    {
        var soonest = time.GetUtcNow() + TimeSpan.FromTicks(1);
        return planned > soonest ? planned : soonest;
    }

    private static DateTimeOffset? Earliest(params ReadOnlySpan<DateTimeOffset?> times)
    {
        DateTimeOffset? min = null;
        foreach (var t in times)
            if (t is { } v && (min is null || v < min)) min = v;
        return min;
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What the generator has done so far (thread-safe counts).</summary>
public sealed class TrafficCounters
{
    public long Filed, Adopted, Responded, Started, Suspended, Resumed, Resolved, Closed, Rated, Unsatisfied, Reopened;
    public long Rejected, Failed, Skipped;

    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>The latest rejections and failures (at most 20), for diagnostics.</summary>
    public IReadOnlyList<string> Problems => _problems.ToArray();

    public void Add(ref long counter) => Interlocked.Increment(ref counter);

    public void Note(string problem)
    {
        _problems.Enqueue(problem);
        while (_problems.Count > 20) _problems.TryDequeue(out _);
    }

    public void Acted(PlannedStep step, Issue after)
    {
        switch (step.Action)
        {
            case IssueAction.Respond: Add(ref Responded); break;
            case IssueAction.Start: Add(ref Started); break;
            case IssueAction.Suspend: Add(ref Suspended); break;
            case IssueAction.Resume: Add(ref Resumed); break;
            case IssueAction.Resolve: Add(ref Resolved); break;
            case IssueAction.Close: Add(ref Closed); break;
            case IssueAction.Rate:
                Add(ref Rated);
                if (step.Rating == Rating.Unsatisfied) Add(ref Unsatisfied);
                if (after.Status.IsOpen()) Add(ref Reopened);
                break;
        }
    }
}
