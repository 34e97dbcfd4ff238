namespace GridGov.Grains.Domain;

/// <summary>One action on an existing issue, with what it needs: a note or reason, a deputy, a rating.</summary>
[GenerateSerializer, Immutable]
public sealed record IssueCommand(
    [property: Id(0)] IssueAction Action,
    [property: Id(1)] Actor By,
    [property: Id(2)] string? Note = null,
    [property: Id(3)] string? DeputyId = null,
    [property: Id(4)] Rating? Rating = null);
