using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Domain.Grids;

/// <summary>
/// A closed issue awaiting its rating whose body waits in the archive (see <see cref="GridBook.Park"/>): what the grid
/// still needs of it without the body. Its cohort month keeps that month's counters in the grid, <see cref="RatingDue"/>
/// sets the clock, its card and deputy answer the deputy's list, and its history length says which steps are news when it comes back.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ParkedIssue(
    [property: Id(0)] IssueCard Card,
    [property: Id(1)] int CohortMonth,
    [property: Id(2)] DateTimeOffset RatingDue,
    [property: Id(3)] int HistoryCount,
    [property: Id(4)] string? DeputyId)
{
    public static ParkedIssue Of(Issue issue, DistrictCalendar calendar, SlaPolicy policy) => new(
        IssueCard.Of(issue), calendar.MonthKey(issue.CohortTime),
        IssueLifecycle.NextDeadline(issue, policy) ?? throw new InvalidOperationException($"Issue {issue.Id} is not awaiting a rating."),
        issue.History.Count, issue.DeputyId);
}
