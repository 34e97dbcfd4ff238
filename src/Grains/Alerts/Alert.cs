namespace GridGov.Grains.Alerts;

/// <summary>
/// Something an operator should look at: an unsatisfied rating, an overdue issue, a grid whose resolution rate
/// fell under the threshold. Acknowledged once, with who and when, and then it leaves every screen.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Alert(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string GridId,
    [property: Id(3)] string? IssueId,
    [property: Id(4)] DateTimeOffset At,
    /// <summary>The grid's scope keys: grid, community, street, district.</summary>
    [property: Id(5)] IReadOnlyList<Domain.Units.UnitKey> Scopes,
    [property: Id(6)] string? Detail = null,
    [property: Id(7)] string? AcknowledgedBy = null,
    [property: Id(8)] DateTimeOffset? AcknowledgedAt = null);
