using System.Diagnostics;
using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Archive;
using GridGov.Grains.Delivery;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Grids;
using GridGov.Grains.Structure;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Silo.Replay;

/// <summary>The replay will not run: the year is live, or the clock or district do not allow it.</summary>
public sealed class ReplayRefusedException(string message) : Exception(message);

/// <summary>
/// Replays a year of a district through the grain interfaces (the calls the HTTP API makes) on a manual domain clock:
/// checks the year may be replayed, wipes an earlier replay of it, files and works the planned issues quantum by
/// quantum (issues of one quantum at once, each issue's steps in order), then runs the clock past every rating window
/// so issues settle, grids archive them and store their months, and waits until every outbox is delivered.
/// Usable in-process: a test host hands in its grain factory and its fake clock.
/// </summary>
public sealed class YearReplay(
    IGrainFactory grains,
    FakeTimeProvider clock,
    TimeProvider wall,
    IGridMonthStore months,
    ReplayMarkers markers,
    ReplayOptions options,
    SlaPolicy policy,
    Action<string> progress)
{
    private static readonly Actor Operator = new(ActorRole.Operator, "replay");
    private static readonly Actor Admin = new(ActorRole.Admin, "replay");
    private const int Attempts = 3;

    public ReplayCounts Counts { get; } = new();

    public async Task<ReplaySummary> Run(CancellationToken ct = default)
    {
        var elapsed = Stopwatch.StartNew();
        var year = options.Year;
        var structure = await grains.GetGrain<IDistrictGrain>(options.DistrictId).GetStructure()
            ?? throw new ReplayRefusedException($"There is no district '{options.DistrictId}'.");
        var calendar = DistrictCalendar.For(structure.TimeZone);
        var gridIds = structure.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => g.Id).ToList();
        var plan = new ReplayPlan(gridIds, year, options.Scale, options.Seed, options.Quantum, policy, calendar.Zone, options.Rates);

        var current = calendar.Year(wall.GetUtcNow());
        if (year >= current)
            throw new ReplayRefusedException($"{year} is {(year == current ? "the current year" : "in the future")}: only past years are replayed.");
        if (clock.GetUtcNow() > plan.YearStart)
            throw new ReplayRefusedException($"The replay clock ({clock.GetUtcNow():u}) is past the start of {year}.");
        var replayedBefore = await markers.IsReplayed(options.DistrictId, year);
        if (!replayedBefore && await HasData(gridIds, year, ct))
            throw new ReplayRefusedException($"{year} has data that no replay wrote: it is live data and is left alone.");
        clock.SetUtcNow(plan.YearStart);

        await markers.Mark(options.DistrictId, year, options, "running");
        if (replayedBefore)
        {
            progress($"wiping the earlier replay of {year} in {gridIds.Count} grids");
            await ForEach(gridIds, g => grains.GetGrain<IGridGrain>(g).ForgetYear(year), ct);
            await Drained(structure, gridIds, ct);
        }

        progress($"replaying {year} of district {structure.Id}: about {plan.Filed:N0} issues into {gridIds.Count} grids (scale {options.Scale}, seed {options.Seed})");
        await Play(plan, gridIds, calendar, elapsed, ct);
        progress("settling: running the clock past the rating windows");
        await Settle(gridIds, calendar, ct);
        await Drained(structure, gridIds, ct);
        await markers.Mark(options.DistrictId, year, options, "done");

        var t = await YearTally(gridIds, ct);
        var rates = Rates.Of(t);
        return new ReplaySummary(year, t.Received, t.Accepted, t.NotAccepted, t.Voided, t.Resolved, t.ClosedUnresolved, t.Rated,
            Rates.Format(rates.Resolution), Rates.Format(rates.Response), Rates.Format(rates.Satisfaction), elapsed.Elapsed, Counts);
    }

    /// <summary>Counters of the year held by any grid, or stored months of it.</summary>
    private async Task<bool> HasData(IReadOnlyList<string> gridIds, int year, CancellationToken ct)
    {
        if (await months.HasYear(year, ct)) return true;
        var t = await YearTally(gridIds, ct);
        return t.Received + t.Voided > 0;
    }

    private async Task<Tally> YearTally(IReadOnlyList<string> gridIds, CancellationToken ct)
    {
        var tallies = new System.Collections.Concurrent.ConcurrentBag<Tally>();
        await ForEach(gridIds, async g =>
        {
            var snapshot = await grains.GetGrain<IGridGrain>(g).GetSnapshot();
            if (snapshot.Years.TryGetValue(options.Year, out var t)) tallies.Add(t);
        }, ct);
        return Tally.Sum(tallies);
    }

    private async Task Play(ReplayPlan plan, IReadOnlyList<string> gridIds, DistrictCalendar calendar, Stopwatch elapsed, CancellationToken ct)
    {
        var pending = new PriorityQueue<IssueRun, (DateTimeOffset, long)>();
        using var arrivals = plan.Issues().GetEnumerator();
        var more = arrivals.MoveNext();
        var month = plan.Year * 100 + 1;
        while (more || pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var next = more ? arrivals.Current.At : DateTimeOffset.MaxValue;
            if (pending.TryPeek(out _, out var key) && key.Item1 < next) next = key.Item1;
            var start = Floor(plan.YearStart, next);
            for (; month < calendar.MonthKey(start) && month <= plan.Year * 100 + 12; month = DistrictCalendar.AddMonths(month, 1))
                await Report(month, gridIds, elapsed, ct);
            if (start > clock.GetUtcNow()) clock.SetUtcNow(start);
            var end = start + options.Quantum;
            var batch = new List<IssueRun>();
            while (more && arrivals.Current.At < end)
            {
                batch.Add(new IssueRun(arrivals.Current));
                more = arrivals.MoveNext();
            }
            while (pending.TryPeek(out var run, out key) && key.Item1 < end)
            {
                pending.Dequeue();
                batch.Add(run);
            }
            // The SLA clock of each grid runs before its issues move on, as its alarm would: what fell due is marked.
            await ForEach(batch.Select(r => r.Plan.Issue.GridId).Distinct().ToList(), g => grains.GetGrain<IGridGrain>(g).Tick(), ct);
            await ForEach(batch, r => Advance(r, end, calendar), ct);
            foreach (var run in batch.Where(r => !r.Done)) pending.Enqueue(run, (run.NextAt, run.Plan.Index));
        }
        for (; month <= plan.Year * 100 + 12; month = DistrictCalendar.AddMonths(month, 1)) await Report(month, gridIds, elapsed, ct);
    }

    private async Task Report(int month, IReadOnlyList<string> gridIds, Stopwatch elapsed, CancellationToken ct)
    {
        var t = await YearTally(gridIds, ct);
        var rates = Rates.Of(t);
        progress($"{month / 100}-{month % 100:D2}  filed {Counts.Filed,7:N0}  accepted {t.Accepted,7:N0}  resolved {t.Resolved,7:N0}  " +
                 $"resolution {Rates.Format(rates.Resolution),6}  satisfaction {Rates.Format(rates.Satisfaction),6}  ({elapsed.Elapsed:hh\\:mm\\:ss})");
    }

    /// <summary>Runs the issue's steps due before <paramref name="end"/>, in order.</summary>
    private async Task Advance(IssueRun run, DateTimeOffset end, DistrictCalendar calendar)
    {
        while (!run.Done && run.NextAt < end)
        {
            if (run.Id is null) await Submit(run);
            else await Act(run, run.Plan.Steps[run.Next], calendar);
        }
    }

    private async Task Submit(IssueRun run)
    {
        var grid = grains.GetGrain<IGridGrain>(run.Plan.Issue.GridId);
        var key = $"replay-{options.Year}-{options.Seed}-{run.Plan.Index}";
        var receipt = await Retry(() => grid.Submit(run.Plan.Issue, key));
        if (receipt is null)
        {
            run.Done = true;
            return;
        }
        // A retried submission the grid had taken: read the issue as it stands.
        var issue = receipt.Repeated ? await grid.GetIssue(receipt.Issue.Id) ?? receipt.Issue : receipt.Issue;
        Counts.Add(ref Counts.Filed);
        run.Id = issue.Id;
        run.Deputy = issue.DeputyId;
        if (issue.Status.IsOpen()) Counts.Add(ref Counts.Accepted);
        // A district that accepts by hand: the operator accepts what the plan did not hold for review, straight away.
        if (issue.Status == IssueStatus.Received && run.Plan.Steps.FirstOrDefault()?.Action is not (IssueAction.Accept or IssueAction.Reject))
            run.Injected = new ReplayStep(run.Plan.At, IssueAction.Accept);
        run.Done = run.Plan.Steps.Count == 0 && run.Injected is null;
    }

    private async Task Act(IssueRun run, ReplayStep planned, DistrictCalendar calendar)
    {
        var step = run.Injected ?? planned;
        var by = step.Action switch
        {
            IssueAction.Rate => Actor.Resident,
            IssueAction.Void => Admin,
            IssueAction.Accept or IssueAction.Reject => Operator,
            _ => run.Deputy is { } d ? new Actor(ActorRole.Deputy, d) : Operator,
        };
        var grid = grains.GetGrain<IGridGrain>(run.Plan.Issue.GridId);
        try
        {
            var receipt = await Retry(() => grid.Act(run.Id!, new IssueCommand(step.Action, by, step.Note, Rating: step.Rating)), rethrowDomain: true);
            if (receipt is null)
            {
                run.Done = true;
                return;
            }
            var issue = receipt.Issue;
            run.Deputy = issue.DeputyId;
            if (step.ExpectRefused) Problem($"{step.Action} {run.Id} was expected to be refused but was taken");
            Count(step, issue, calendar);
        }
        catch (DomainRuleException) when (step.ExpectRefused)
        {
            Counts.Add(ref Counts.LateRatingsRefused);
        }
        catch (DomainRuleException e)
        {
            Problem($"{step.Action} {run.Id}: {e.Code} {e.Message}");
            run.Done = true;
            return;
        }
        if (run.Injected is not null) run.Injected = null;
        else run.Next++;
        run.Done |= run.Next >= run.Plan.Steps.Count;
    }

    private void Count(ReplayStep step, Issue issue, DistrictCalendar calendar)
    {
        switch (step.Action)
        {
            case IssueAction.Accept: Counts.Add(ref Counts.Accepted); break;
            case IssueAction.Reject: Counts.Add(ref Counts.Declined); break;
            case IssueAction.Void: Counts.Add(ref Counts.Voided); break;
            case IssueAction.Respond:
                Counts.Add(ref Counts.Responded);
                if (issue.FirstResponseAt > issue.ResponseDueAt) Counts.Add(ref Counts.RespondedLate);
                break;
            case IssueAction.Start: Counts.Add(ref Counts.Started); break;
            case IssueAction.Suspend: Counts.Add(ref Counts.Suspended); break;
            case IssueAction.Resume: Counts.Add(ref Counts.Resumed); break;
            case IssueAction.Resolve or IssueAction.Close:
                Counts.Add(ref step.Action == IssueAction.Resolve ? ref Counts.Resolved : ref Counts.Closed);
                if (issue.WentOverdue) Counts.Add(ref Counts.Overdue);
                if (issue.AcceptedAt is { } a && issue.ClosedAt is { } c && calendar.MonthKey(a) != calendar.MonthKey(c)) Counts.Add(ref Counts.CrossedMonthEnd);
                break;
            case IssueAction.Rate:
                Counts.Add(ref Counts.Rated);
                if (step.Rating == Rating.Unsatisfied) Counts.Add(ref Counts.Unsatisfied);
                if (step.Tag == "near-window-rating") Counts.Add(ref Counts.NearWindowRatings);
                if (issue.Status.IsOpen()) Counts.Add(ref Counts.Reopened);
                break;
        }
    }

    /// <summary>
    /// Runs the clock past every rating window so the last issues settle, then has each grid archive them and store
    /// its settled months; an issue the plan left open (after an unexpected refusal) is closed by the operator.
    /// </summary>
    private async Task Settle(IReadOnlyList<string> gridIds, DistrictCalendar calendar, CancellationToken ct)
    {
        for (var round = 0; ; round++)
        {
            var after = clock.GetUtcNow() + policy.RatingWindow + TimeSpan.FromDays(1);
            var nextYear = ReplayPlan.Start(options.Year + 1, calendar.Zone) + TimeSpan.FromDays(1);
            clock.SetUtcNow(after > nextYear ? after : nextYear);
            var left = 0;
            await ForEach(gridIds, async g =>
            {
                var grid = grains.GetGrain<IGridGrain>(g);
                await grid.Tick();
                while (await grid.Settle() > 0) { }
                foreach (var issue in (await grid.GetHeldIssues()).Where(i => calendar.Year(i.CohortTime) == options.Year))
                {
                    Interlocked.Increment(ref left);
                    if (issue.Status.IsOpen() || issue.Status == IssueStatus.Received)
                        await grid.Act(issue.Id, new IssueCommand(issue.Status == IssueStatus.Received ? IssueAction.Reject : IssueAction.Close,
                            Operator, "Closed at the end of the replayed year."));
                }
                var held = (await grid.GetSnapshot()).Counters.Months.Keys.Count(m => m / 100 == options.Year);
                Interlocked.Add(ref left, held);
            }, ct);
            if (left == 0) return;
            if (round >= 5) throw new InvalidOperationException($"{left} issues or months of {options.Year} are still held after settling.");
        }
    }

    /// <summary>Waits until every grid and aggregate of the district has had its deltas acknowledged.</summary>
    private async Task Drained(DistrictStructure structure, IReadOnlyList<string> gridIds, CancellationToken ct)
    {
        var senders = gridIds.Select(g => (IDeltaSender)grains.GetGrain<IGridGrain>(g))
            .Concat(structure.Streets.SelectMany(s => s.Communities).Select(c => grains.AggregateOf(UnitKey.Community(c.Id))))
            .Concat(structure.Streets.Select(s => grains.AggregateOf(UnitKey.Street(s.Id))))
            .Append(grains.AggregateOf(UnitKey.District(structure.Id)))
            .ToList();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var undelivered = 0;
            await ForEach(senders, async s => { if (!await s.IsDrained()) Interlocked.Increment(ref undelivered); }, ct);
            if (undelivered == 0) return;
            if (deadline.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{undelivered} outboxes still undelivered after 10 minutes.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    /// <summary>A call that failed for other than a domain rule is tried again (the grid is idempotent for submissions;
    /// a repeated action is refused as a transition, which counts as unexpected).</summary>
    private async Task<T?> Retry<T>(Func<Task<T>> call, bool rethrowDomain = false) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (DomainRuleException) when (rethrowDomain)
            {
                throw;
            }
            catch (DomainRuleException e)
            {
                Problem($"{e.Code} {e.Message}");
                return null;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception e)
            {
                Problem($"{e.GetType().Name}: {e.Message}");
                return null;
            }
        }
    }

    private void Problem(string what)
    {
        Counts.Add(ref Counts.Unexpected);
        if (Counts.Problems.Count < 20) Counts.Problems.Enqueue(what);
    }

    private Task ForEach<T>(IEnumerable<T> items, Func<T, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (item, _) => await body(item));

    private DateTimeOffset Floor(DateTimeOffset origin, DateTimeOffset at) =>
        origin + TimeSpan.FromTicks((at - origin).Ticks / options.Quantum.Ticks * options.Quantum.Ticks);

    /// <summary>One issue on its way through the year: its grid's id for it, its deputy, and the next step.</summary>
    private sealed class IssueRun(ReplayIssue plan)
    {
        public ReplayIssue Plan { get; } = plan;
        public string? Id { get; set; }
        public string? Deputy { get; set; }
        public int Next { get; set; }
        /// <summary>A step the replay adds (the operator's acceptance in a district that accepts by hand).</summary>
        public ReplayStep? Injected { get; set; }
        public bool Done { get; set; }

        public DateTimeOffset NextAt => Id is null ? Plan.At : Injected?.At ?? Plan.Steps[Next].At;
    }
}
