namespace GridGov.Grains.Domain;

/// <summary>One line of an issue's audit trail: who did what, when, and the status it led to.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Actor By,
    [property: Id(2)] string Action,
    [property: Id(3)] IssueStatus From,
    [property: Id(4)] IssueStatus To,
    [property: Id(5)] string? Note = null,
    [property: Id(6)] string? DeputyId = null);
