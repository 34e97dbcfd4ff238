using GridGov.Grains.Commit;
using GridGov.Grains.Delivery;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;
using GridGov.Grains.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace GridGov.Grains.Aggregates;

/// <summary>Community, street and district alike: the same commit loop and outbox as a grid, one level up.</summary>
[Reentrant]
public sealed class AggregateGrain(
    [PersistentState("aggregate", StorageNames.Aggregates)] IPersistentState<AggregateState> storage,
    DeepCopier copier,
    IOptions<GridGovOptions> options,
    [FromKeyedServices(GridGovTime.Key)] TimeProvider time,
    IHostApplicationLifetime host,
    ILogger<AggregateGrain> logger) : Grain, IAggregateGrain
{
    private GroupCommit<AggregateState> _commit = null!;
    private OutboxDelivery _delivery = null!;
    private LivePublisher _live = null!;
    private readonly LiveOverlay _overlay = new();
    private long _liveCommit = -1;
    private int _liveRound;
    /// <summary>The parent's reference, made once (Orleans resolves a reference's interface by reflection each time).</summary>
    private (UnitKey Key, IAggregateGrain Grain)? _parent;

    private UnitKey? _unit;
    private UnitKey Unit => _unit ??= UnitKey.Parse(this.GetPrimaryKeyString());
    private string Key => Unit.Key;
    private AggregateState Committed => _commit.Committed;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        _commit = new GroupCommit<AggregateState>(storage, copier, new(BeginBatch: BeginBatch, AfterCommit: AfterCommit, WriteGap: options.Value.AggregateWriteGap));
        _delivery = new OutboxDelivery(Key, GrainFactory, () => Committed.Outbox, logger, host.ApplicationStopping);
        _live = new LivePublisher(this, GrainFactory, commits => BuildLiveStats(_commit.Latest, commits));
        _delivery.Kick();
        return Task.CompletedTask;
    }

    public async Task<long> Receive(Delta delta)
    {
        delta = Collapsed(delta);
        // A grid's delta comes from its committed outbox, so it may be shown at once, here and above, while it waits
        // for this level's write in flight and then climbs the durable path one write per level.
        var verdict = Committed.Inbox.Judge(delta);
        if (LiveHint.OfGridDelta(delta) is { } hint && verdict == DeltaVerdict.Applied) TakeHint(hint);
        if (verdict == DeltaVerdict.Gap)
        {
            logger.LogWarning("{Receiver} saw a gap from {Sender} at {Seq}; resynchronising", Key, delta.Sender, delta.FromSeq);
            var whole = await Receivers.Sender(GrainFactory, delta.Sender).GetContribution(Key);
            return await _commit.Run(s =>
            {
                var change = s.Inbox.Replace(delta.Sender, whole.Seq, whole.Counters.Collapsed(), whole.Cards, whole.Origins);
                Forward(s, change, whole.Origins);
                _live.Changed(whole.Origins);
                return s.Inbox.AppliedSeq(delta.Sender);
            });
        }
        return await _commit.Run(
            s => s.Inbox.Apply(delta) == DeltaVerdict.Applied
                ? Forward(s, delta.Counters, delta.Origins) with { Seq = s.Inbox.AppliedSeq(delta.Sender) }
                : new Applied(s.Inbox.AppliedSeq(delta.Sender), false),
            a => a.Changed).ContinueWith(t => t.Result.Seq, TaskContinuationOptions.ExecuteSynchronously);
    }

    /// <summary>A child's delta as this level keeps and forwards it: one cell per month (see <see cref="CounterSet.Collapsed"/>).</summary>
    private static Delta Collapsed(Delta d) => new()
    {
        Sender = d.Sender, FromSeq = d.FromSeq, ToSeq = d.ToSeq, Counters = d.Counters.Collapsed(), Cards = d.Cards, Origins = d.Origins,
    };

    public Task<ScopeSnapshot> GetSnapshot()
    {
        var s = Committed;
        var children = s.Inbox.Senders.ToDictionary(c => ChildId(c.Key), c => c.Value.Counters);
        return Task.FromResult(new ScopeSnapshot(s.Profile, s.Inbox.Sum(), children, s.Inbox.Origins, s.Commit));
    }

    public Task<CounterSet> GetShare(string sender) =>
        Task.FromResult(Committed.Inbox.Senders.GetValueOrDefault(sender)?.Counters.Copy() ?? new CounterSet());

    public Task<bool> IsDrained()
    {
        _delivery.Kick();
        return Task.FromResult(_delivery.Drained);
    }

    public Task Configure(ScopeProfile profile) => _commit.Run(s => s.Profile = profile);

    public Task Hint(LiveHint hint)
    {
        TakeHint(hint);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Shows <paramref name="hint"/> here and passes it on to the parent. Only hints travel ahead: the counters of
    /// record still go up through the outbox, from stored state only, so nothing forwarded can be lost or counted twice.
    /// </summary>
    private void TakeHint(LiveHint hint)
    {
        // A hint that adds nothing here was passed up when it first came, or its stored copy is already on the way.
        if (!_overlay.Add(hint.Child, hint.Grid, hint.FromSeq, hint.ToSeq, hint.Commit, hint.Change, _commit.Latest.Inbox.Origins, TimeProvider.System.GetUtcNow()))
            return;
        _live.Changed(new Dictionary<string, long> { [hint.Grid] = hint.Commit });
        if (_commit.Latest.Profile?.Parent is { } parent)
            Parent(parent).Hint(hint with { Child = Key }).Ignore();
    }

    private IAggregateGrain Parent(UnitKey key)
    {
        if (_parent is not { } p || p.Key != key) _parent = p = (key, GrainFactory.AggregateOf(key));
        return p.Grain;
    }

    private void AfterCommit(AggregateState s)
    {
        _overlay.Prune(s.Inbox.Origins, TimeProvider.System.GetUtcNow());
        _delivery.Kick();
    }

    public Task<Contribution> GetContribution(string receiver)
    {
        var s = Committed;
        var seq = s.Outbox.Queues.GetValueOrDefault(receiver)?.LastSeq ?? 0;
        return Task.FromResult(new Contribution(seq, s.Inbox.Sum(), new Dictionary<string, IssueCard>(), s.Inbox.Origins));
    }

    private void BeginBatch(AggregateState s)
    {
        s.Commit++;
        s.Outbox.Prune(_delivery.Acknowledged);
        s.Outbox.Seal();
        // Keep the live months only: older ones are read from the grids' month entities by the rollups.
        var now = time.GetUtcNow();
        var calendar = DistrictCalendar.For(s.Profile?.TimeZone ?? DistrictCalendar.DefaultZone);
        var firstMonth = DistrictCalendar.AddMonths(calendar.MonthKey(now), -options.Value.LiveMonths);
        var firstDay = calendar.LastDays(now, Domain.Grids.GridBook.DaysKept)[0];
        foreach (var ledger in s.Inbox.Senders.Values)
        {
            ledger.Counters.DropMonthsBefore(firstMonth);
            ledger.Counters.DropDaysBefore(firstDay);
        }
    }

    public Task<LiveStats?> GetLiveStats() => Task.FromResult(BuildLiveStats(Committed, Committed.Inbox.Origins, overlay: false));

    /// <summary>
    /// Live figures from <paramref name="s"/> (applied, perhaps not yet written) and, with <paramref name="overlay"/>,
    /// the hints it does not cover yet: published as soon as this level hears of a change, before any write above the grid.
    /// </summary>
    private LiveStats? BuildLiveStats(AggregateState s, IReadOnlyDictionary<string, long> commits, bool overlay = true)
    {
        if (s.Profile is not { } p) return null;
        var ahead = overlay && !_overlay.IsEmpty ? AheadOf(s) : NothingAhead;
        var parts = s.Inbox.Senders.Values.Select(l => l.Counters).Concat(ahead.Values.SelectMany(h => h)).ToList();
        var children = p.Children.Select(c => (c.Id, c.Name, c.NameEn, ChildParts(s, ahead, p.Key.Child(c.Id).Address)));
        return LiveStatsBuilder.Build(p.Key, p.Parent, p.Name, p.NameEn, LiveVersion(s.Commit, overlay), parts, children, commits, [],
            DistrictCalendar.For(p.TimeZone), time.GetUtcNow());
    }

    private Dictionary<string, List<CounterSet>> AheadOf(AggregateState s)
    {
        _overlay.Prune(Committed.Inbox.Origins, TimeProvider.System.GetUtcNow());
        return _overlay.Ahead(s.Inbox.Origins);
    }

    private static readonly Dictionary<string, List<CounterSet>> NothingAhead = [];

    /// <summary>A child's share as stored here, and the hints that came through it since.</summary>
    private static IReadOnlyCollection<CounterSet> ChildParts(AggregateState s, Dictionary<string, List<CounterSet>> ahead, string sender)
    {
        var stored = s.Inbox.Senders.GetValueOrDefault(sender)?.Counters;
        if (!ahead.TryGetValue(sender, out var hinted)) return stored is null ? [] : [stored];
        return stored is null ? hinted : [stored, .. hinted];
    }

    /// <summary>
    /// Live versions grow with every publication, hints included: <see cref="VersionsPerCommit"/> per commit, so a
    /// publication after the next commit (or in a new activation) is always newer than the hinted ones before it.
    /// </summary>
    private long LiveVersion(long commit, bool publication)
    {
        if (!publication) return commit * VersionsPerCommit;
        if (commit != _liveCommit) (_liveCommit, _liveRound) = (commit, 0);
        else if (_liveRound < VersionsPerCommit - 1) _liveRound++;
        return commit * VersionsPerCommit + _liveRound;
    }

    private const long VersionsPerCommit = 1000;

    private Applied Forward(AggregateState s, CounterSet change, IReadOnlyDictionary<string, long> origins)
    {
        _live.Changed(origins);
        if (s.Profile?.Parent is { } parent && !change.IsEmpty)
            s.Outbox.Post(Key, parent.Key, new Delta { Sender = Key, Counters = change.Copy(), Origins = new(origins) });
        return new Applied(0, true);
    }

    /// <summary>Children are listed by id.</summary>
    private static string ChildId(string sender) => UnitKey.OfAddress(sender).Id;

    private readonly record struct Applied(long Seq, bool Changed);
}
