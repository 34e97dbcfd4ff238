namespace GridGov.Grains.Domain;

/// <summary>Of one cohort month's issues, how many were open at a month's end, and how many of those past due.</summary>
[GenerateSerializer, Immutable]
public readonly record struct OpenCount([property: Id(0)] long Open, [property: Id(1)] long PastDue)
{
    public static OpenCount operator +(OpenCount a, OpenCount b) => new(a.Open + b.Open, a.PastDue + b.PastDue);
}

/// <summary>
/// "Open at period end": issues open at the instant a month ends (the first instant of the next month, district time
/// zone), by cohort month, reconstructed from each issue's history so it does not matter how late the snapshot is
/// taken, as long as the issues it needs have not been archived yet.
/// </summary>
public static class OpenAtMonthEnd
{
    /// <summary>The snapshot of <paramref name="month"/>'s end over <paramref name="issues"/>: cohort month -> counts; only non-zero cohorts.</summary>
    public static Dictionary<int, OpenCount> Take(IEnumerable<Issue> issues, int month, DistrictCalendar calendar, SlaPolicy policy)
    {
        var end = calendar.EndOf(month);
        var snapshot = new Dictionary<int, OpenCount>();
        foreach (var issue in issues)
        {
            var (open, pastDue) = StateAt(issue, end, policy);
            if (!open) continue;
            var cohort = calendar.MonthKey(issue.CohortTime);
            snapshot[cohort] = snapshot.GetValueOrDefault(cohort) + new OpenCount(1, pastDue ? 1 : 0);
        }
        return snapshot;
    }

    /// <summary>
    /// Whether <paramref name="issue"/> was open just before <paramref name="at"/> (entries at or after it do not count),
    /// and whether it was past due then. The due time is replayed from the history with the policy's limit: set at
    /// acceptance, moved on by each suspension's length at resumption, set afresh at a reopening. A suspended issue's
    /// clock is paused: it is past due if it was when suspended.
    /// </summary>
    public static (bool Open, bool PastDue) StateAt(Issue issue, DateTimeOffset at, SlaPolicy policy)
    {
        var limit = policy.For(issue.Sla).Resolve;
        IssueStatus? status = null;
        DateTimeOffset? due = null, suspended = null;
        foreach (var h in issue.History)
        {
            if (h.At >= at) break;
            status = h.To;
            switch (h.Action)
            {
                case "accept":
                case "reopen":
                    due = h.At + limit;
                    break;
                case "suspend":
                    suspended = h.At;
                    break;
                case "resume" when suspended is { } s:
                    due += h.At - s;
                    suspended = null;
                    break;
            }
        }
        if (status is not { } st || !st.IsOpen()) return (false, false);
        var clock = st == IssueStatus.Suspended && suspended is { } since ? since : at;
        return (true, due is { } d && d <= clock);
    }

    /// <summary>The snapshot of a period's cohorts: the cohort months within <c>[from, to]</c> of <paramref name="snapshot"/>, summed.</summary>
    public static OpenCount Within(IReadOnlyDictionary<int, OpenCount>? snapshot, int fromMonth, int toMonth)
    {
        var sum = new OpenCount();
        if (snapshot is null) return sum;
        foreach (var (cohort, count) in snapshot)
            if (cohort >= fromMonth && cohort <= toMonth) sum += count;
        return sum;
    }
}
