using GridGov.Grains.Domain;

namespace GridGov.Silo.Api;

/// <summary>Body of POST /api/issues. Enum values are camelCase names (e.g. "hotline", "general").</summary>
public sealed record SubmitIssueRequest(
    string? GridId, string? Category, IssueChannel? Channel, SlaClass? Sla, string? Title, string? Description,
    Contact? Contact, Location? Location);

/// <summary>Body of POST /api/issues/{id}/{action}: a note or reason, a deputy (reassign) or a rating.</summary>
public sealed record IssueActionRequest(string? Note, string? DeputyId, Rating? Rating);

/// <summary>Body of POST /api/track/{code}/rate.</summary>
public sealed record RatingRequest(Rating? Rating, string? Comment);
