using System.Security.Claims;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Grids;
using GridGov.Silo.Auth;

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

    public static async Task<(IGridGrain Grain, GridProfile Profile)> VisibleGrid(IGrainFactory grains, string gridId, ClaimsPrincipal user)
    {
        var (grain, profile) = await Grid(grains, gridId);
        return Access.MaySee(user, profile) ? (grain, profile) : throw OutOfScope();
    }

    /// <summary>An issue the caller may read, with its grid. Unknown ids and ids outside the caller's reach both answer 404/403 plainly.</summary>
    public static async Task<(Issue Issue, IGridGrain Grain, GridProfile Profile)> ReadableIssue(IGrainFactory grains, string issueId, ClaimsPrincipal user)
    {
        var (issue, grain, profile) = await Issue(grains, issueId);
        return Access.MayRead(user, issue, profile) ? (issue, grain, profile) : throw OutOfScope();
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
