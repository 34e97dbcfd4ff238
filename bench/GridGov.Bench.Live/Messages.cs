namespace GridGov.Bench.Live;

// Local copies of the few fields the bench reads: the host's DTOs carry more, which the JSON readers skip.

/// <summary>/hubs/live "StatsChanged": which scope, and the grid commits it newly covers.</summary>
public sealed record StatsMessage(string Scope, string Id, long Version, Dictionary<string, long>? Commits);

/// <summary>/hubs/live "IssueEvent" and "Alert": only counted.</summary>
public sealed record EventMessage(string Kind);

/// <summary>POST /api/issues answer.</summary>
public sealed record SubmittedIssue(string Id, string Status, string GridId, long Commit);

/// <summary>POST /api/issues/{id}/{action} answer.</summary>
public sealed record ActedIssue(IssueBrief Issue, long Commit);

public sealed record IssueBrief(string Id, string Status);

/// <summary>GET /api/structure/{districtId}.</summary>
public sealed record DistrictTree(string Id, IReadOnlyList<StreetTree> Streets);

public sealed record StreetTree(string Id, IReadOnlyList<CommunityTree> Communities);

public sealed record CommunityTree(string Id, IReadOnlyList<GridLeaf> Grids);

public sealed record GridLeaf(string Id, IReadOnlyList<string> Deputies);

/// <summary>A grid with its ancestors: what a probe watches.</summary>
public sealed record GridPlace(string GridId, string CommunityId, string StreetId, string DistrictId);
