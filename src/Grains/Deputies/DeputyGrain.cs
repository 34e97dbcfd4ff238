using GridGov.Grains.Commit;
using GridGov.Grains.Delivery;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Live;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace GridGov.Grains.Deputies;

[Reentrant]
public sealed class DeputyGrain(
    [PersistentState("deputy", StorageNames.Deputies)] IPersistentState<DeputyState> storage,
    DeepCopier copier,
    Microsoft.Extensions.Options.IOptions<GridGovOptions> options,
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(GridGovTime.Key)] TimeProvider time) : Grain, IDeputyGrain
{
    private GroupCommit<DeputyState> _commit = null!;
    /// <summary>Card changes heard of and shown, not yet stored here: the deputy's screens do not wait for its write.</summary>
    private readonly CardsAhead _ahead = new();
    private ILiveNotifierGrain? _notifier;

    private DeputyState Committed => _commit.Committed;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        _commit = new GroupCommit<DeputyState>(storage, copier,
            new(BeginBatch: s => s.Commit++, AfterCommit: s => _ahead.Prune(s.Inbox), WriteGap: options.Value.DeputyWriteGap));
        return Task.CompletedTask;
    }

    public async Task<long> Receive(Delta delta)
    {
        if (Committed.Inbox.Judge(delta) == DeltaVerdict.Gap)
        {
            var whole = await Receivers.Sender(GrainFactory, delta.Sender).GetContribution(GridBook.DeputyReceiver(this.GetPrimaryKeyString()));
            return await _commit.Run(s =>
            {
                // A grid can resend its cards but not its past counters: keep those.
                var kept = s.Inbox.Senders.GetValueOrDefault(delta.Sender)?.Counters ?? new CounterSet();
                s.Inbox.Replace(delta.Sender, whole.Seq, kept, whole.Cards, whole.Origins);
                return s.Inbox.AppliedSeq(delta.Sender);
            });
        }
        // The delta comes from the grid's committed outbox: shown now, stored with this deputy's next write.
        Show(delta.Sender, delta.ToSeq, delta.Cards);
        return await _commit.Run(s => (Verdict: s.Inbox.Apply(delta), Seq: s.Inbox.AppliedSeq(delta.Sender)), r => r.Verdict == DeltaVerdict.Applied)
            .ContinueWith(t => t.Result.Seq, TaskContinuationOptions.ExecuteSynchronously);
    }

    public Task Hint(CardHint hint)
    {
        Show(hint.Grid, hint.Seq, hint.Cards);
        return Task.CompletedTask;
    }

    /// <summary>Pushes the card changes that are news to the deputy's screens.</summary>
    private void Show(string grid, long seq, IReadOnlyDictionary<string, IssueCard?> cards)
    {
        var news = _ahead.Take(grid, seq, cards, Committed.Inbox);
        if (news.Count == 0) return;
        var update = new DeputyUpdate(this.GetPrimaryKeyString(),
            news.Values.Where(c => c is not null).Select(c => c!).ToList(),
            news.Where(c => c.Value is null).Select(c => c.Key).ToList());
        (_notifier ??= GrainFactory.GetGrain<ILiveNotifierGrain>(0)).DeputyChanged(update).Ignore();
    }

    public Task<CounterSet> GetShare(string sender) =>
        Task.FromResult(Committed.Inbox.Senders.GetValueOrDefault(sender)?.Counters.Copy() ?? new CounterSet());

    public Task<IReadOnlyDictionary<string, CounterSet>> GetMonths(int fromMonth, int toMonth)
    {
        var months = new Dictionary<string, CounterSet>();
        foreach (var (sender, ledger) in Committed.Inbox.Senders)
        {
            // Copies: the committed state must not leave the grain by reference.
            var set = ledger.Counters.OnlyMonths(fromMonth, toMonth);
            if (!set.IsEmpty) months[sender] = set;
        }
        return Task.FromResult<IReadOnlyDictionary<string, CounterSet>>(months);
    }

    public Task<DeputyLoad> GetLoad(string gridId)
    {
        // As the screens show it: under load the stored cards lag the deputy's write gap behind.
        var open = _ahead.Over(Committed.Inbox).Count(c => c.GridId != gridId && c.Status.IsOpen());
        var now = time.GetUtcNow();
        var onLeave = Committed.Leaves.Any(l => l.From <= now && now < l.To);
        return Task.FromResult(new DeputyLoad(this.GetPrimaryKeyString(), open, !Committed.Retired && Committed.Profile is not null && !onLeave));
    }

    public Task<DeputySnapshot> GetSnapshot()
    {
        var s = Committed;
        // What the screens were shown: the stored cards and the ones heard of since.
        var cards = _ahead.Over(s.Inbox).OrderBy(c => c.DueAt).ToList();
        return Task.FromResult(new DeputySnapshot(s.Profile, s.Grids, cards, s.Inbox.Sum(), s.Retired, s.Inbox.Origins, s.Leaves));
    }

    public Task<IReadOnlyList<LeavePeriod>> SetLeave(LeavePeriod leave)
    {
        if (leave.To <= leave.From) throw Domain.DomainRuleException.Invalid("leave.period", "A leave ends after it starts.");
        return _commit.Run<IReadOnlyList<LeavePeriod>>(s =>
        {
            var now = time.GetUtcNow();
            s.Leaves = [.. s.Leaves.Where(l => l.To > now && (l.To <= leave.From || l.From >= leave.To)), leave];
            return s.Leaves.ToList();
        });
    }

    public Task<IReadOnlyList<LeavePeriod>> ClearLeave() =>
        _commit.Run<IReadOnlyList<LeavePeriod>>(s =>
        {
            s.Leaves = [];
            return [];
        });

    public Task Configure(DeputyProfile profile, IReadOnlyList<string> grids, bool retired) =>
        _commit.Run(s =>
        {
            s.Profile = profile;
            s.Grids = [.. grids];
            s.Retired = retired;
            return true;
        });
}
