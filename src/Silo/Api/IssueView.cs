using GridGov.Grains.Access;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;

namespace GridGov.Silo.Api;

/// <summary>An issue as staff see it; contact details only for those allowed.</summary>
public sealed record IssueView(
    string Id, string GridId, string Status, string Category, string Channel, string Sla, string Title, string? Description,
    Contact? Contact, Location? Location, string? AssignedDeputyId, DateTimeOffset ReceivedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResponseDueAt, DateTimeOffset? DueAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ClosedAt, string? Outcome,
    bool Overdue, string? Rating, int ReopenCount, int Version, bool Summary = false)
{
    /// <summary>The issue as <paramref name="caller"/> may read it: a summary (no description, address or contact) for a
    /// deputy of the grid it is not assigned to; the contact only for those <see cref="AccessRules.MaySeeContact"/> allows.</summary>
    public static IssueView For(Caller caller, Issue i, GridProfile grid)
    {
        var full = AccessRules.Reach(caller, i, grid) == IssueReach.Full;
        return new(i.Id, i.GridId, Names.Of(i.Status), i.Category, Names.Of(i.Channel), Names.Of(i.Sla), i.Title,
            full ? i.Description : null, AccessRules.MaySeeContact(caller, i, grid) ? i.Contact : null, full ? i.Location : null,
            i.DeputyId, i.ReceivedAt, i.AcceptedAt, i.ResponseDueAt, i.DueAt, i.FirstResponseAt, i.ClosedAt, i.Outcome, i.Overdue,
            i.Rating is { } r ? Names.Of(r) : null, i.ReopenCount, i.Version, Summary: !full);
    }
}

/// <summary>The answer to a submission: what the resident keeps (the tracking code) and where the issue went.</summary>
public sealed record SubmittedIssue(
    string Id, string TrackingCode, string Status, string GridId, string? AssignedDeputyId, DateTimeOffset? DueAt, long Commit);

/// <summary>An issue after an action, with the grid commit that made it durable.</summary>
public sealed record ActedIssue(IssueView Issue, long Commit);

public sealed record HistoryView(DateTimeOffset At, string By, string Action, string From, string To, string? Note, string? DeputyId)
{
    public static HistoryView Of(HistoryEntry h) =>
        new(h.At, h.By.ToString(), h.Action, Names.Of(h.From), Names.Of(h.To), h.Note, h.DeputyId);
}

/// <summary>What a resident sees through their tracking code: no one else's data, no internal notes. Times are shown in
/// the district's <see cref="TimeZone"/>.</summary>
public sealed record TrackedIssue(
    string Id, string Status, string Category, string Title, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, string? Outcome,
    string? Rating, bool CanRate, IReadOnlyList<TrackedStep> Steps, string TimeZone, string? Notice = null);

public sealed record TrackedStep(DateTimeOffset At, string Action, string Status);
