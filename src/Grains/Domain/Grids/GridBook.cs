using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Domain.Grids;

/// <summary>
/// The grid's rules over its state: submissions (with idempotency), actions, the SLA clock, counters and the
/// outbox to its community and deputies. Plain C#: the grid grain decides when to run it and when to write.
/// </summary>
public sealed partial class GridBook(GridState state, SlaPolicy policy)
{
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);
    /// <summary>Days of daily counters kept: enough for "today" and a 30-day trend.</summary>
    public const int DaysKept = 35;

    public GridState State { get; } = state;

    /// <summary>What a submission's category is checked against (the host's, GridGovOptions.Catalogue).</summary>
    public CategoryCatalogue Categories { get; init; } = CategoryCatalogue.Default;

    private GridProfile Profile => State.Profile ?? throw DomainRuleException.NotFound("grid.unknown", "No such grid.");

    private DistrictCalendar Calendar => DistrictCalendar.For(State.Profile?.TimeZone ?? DistrictCalendar.DefaultZone);

    public static string CommunityReceiver(string communityId) => UnitKey.Community(communityId).Key;

    public static string DeputyReceiver(string deputyId) => UnitKey.Deputy(deputyId).Key;

    /// <summary>Starts a commit: every change until the write belongs to commit number <see cref="GridState.Commit"/>.</summary>
    public void BeginCommit(DateTimeOffset now, IReadOnlyDictionary<string, long> acknowledged)
    {
        State.Commit++;
        State.Outbox.Prune(acknowledged);
        State.Outbox.Seal();
        foreach (var key in State.Submissions.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList())
            State.Submissions.Remove(key);
        State.Counters.DropDaysBefore(Calendar.LastDays(now, DaysKept)[0]);
    }

    /// <summary>Files a new issue; a repeated <paramref name="idempotencyKey"/> returns the first issue's id instead.</summary>
    public (string IssueId, bool Repeated) Submit(NewIssue input, string? idempotencyKey, DateTimeOffset now, IReadOnlyCollection<DeputyLoad> loads)
    {
        if (idempotencyKey is not null && State.Submissions.TryGetValue(idempotencyKey, out var seen))
            return (seen.IssueId, true);
        var profile = Profile;
        if (profile.Retired) throw DomainRuleException.Conflict("grid.retired", "This grid has been retired and takes no new issues.");
        input.Validate(Categories);
        var month = Calendar.MonthKey(now);
        var seq = State.Sequences.GetValueOrDefault(month) + 1;
        State.Sequences[month] = seq;
        foreach (var old in State.Sequences.Keys.Where(m => m < month).ToList()) State.Sequences.Remove(old);
        var id = IssueIds.Compose(profile.Id, month, seq);
        var autoAccept = profile.AutoAccept && !input.HeldForReview;
        var deputy = autoAccept ? PickDeputy(loads) : null;
        var issue = IssueLifecycle.Submit(id, input with { GridId = profile.Id }, now, autoAccept, deputy, policy);
        State.Issues[id] = issue;
        if (idempotencyKey is not null) State.Submissions[idempotencyKey] = new(id, now + IdempotencyWindow);
        Changed(null, issue, deputyBefore: null);
        return (id, false);
    }

    public Issue Act(string issueId, IssueCommand cmd, DateTimeOffset now, IReadOnlyCollection<DeputyLoad> loads)
    {
        var issue = Find(issueId);
        IssueLifecycle.Check(issue, cmd, now, policy);
        var before = IssueContribution.Of(issue, Calendar);
        var oldDeputy = issue.DeputyId;
        var assignee = cmd.Action == IssueAction.Accept ? PickDeputy(loads) : null;
        IssueLifecycle.Apply(issue, cmd, now, policy, assignee);
        Changed(before, issue, oldDeputy);
        return issue;
    }

    /// <summary>Runs the SLA clock over every issue; returns how many changed.</summary>
    public int Tick(DateTimeOffset now)
    {
        var changed = 0;
        foreach (var issue in State.Issues.Values)
        {
            var before = IssueContribution.Of(issue, Calendar);
            if (!IssueLifecycle.Tick(issue, now, policy)) continue;
            Changed(before, issue, issue.DeputyId);
            changed++;
        }
        return changed;
    }

    /// <summary>When the clock next has work, if ever: a held issue's deadline or a parked one's rating window end.</summary>
    public DateTimeOffset? NextDeadline() =>
        State.Issues.Values.Select(i => IssueLifecycle.NextDeadline(i, policy))
            .Concat(State.Parked.Values.Select(p => (DateTimeOffset?)p.RatingDue)).Where(d => d is not null).Min();

    public Issue Find(string issueId) =>
        State.Issues.TryGetValue(issueId, out var issue)
            ? issue
            : throw DomainRuleException.NotFound("issue.unknown", $"No open issue '{issueId}' in this grid.");

    /// <summary>Issues nothing can change any more: ready for the archive.</summary>
    public IReadOnlyList<Issue> Settled() => State.Issues.Values.Where(i => i.IsSettled).ToList();

    /// <summary>Drops archived issues from state and from their deputy's list.</summary>
    public void Forget(IEnumerable<string> issueIds)
    {
        foreach (var id in issueIds)
        {
            if (!State.Issues.Remove(id, out var issue) || issue.DeputyId is null) continue;
            Post(DeputyReceiver(issue.DeputyId), new Delta { Sender = Profile.Id, Cards = { [id] = null } });
        }
    }

    /// <summary>Past months none of whose issues are still held: their counters (and month-end snapshot) can move to storage.</summary>
    public IReadOnlyList<int> SettledMonths(DateTimeOffset now)
    {
        var current = Calendar.MonthKey(now);
        var held = State.Issues.Values.Select(i => Calendar.MonthKey(i.CohortTime)).Concat(State.Parked.Values.Select(p => p.CohortMonth)).ToHashSet();
        return State.Counters.Months.Keys.Concat(State.MonthEnds.Keys).Distinct()
            .Where(m => m < current && !held.Contains(m)).Order().ToList();
    }

    public void DropMonth(int month)
    {
        State.Counters.Months.Remove(month);
        State.MonthEnds.Remove(month);
    }

    /// <summary>The months this grid still holds anything of (counters or a month-end snapshot): what is not in storage yet.</summary>
    public IReadOnlyList<int> HeldMonths() => State.Counters.Months.Keys.Concat(State.MonthEnds.Keys).Distinct().Order().ToList();

    /// <summary>
    /// Month ends passed since the last snapshot, each with its snapshot of the held issues (see <see cref="OpenAtMonthEnd"/>).
    /// Changes nothing: a grid that has not committed since a month ended answers for it from what it holds.
    /// With no snapshot yet, only the month just ended is taken.
    /// </summary>
    public IReadOnlyList<(int Month, Dictionary<int, OpenCount> Snapshot)> DueMonthEnds(DateTimeOffset now)
    {
        var last = DistrictCalendar.AddMonths(Calendar.MonthKey(now), -1);
        var first = State.MonthEndsThrough == 0 ? last : DistrictCalendar.AddMonths(State.MonthEndsThrough, 1);
        var due = new List<(int, Dictionary<int, OpenCount>)>();
        for (var m = first; m <= last; m = DistrictCalendar.AddMonths(m, 1))
            due.Add((m, OpenAtMonthEnd.Take(State.Issues.Values, m, Calendar, policy)));
        return due;
    }

    /// <summary>Records the month ends passed since the last snapshot. Must run before settled issues are archived.</summary>
    public void RecordMonthEnds(DateTimeOffset now)
    {
        var due = DueMonthEnds(now);
        foreach (var (month, snapshot) in due)
            if (snapshot.Count > 0) State.MonthEnds[month] = snapshot;
        if (due.Count > 0) State.MonthEndsThrough = due[^1].Month;
    }

    /// <summary>
    /// Forgets cohort year <paramref name="year"/> (a replayed year about to be replayed again): the issues held for it,
    /// its months, days, year totals and issue numbers; and takes back from each receiver what this grid gave it for
    /// the year (<paramref name="shares"/>, as the receivers hold it) with a negative delta through the outbox.
    /// Returns how many held issues were dropped.
    /// </summary>
    public int ForgetYear(int year, IReadOnlyDictionary<string, CounterSet> shares)
    {
        var profile = Profile;
        var held = State.Issues.Values.Where(i => Calendar.Year(i.CohortTime) == year).ToList();
        foreach (var issue in held)
        {
            State.Issues.Remove(issue.Id);
            if (issue.DeputyId is not null) Post(DeputyReceiver(issue.DeputyId), new Delta { Sender = profile.Id, Cards = { [issue.Id] = null } });
        }
        var parked = State.Parked.Where(p => p.Value.CohortMonth / 100 == year).ToList();
        foreach (var (id, p) in parked)
        {
            State.Parked.Remove(id);
            if (p.DeputyId is not null) Post(DeputyReceiver(p.DeputyId), new Delta { Sender = profile.Id, Cards = { [id] = null } });
        }
        var own = State.Counters.OnlyYear(year);
        State.Counters.Add(own, -1);
        State.Years.Remove(year);
        foreach (var month in State.Sequences.Keys.Where(m => m / 100 == year).ToList()) State.Sequences.Remove(month);
        foreach (var (receiver, share) in shares)
        {
            var given = share.OnlyYear(year);
            if (given.IsEmpty) continue;
            var back = new CounterSet();
            back.Add(given, -1);
            Post(receiver, new Delta { Sender = profile.Id, Counters = back, Origins = new() { [profile.Id] = State.Commit } });
        }
        return held.Count + parked.Count;
    }

    /// <summary>Replaces the grid's profile (structure import). Open issues of deputies no longer here are reassigned.</summary>
    public IReadOnlyList<Issue> Configure(GridProfile profile, DateTimeOffset now, IReadOnlyCollection<DeputyLoad> loads)
    {
        State.Profile = profile;
        // A community deputy who took an issue while the grid's own could not is still placed to keep it.
        var placed = profile.Deputies.Concat(profile.CommunityDeputies ?? []).ToHashSet(StringComparer.Ordinal);
        var orphans = State.Issues.Values
            .Where(i => i.Status.IsOpen() && i.DeputyId is not null && !placed.Contains(i.DeputyId)).ToList();
        foreach (var issue in orphans)
        {
            var to = PickDeputy(loads);
            if (to is null || to == issue.DeputyId) continue;
            Act(issue.Id, new IssueCommand(IssueAction.Reassign, Actor.System, "Deputy no longer placed in this grid.", to), now, loads);
        }
        return orphans;
    }

    /// <summary>
    /// The grid's available deputy with the fewest open issues; if none is available (all on leave, or the grid has
    /// none), the community's other deputies, and the issue's history says so (which raises an alert).
    /// </summary>
    private string? PickDeputy(IReadOnlyCollection<DeputyLoad> loads) =>
        Pick(Profile.Deputies, loads) ?? Pick(Profile.CommunityDeputies ?? [], loads);


    private string? Pick(IEnumerable<string> deputies, IReadOnlyCollection<DeputyLoad> loads)
    {
        // Loads come from the deputies' grains; this grid's own issues are counted exactly from state.
        var own = State.Issues.Values.Where(i => i.Status.IsOpen() && i.DeputyId is not null)
            .GroupBy(i => i.DeputyId!).ToDictionary(g => g.Key, g => g.Count());
        var candidates = deputies.Distinct().Select(id =>
        {
            var load = loads.FirstOrDefault(l => l.DeputyId == id);
            return new DeputyLoad(id, load.OpenIssues + own.GetValueOrDefault(id), load.DeputyId is null || load.Available);
        });
        return DeputyPicker.Pick(candidates);
    }

    /// <summary>
    /// Moves the counters by the issue's change and tells its community and deputies. A deputy's counters hold the
    /// issues they hold now: on a change of deputy the old one loses the whole contribution before, the new one gains
    /// the whole contribution after (a plain after-minus-before would leave each with half of it).
    /// </summary>
    private void Changed(IssueContribution? before, Issue issue, string? deputyBefore)
    {
        var profile = Profile;
        State.Touched.Add(issue.Id);
        var after = IssueContribution.Of(issue, Calendar);
        var counters = IssueContribution.Delta(before, after);
        State.Counters.Add(counters);
        foreach (var (month, cells) in counters.Months)
        {
            if (!State.Years.TryGetValue(month / 100, out var year)) State.Years[month / 100] = year = new Tally();
            foreach (var t in cells.Values) year.Add(t);
        }
        var origins = new Dictionary<string, long> { [profile.Id] = State.Commit };
        if (!counters.IsEmpty)
            Post(CommunityReceiver(profile.CommunityId), new Delta { Sender = profile.Id, Counters = counters, Origins = origins });
        var moved = deputyBefore != issue.DeputyId;
        if (moved && deputyBefore is not null)
            Post(DeputyReceiver(deputyBefore), new Delta
            {
                Sender = profile.Id, Counters = IssueContribution.Delta(before, null), Cards = { [issue.Id] = null }, Origins = new(origins),
            });
        if (issue.DeputyId is not null)
            Post(DeputyReceiver(issue.DeputyId), new Delta
            {
                Sender = profile.Id, Counters = moved ? IssueContribution.Delta(null, after) : counters.Copy(),
                Cards = { [issue.Id] = IssueCard.Of(issue) }, Origins = new(origins),
            });
    }

    private void Post(string receiver, Delta delta) => State.Outbox.Post(Profile.Id, receiver, delta);
}
