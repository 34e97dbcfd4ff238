using GridGov.Grains.Access;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Grids;

namespace GridGov.Silo.Api;

/// <summary>Finding grids and issues by id, with the not-found and access rules every endpoint shares.</summary>
public static class Lookup
{
    public static async Task<(IGridGrain Grain, GridProfile Profile)> Grid(IGrainFactory grains, string? gridId)
    {
        if (string.IsNullOrWhiteSpace(gridId) || gridId.Length > 64)
            throw DomainRuleException.NotFound("grid.unknown", $"No grid '{gridId}'.");
        var grain = grains.GetGrain<IGridGrain>(gridId);
        return await grain.GetProfile() is { } profile
            ? (grain, profile)
            : throw DomainRuleException.NotFound("grid.unknown", $"No grid '{gridId}'.");
    }

    public static async Task<(IGridGrain Grain, GridProfile Profile)> VisibleGrid(IGrainFactory grains, string gridId, Caller caller)
    {
        var (grain, profile) = await Grid(grains, gridId);
        return AccessRules.MaySee(caller, profile) ? (grain, profile) : throw OutOfScope();
    }

    /// <summary>An issue the caller may read at least to <paramref name="needed"/>, with its grid: unknown ids answer 404,
    /// ids beyond the caller's reach 403.</summary>
    public static async Task<(Issue Issue, IGridGrain Grain, GridProfile Profile)> ReadableIssue(IGrainFactory grains, string issueId, Caller caller,
        IssueReach needed = IssueReach.Full)
    {
        var (issue, grain, profile) = await Issue(grains, issueId);
        return AccessRules.Reach(caller, issue, profile) >= needed ? (issue, grain, profile) : throw OutOfScope();
    }

    public static async Task<(Issue Issue, IGridGrain Grain, GridProfile Profile)> Issue(IGrainFactory grains, string issueId)
    {
        var (grain, profile) = await IssueGrid(grains, issueId);
        var issue = await grain.GetIssue(issueId) ?? throw NoIssue(issueId);
        return (issue, grain, profile);
    }

    /// <summary>The grid an issue id names, for a command that the grid itself checks (an unknown issue fails there, as
    /// 404 issue.unknown): the issue is not read first.</summary>
    public static async Task<(IGridGrain Grain, GridProfile Profile)> IssueGrid(IGrainFactory grains, string issueId)
    {
        if (!IssueIds.TryParse(issueId, out var gridId, out _, out _)) throw NoIssue(issueId);
        try
        {
            return await Grid(grains, gridId);
        }
        catch (DomainRuleException e) when (e.Kind == RuleKind.NotFound)
        {
            throw NoIssue(issueId);
        }
    }

    public static DomainRuleException OutOfScope() => DomainRuleException.Forbidden("scope", "This is outside your scope.");

    private static DomainRuleException NoIssue(string id) => DomainRuleException.NotFound("issue.unknown", $"No issue '{id}'.");
}
