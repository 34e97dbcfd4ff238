using GridGov.Grains.Alerts;
using GridGov.Grains.Archive;
using GridGov.Grains.Commit;
using GridGov.Grains.Delivery;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace GridGov.Grains.Grids;

/// <summary>
/// Wraps <see cref="GridBook"/> with group commit, the outbox delivery, the archive and the SLA clock.
/// Reentrant so that commands arrive while a write is in flight; all state changes go through the commit loop.
/// </summary>
[Reentrant]
public sealed class GridGrain(
    [PersistentState("grid", StorageNames.Grids)] IPersistentState<GridState> storage,
    DeepCopier copier,
    IIssueArchive archive,
    IGridMonthStore months,
    IOptions<GridGovOptions> options,
    [FromKeyedServices(GridGovTime.Key)] TimeProvider time,
    SlaAlarms alarms,
    IHostApplicationLifetime host,
    ILogger<GridGrain> logger) : Grain, IGridGrain, IRemindable
{
    /// <summary>The durable wake-up: while a grid has clocks running or deltas undelivered, a reminder brings it
    /// back after a restart or failover, to run the SLA clock's catch-up and resume delivery.</summary>
    private const string WakeUp = "wake-up";
    private bool? _wakeUpRegistered;
    private GroupCommit<GridState> _commit = null!;
    private OutboxDelivery _delivery = null!;
    private LivePublisher _live = null!;
    /// <summary>Grain references made once per activation: Orleans resolves a reference's interface by reflection each
    /// time one is made, which showed in the host's profile at a few per cent under load.</summary>
    private ILiveNotifierGrain? _notifier;
    private readonly Dictionary<string, IDeputyGrain> _deputies = [];

    private GridState Committed => _commit.Committed;
    private DateTimeOffset Now => time.GetUtcNow();
    private SlaPolicy Policy => options.Value.Sla;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        GridState? before = null;
        List<IssueEvent> events = [];
        _commit = new GroupCommit<GridState>(storage, copier, new(
            BeginBatch: s =>
            {
                before = Committed;
                new GridBook(s, Policy).BeginCommit(Now, _delivery.Acknowledged);
            },
            // Before housekeeping: an issue archived or parked by this very write still tells what happened to it.
            AfterApply: s => events = GridEvents.Of(before!, s),
            BeforeWrite: Housekeep,
            AfterCommit: s =>
            {
                if (events.Count > 0) (_notifier ??= GrainFactory.GetGrain<ILiveNotifierGrain>(0)).Happened(events).Ignore();
                RaiseAlerts(before!, s, events);
                _live.Changed(new Dictionary<string, long> { [this.GetPrimaryKeyString()] = s.Commit });
                AfterCommit();
            }));
        _live = new LivePublisher(this, GrainFactory, BuildLiveStats);
        _delivery = new OutboxDelivery(this.GetPrimaryKeyString(), GrainFactory, () => Committed.Outbox, logger, host.ApplicationStopping);
        // Catch up on anything that came due while no activation held this grid, then resume delivery.
        AfterCommit();
        return Task.CompletedTask;
    }

    public async Task<IssueReceipt> Submit(NewIssue input, string? idempotencyKey)
    {
        var loads = await DeputyLoads();
        return await _commit.Run(s =>
        {
            var (id, repeated) = new GridBook(s, Policy) { Categories = options.Value.Catalogue }.Submit(input, idempotencyKey, Now, loads);
            return new IssueReceipt(s.Issues.GetValueOrDefault(id) ?? Placeholder(id), s.Commit, repeated);
        });
    }

    public async Task<IssueReceipt> Act(string issueId, IssueCommand command)
    {
        var loads = command.Action == IssueAction.Accept ? await DeputyLoads() : [];
        // A write in flight may park the issue before this command's turn: then its body is read and the command runs again.
        for (var attempt = 1; ; attempt++)
        {
            Issue? parked = null;
            if (!Committed.Issues.ContainsKey(issueId) && await archive.Find(issueId) is { } archived)
                parked = Committed.Parked.ContainsKey(issueId)
                    ? archived
                    : throw DomainRuleException.Conflict("issue.archived", "This issue is settled and archived; it can no longer change.");
            var receipt = await _commit.Run(s =>
            {
                var book = new GridBook(s, Policy);
                if (parked is not null) book.Reinstate(parked);
                else if (s.Parked.ContainsKey(issueId) && attempt < 3) return null;
                return new IssueReceipt(book.Act(issueId, command, Now, loads), s.Commit);
            }, r => r is not null);
            if (receipt is not null) return receipt;
        }
    }

    public async Task<Issue?> GetIssue(string issueId) =>
        Committed.Issues.GetValueOrDefault(issueId) ?? await archive.Find(issueId);

    public Task<GridSnapshot> GetSnapshot()
    {
        var s = Committed;
        var ends = new Dictionary<int, Dictionary<int, OpenCount>>(s.MonthEnds);
        if (s.Profile is not null)
            foreach (var (month, snapshot) in new GridBook(s, Policy).DueMonthEnds(Now))
                if (snapshot.Count > 0) ends[month] = snapshot;
        return Task.FromResult(new GridSnapshot(s.Profile, s.Commit, s.Years, s.Counters, s.Issues.Count, ends));
    }

    public Task<GridProfile?> GetProfile() => Task.FromResult(Committed.Profile);

    public Task<IReadOnlyList<Issue>> GetHeldIssues() => Task.FromResult<IReadOnlyList<Issue>>(Committed.Issues.Values.ToList());

    public Task<LiveStats?> GetLiveStats() =>
        Task.FromResult(BuildLiveStats(new Dictionary<string, long> { [this.GetPrimaryKeyString()] = Committed.Commit }));

    private LiveStats? BuildLiveStats(IReadOnlyDictionary<string, long> commits)
    {
        var s = Committed;
        if (s.Profile is not { } p) return null;
        var calendar = DistrictCalendar.For(p.TimeZone);
        var units = p.Units;
        return LiveStatsBuilder.Build(units[0], units[1], p.Name, p.NameEn, s.Commit, s.Counters, [], commits,
            units.Skip(1).ToList(), calendar, Now,
            s.Years.GetValueOrDefault(calendar.Year(Now)) ?? new Tally());
    }

    /// <summary>The SLA clock: marks what came due, then sets the alarm for the next due time.</summary>
    public async Task<int> Tick()
    {
        var due = await Unpark(new GridBook(Committed, Policy).ParkedDue(Now));
        var changed = await _commit.Try(s =>
        {
            var book = new GridBook(s, Policy);
            foreach (var issue in due) book.Reinstate(issue);
            return book.Tick(Now);
        });
        ScheduleClock();
        return changed;
    }

    /// <summary>The bodies of parked issues, from the archive. One missing there (it never should be: an issue is parked
    /// only after the archive has it) is dropped, loudly, rather than ringing the clock for ever.</summary>
    private async Task<IReadOnlyList<Issue>> Unpark(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0) return [];
        var found = await Task.WhenAll(ids.Select(id => archive.Find(id)));
        var lost = ids.Where((_, n) => found[n] is null).ToList();
        if (lost.Count > 0)
        {
            logger.LogError("Grid {Grid}: parked issues {Issues} are missing from the archive; they are dropped", this.GetPrimaryKeyString(), lost);
            await _commit.Run(s => lost.Count(id => s.Parked.Remove(id)));
        }
        return found.OfType<Issue>().ToList();
    }

    public async Task Configure(GridProfile profile)
    {
        var loads = await DeputyLoads(profile.Deputies);
        await _commit.Run(s => new GridBook(s, Policy).Configure(profile, Now, loads));
    }

    public Task<int> Settle() => _commit.Try(s =>
    {
        var book = new GridBook(s, Policy);
        return book.Settled().Count + book.SettledMonths(Now).Count;
    });

    public Task<bool> IsDrained()
    {
        _delivery.Kick();
        return Task.FromResult(_delivery.Drained);
    }

    public async Task<int> ForgetYear(int year)
    {
        // The receivers' shares are read as they hold them, so everything sent must have arrived first.
        for (var waited = 0; !_delivery.Drained; waited++)
        {
            if (waited > 600) throw new TimeoutException($"Grid {this.GetPrimaryKeyString()}: deltas still undelivered after a minute.");
            _delivery.Kick();
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        var grid = this.GetPrimaryKeyString();
        var shares = new Dictionary<string, CounterSet>();
        foreach (var receiver in Committed.Outbox.Queues.Keys.ToList())
            shares[receiver] = await Receivers.Resolve(GrainFactory, receiver).GetShare(grid);
        await archive.DeleteYear(grid, year);
        await months.DeleteYear(grid, year);
        return await _commit.Run(s => new GridBook(s, Policy).ForgetYear(year, shares));
    }

    public async Task<Contribution> GetContribution(string receiver)
    {
        var state = Committed;
        var seq = state.Outbox.Queues.GetValueOrDefault(receiver)?.LastSeq ?? 0;
        var origins = new Dictionary<string, long> { [this.GetPrimaryKeyString()] = state.Commit };
        if (UnitKey.Parse(receiver) is { Level: UnitLevel.Deputy, Id: var deputy })
        {
            var cards = state.Issues.Values.Where(i => i.DeputyId == deputy).ToDictionary(i => i.Id, IssueCard.Of);
            foreach (var (id, p) in state.Parked.Where(p => p.Value.DeputyId == deputy)) cards[id] = p.Card;
            return new Contribution(seq, new CounterSet(), cards, origins);
        }
        // Months already moved to storage are part of what this grid contributed.
        var counters = state.Counters.Copy();
        var firstHeld = state.Counters.Months.Keys.DefaultIfEmpty(int.MaxValue).Min();
        var liveFrom = DistrictCalendar.AddMonths(DistrictCalendar.For(state.Profile?.TimeZone ?? DistrictCalendar.DefaultZone).MonthKey(Now), -options.Value.LiveMonths);
        if (firstHeld > liveFrom) counters.Add(await months.Load(this.GetPrimaryKeyString(), liveFrom, DistrictCalendar.AddMonths(firstHeld, -1)));
        return new Contribution(seq, counters, new Dictionary<string, IssueCard>(), origins);
    }

    /// <summary>Before a write: snapshot the month ends passed (before anything is archived: the snapshot is rebuilt from
    /// the held issues' histories), archive settled issues, park closed ones awaiting a rating, and store settled months,
    /// so state stays bounded. Storage first, drop from state after; a failure here only postpones it to a later write.
    /// Last, the held marker, when the held months change: it is written before the state that it describes, so it always
    /// covers what the grain holds (a month leaves it only once stored), and a failure to write it fails the write.</summary>
    private async Task Housekeep(GridState working)
    {
        var book = new GridBook(working, Policy);
        var grid = this.GetPrimaryKeyString();
        if (working.Profile is not null) book.RecordMonthEnds(Now);
        try
        {
            var settled = book.Settled();
            var parking = book.ToPark(options.Value.ParkAwaitingRatingAt, Now - options.Value.ParkClosedAfter);
            if (settled.Count + parking.Count > 0)
            {
                await archive.Save([.. settled, .. parking]);
                book.Forget(settled.Select(i => i.Id));
                book.Park(parking);
            }
            foreach (var month in book.SettledMonths(Now))
            {
                await months.Save(grid, month, working.Counters.OnlyMonth(month), working.MonthEnds.GetValueOrDefault(month));
                book.DropMonth(month);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Archiving for grid {Grid} failed; will retry with a later write", grid);
        }
        var held = book.HeldMonths();
        if (working.MarkedMonths is null || !working.MarkedMonths.SequenceEqual(held))
        {
            await months.SaveHeld(grid, held);
            working.MarkedMonths = [.. held];
        }
    }

    private void AfterCommit()
    {
        _delivery.Kick();
        ScheduleClock();
        KeepWakeUp().Ignore();
    }

    /// <summary>Unsatisfied ratings, overdue issues, and a resolution rate that fell under the threshold go to the district's alert board.</summary>
    private void RaiseAlerts(GridState before, GridState after, IReadOnlyList<IssueEvent> events)
    {
        if (after.Profile is not { } p || !options.Value.RaiseAlerts) return;
        var board = GrainFactory.GetGrain<IAlertBoardGrain>(p.DistrictId);
        foreach (var e in events.Where(e => e.Kind is "ratedUnsatisfied" or "overdue" or "autoReassigned" or "assignedOutsideGrid" or "accepted"))
            board.Raise(new Alert($"{e.Kind}:{e.IssueId}:{e.At.ToUnixTimeMilliseconds()}", e.Kind, p.Id, e.IssueId, e.At, e.Scopes)).Ignore();
        var year = DistrictCalendar.For(p.TimeZone).Year(Now);
        var (was, now) = (before.Years.GetValueOrDefault(year), after.Years.GetValueOrDefault(year));
        var threshold = options.Value.AlertResolutionBelow;
        if (now is null || Rates.Decided(now) < options.Value.MinimumDecidedToRank) return;
        var rateNow = Rates.Of(now).Resolution;
        var rateWas = was is null || Rates.Decided(was) < options.Value.MinimumDecidedToRank ? null : Rates.Of(was).Resolution;
        if (rateNow < threshold && (rateWas is null || rateWas >= threshold))
            board.Raise(new Alert($"lowResolution:{p.Id}:{after.Commit}", "lowResolution", p.Id, null, Now,
                p.Units,
                Rates.Format(rateNow))).Ignore();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeUp) return;
        await Tick();
        AfterCommit();
    }


    /// <summary>Registers the wake-up reminder when the grid starts needing one, and drops it when it no longer does
    /// (one reminder-table write per change, not per command).</summary>
    private async Task KeepWakeUp()
    {
        var needed = new GridBook(Committed, Policy).NextDeadline() is not null || !Committed.Outbox.IsEmpty;
        _wakeUpRegistered ??= await this.GetReminder(WakeUp) is not null;
        if (needed == _wakeUpRegistered) return;
        _wakeUpRegistered = needed;
        if (needed)
            await this.RegisterOrUpdateReminder(WakeUp, options.Value.WakeUpPeriod, options.Value.WakeUpPeriod);
        else if (await this.GetReminder(WakeUp) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    /// <summary>The alarm rings at the next due time of any held issue; one already passed rings at once (catch-up).</summary>
    private void ScheduleClock() => alarms.Set(this.GetPrimaryKeyString(), new GridBook(Committed, Policy).NextDeadline());

    /// <summary>The grid's deputies' loads; the community's other deputies' too when none of the grid's is available.</summary>
    private async Task<DeputyLoad[]> DeputyLoads()
    {
        var profile = Committed.Profile;
        var own = await DeputyLoads(profile?.Deputies ?? []);
        if (own.Any(l => l.Available) || profile?.CommunityDeputies is not { Count: > 0 } others) return own;
        return [.. own, .. await DeputyLoads(others)];
    }

    private Task<DeputyLoad[]> DeputyLoads(IEnumerable<string> deputies)
    {
        var grid = this.GetPrimaryKeyString();
        return Task.WhenAll(deputies.Select(d => Deputy(d).GetLoad(grid)));
    }

    private IDeputyGrain Deputy(string id)
    {
        if (!_deputies.TryGetValue(id, out var deputy)) _deputies[id] = deputy = GrainFactory.GetGrain<IDeputyGrain>(id);
        return deputy;
    }

    /// <summary>A repeated submission whose issue has since left state: the caller reads it by id.</summary>
    private static Issue Placeholder(string id) => new()
    {
        Id = id, GridId = "", TrackingSecret = "", Category = "", Channel = default, Sla = default, Title = "",
        ReceivedAt = default,
    };
}
