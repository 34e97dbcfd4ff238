using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Access;
using System.Security.Claims;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Displays;
using GridGov.Grains.Domain;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

public sealed record NewDisplayRequest(string? Name, string? Scope);

/// <summary>A display token, shown once: the wall screen opens <see cref="Url"/> and stays signed in.</summary>
public sealed record IssuedDisplay(string Id, string Name, string? Scope, string Token, string Url, DateTimeOffset ExpiresAt);

/// <summary>/api/displays: long-lived read-only sign-ins for wall screens (admins issue, list and revoke).</summary>
public static class DisplaysApi
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static RouteGroupBuilder MapDisplaysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/displays").WithTags("Displays").RequireAuthorization(Policies.Admin);
        group.MapPost("", Issue).WithName("issueDisplay").Problems(NameMissing, NameTooLong, ScopeInvalid, UnknownScope).WithSummary("Issue a display token for a scope (admins). The token is shown once.");
        group.MapGet("", List).WithName("listDisplays").WithSummary("Display tokens issued, with revocations (admins).");
        group.MapDelete("/{id}", Revoke).WithName("revokeDisplay").Problems(UnknownDisplay).WithSummary("Revoke a display token: its screen is refused from its next request or subscription (admins).");
        return group;
    }

    private static async Task<Created<IssuedDisplay>> Issue(NewDisplayRequest body, IGrainFactory grains, TokenIssuer tokens, ClaimsPrincipal user)
    {
        var name = string.IsNullOrWhiteSpace(body.Name) ? throw DomainRuleException.Invalid("name.missing", "Name the display.") : body.Name.Trim();
        if (name.Length > 100) throw DomainRuleException.Invalid("name.too-long", "A display name is at most 100 characters.");
        if (body.Scope is { } scope)
        {
            if (!UnitKey.TryParse(scope, out var unit) || unit.Level is not (UnitLevel.Street or UnitLevel.Community))
                throw DomainRuleException.Invalid("scope", "A display's scope is street:ID or community:ID (none: the whole district).");
            if ((await grains.AggregateOf(unit).GetSnapshot()).Profile is null)
                throw DomainRuleException.NotFound("scope.unknown", $"No {scope}.");
        }
        var id = Guid.NewGuid().ToString("N");
        await grains.GetGrain<IDisplayRegistryGrain>("displays").Add(
            new DisplayEntry(id, name, body.Scope, DateTimeOffset.UtcNow, Caller.From(user).Actor.Id));
        var token = tokens.Issue(GridGovClaims.Roles.Display, scope: body.Scope, lifetime: Lifetime, subject: "display:" + id, tokenId: id);
        return TypedResults.Created($"/api/displays/{id}",
            new IssuedDisplay(id, name, body.Scope, token, $"/dashboard/#token={token}", DateTimeOffset.UtcNow + Lifetime));
    }

    private static async Task<Ok<IReadOnlyList<DisplayEntry>>> List(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IDisplayRegistryGrain>("displays").List());

    private static async Task<NoContent> Revoke(string id, IGrainFactory grains, ClaimsPrincipal user) =>
        await grains.GetGrain<IDisplayRegistryGrain>("displays").Revoke(id, Caller.From(user).Actor.Id)
            ? TypedResults.NoContent()
            : throw DomainRuleException.NotFound("display.unknown", $"No active display '{id}'.");
}
