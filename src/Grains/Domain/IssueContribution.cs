namespace GridGov.Grains.Domain;

/// <summary>
/// What one issue, as it stands, adds to the counters, and where (its cohort month, day and cell).
/// Every change to an issue moves the counters by after minus before, so counters always equal the sum of
/// their issues' contributions: voids, reopenings and re-ratings need no special bookkeeping.
/// </summary>
public readonly record struct IssueContribution(int Month, int Day, CellKey Cell, Tally Tally)
{
    public static IssueContribution Of(Issue issue, DistrictCalendar calendar)
    {
        var at = issue.CohortTime;
        return new(calendar.MonthKey(at), calendar.DayKey(at), new CellKey(issue.Category, issue.Channel, issue.Sla), TallyOf(issue));
    }

    /// <summary>The counters moved by a change from <paramref name="before"/> to the issue as it is now.</summary>
    public static CounterSet Delta(IssueContribution? before, IssueContribution? after)
    {
        var delta = new CounterSet();
        delta.Add(before, -1);
        delta.Add(after, +1);
        return delta;
    }

    private static Tally TallyOf(Issue i)
    {
        var t = new Tally();
        if (i.Status == IssueStatus.Voided) { t.Voided = 1; return t; }
        t.Received = 1;
        if (i.Status == IssueStatus.Declined) { t.NotAccepted = 1; return t; }
        if (i.AcceptedAt is not { } accepted) return t;
        t.Accepted = 1;
        if (i.Status.IsOpen()) t.Open = 1;
        if (i.FirstResponseAt is { } responded)
        {
            if (responded <= i.ResponseDueAt) t.RespondedInTime = 1; else t.RespondedLate = 1;
            t.ResponseMinutes = (long)(responded - accepted).TotalMinutes;
            t.ResponseHistogram = DurationBuckets.One(responded - accepted);
        }
        else if (i.ResponseOverdue) t.ResponseOverdue = 1;
        if (i.Status == IssueStatus.Resolved && i.ResolvedAt is { } resolved)
        {
            t.Resolved = 1;
            t.ResolutionMinutes = (long)(resolved - accepted).TotalMinutes;
            t.ResolutionHistogram = DurationBuckets.One(resolved - accepted);
        }
        if (i.Status == IssueStatus.ClosedUnresolved) t.ClosedUnresolved = 1;
        if (i.Status.IsOpen() && i.Overdue) t.OpenOverdue = 1;
        if (i.WentOverdue) t.Overdue = 1;
        t.Reopened = i.ReopenCount;
        switch (i.Rating)
        {
            case Rating.Satisfied: t.Satisfied = 1; break;
            case Rating.BasicallySatisfied: t.BasicallySatisfied = 1; break;
            case Rating.Unsatisfied: t.Unsatisfied = 1; break;
            default: if (i.RatingExpired) t.NotRated = 1; break;
        }
        return t;
    }
}
