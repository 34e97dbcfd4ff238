namespace GridGov.Grains.Domain.Grids;

/// <summary>Parking: closed issues awaiting a rating wait in the archive, not in the grid's state (see <see cref="ParkedIssue"/>).</summary>
public sealed partial class GridBook
{
    /// <summary>
    /// The closed issues awaiting a rating to park: once <paramref name="batch"/> of them are held, those closed at or before
    /// <paramref name="closedBy"/>, all at once so that one archive write carries several. A grid's state, which every
    /// command copies and writes whole, would otherwise carry a week of resolved issues on a busy grid; an issue closed
    /// just now stays, as its rating may follow at once (a resident at the reception) and a parked one costs a read to
    /// bring back.
    /// </summary>
    public IReadOnlyList<Issue> ToPark(int batch, DateTimeOffset closedBy)
    {
        var awaiting = State.Issues.Values.Where(i => i.AwaitingRating).ToList();
        return awaiting.Count >= Math.Max(1, batch) ? awaiting.Where(i => i.ClosedAt <= closedBy).ToList() : [];
    }

    /// <summary>Drops parked issues' bodies from state (they are in the archive now), keeping what the clock, the
    /// counters and the deputy's list need. Their cards stay with their deputies.</summary>
    public void Park(IEnumerable<Issue> issues)
    {
        foreach (var issue in issues)
        {
            if (!issue.AwaitingRating) throw new InvalidOperationException($"Issue {issue.Id} is not awaiting a rating.");
            State.Issues.Remove(issue.Id);
            State.Parked[issue.Id] = ParkedIssue.Of(issue, Calendar, policy);
        }
    }

    /// <summary>Parked issues whose rating window has ended: the clock needs their bodies back.</summary>
    public IReadOnlyList<string> ParkedDue(DateTimeOffset now) =>
        State.Parked.Where(p => p.Value.RatingDue <= now).Select(p => p.Key).ToList();

    /// <summary>
    /// Takes a parked issue back into state, as read from the archive, so that a command or the clock can change it.
    /// A no-op for an issue already back (another command brought it); an issue neither held nor parked has settled
    /// meanwhile, and a body older than the parked one is refused.
    /// </summary>
    public void Reinstate(Issue issue)
    {
        if (State.Issues.ContainsKey(issue.Id)) return;
        if (!State.Parked.TryGetValue(issue.Id, out var parked))
            throw DomainRuleException.Conflict("issue.archived", "This issue is settled and archived; it can no longer change.");
        if (parked.Card.Version != issue.Version)
            throw DomainRuleException.Conflict("issue.stale", "The archived copy of this issue is not its latest; try again.");
        State.Parked.Remove(issue.Id);
        State.Issues[issue.Id] = issue;
    }
}
