namespace GridGov.Grains.Domain;

/// <summary>A resident issue. Mutated only by <see cref="IssueLifecycle"/>; the grid grain owns it while it is open.</summary>
[GenerateSerializer]
public sealed class Issue
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string GridId { get; init; }
    /// <summary>The secret half of the resident's tracking code.</summary>
    [Id(2)] public required string TrackingSecret { get; init; }
    [Id(3)] public required string Category { get; init; }
    [Id(4)] public required IssueChannel Channel { get; init; }
    [Id(5)] public required SlaClass Sla { get; init; }
    [Id(6)] public required string Title { get; init; }
    [Id(7)] public string? Description { get; init; }
    [Id(8)] public Contact? Contact { get; init; }
    [Id(9)] public Location? Location { get; init; }
    [Id(10)] public required DateTimeOffset ReceivedAt { get; init; }
    [Id(11)] public IssueStatus Status { get; set; }
    [Id(12)] public DateTimeOffset? AcceptedAt { get; set; }
    [Id(13)] public string? DeputyId { get; set; }
    [Id(14)] public DateTimeOffset? DueAt { get; set; }
    [Id(15)] public DateTimeOffset? ResponseDueAt { get; set; }
    [Id(16)] public DateTimeOffset? FirstResponseAt { get; set; }
    [Id(17)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(18)] public string? Outcome { get; set; }
    [Id(19)] public DateTimeOffset? SuspendedAt { get; set; }
    [Id(20)] public IssueStatus? SuspendedFrom { get; set; }
    [Id(21)] public Rating? Rating { get; set; }
    [Id(22)] public DateTimeOffset? RatedAt { get; set; }
    [Id(23)] public int ReopenCount { get; set; }
    /// <summary>Open and past its due time: set by the SLA clock, cleared when closed or given a new due time.</summary>
    [Id(24)] public bool Overdue { get; set; }
    /// <summary>Went overdue at least once.</summary>
    [Id(25)] public bool WentOverdue { get; set; }
    /// <summary>No first response yet and past its first-response limit.</summary>
    [Id(26)] public bool ResponseOverdue { get; set; }
    /// <summary>Closed and its rating window ended without a rating.</summary>
    [Id(27)] public bool RatingExpired { get; set; }
    [Id(28)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(29)] public List<HistoryEntry> History { get; init; } = [];
    /// <summary>Bumped by every change: lets readers tell fresh from stale.</summary>
    [Id(30)] public int Version { get; set; }
    [Id(31)] public string? VoidReason { get; set; }

    public string TrackingCode => TrackingCodes.Compose(Id, TrackingSecret);

    /// <summary>Who filed it: the actor of its first history entry (its submission).</summary>
    public Actor FiledBy => History.Count > 0 ? History[0].By : Actor.Resident;

    /// <summary>The month by which this issue's outcomes count (the cohort rule): acceptance, else receipt.</summary>
    public DateTimeOffset CohortTime => AcceptedAt ?? ReceivedAt;

    /// <summary>Closed and either rated or past its rating window: nothing more can change it.</summary>
    public bool IsSettled => Status is IssueStatus.Declined or IssueStatus.Voided
        || (Status.IsClosed() && (RatedSinceClosed || RatingExpired));

    /// <summary>Rated after its latest closing (a rating before a reopen does not count here). A flag, not a time
    /// comparison: closing and rating can share an instant.</summary>
    [Id(32)] public bool RatedSinceClosed { get; set; }

    /// <summary>Closed, not yet rated since, and its rating window not yet over.</summary>
    public bool AwaitingRating => Status.IsClosed() && !RatedSinceClosed && !RatingExpired;
}
