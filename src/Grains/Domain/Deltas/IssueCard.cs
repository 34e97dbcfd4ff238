namespace GridGov.Grains.Domain.Deltas;

/// <summary>What a deputy's list shows of an issue: no resident contact details.</summary>
[GenerateSerializer, Immutable]
public sealed record IssueCard(
    [property: Id(0)] string Id,
    [property: Id(1)] string GridId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Category,
    [property: Id(4)] IssueStatus Status,
    [property: Id(5)] DateTimeOffset? DueAt,
    [property: Id(6)] bool Overdue,
    [property: Id(7)] int Version)
{
    public static IssueCard Of(Issue i) => new(i.Id, i.GridId, i.Title, i.Category, i.Status, i.DueAt, i.Overdue, i.Version);
}
