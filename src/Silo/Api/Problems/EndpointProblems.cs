using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;

namespace GridGov.Silo.Api.Problems;

/// <summary>
/// All the problems one endpoint can answer: those its handler declares, and those its shape implies (a token it needs:
/// 401 and 403; a rate limit: 429; a body: 400 and 415; grain calls: 503). The OpenAPI document and the audit both read this.
/// </summary>
public static class EndpointProblems
{
    public static IReadOnlyList<ProblemCode> For(Endpoint endpoint) =>
        For(endpoint.Metadata, (endpoint as RouteEndpoint)?.RoutePattern.RawText);

    public static IReadOnlyList<ProblemCode> For(EndpointMetadataCollection metadata, string? route)
    {
        var codes = new List<ProblemCode>();
        if (NeedsToken(metadata)) codes.AddRange([ProblemCodes.NoToken, ProblemCodes.RoleRefused]);
        if (metadata.GetMetadata<EnableRateLimitingAttribute>() is not null) codes.Add(ProblemCodes.RateLimited);
        if (metadata.GetMetadata<IAcceptsMetadata>() is not null) codes.AddRange([ProblemCodes.Malformed, ProblemCodes.WrongMediaType]);
        else if (HasTypedParameters(metadata)) codes.Add(ProblemCodes.Malformed);
        foreach (var declared in metadata.GetOrderedMetadata<ProblemMetadata>()) codes.AddRange(declared.Codes);
        if (route?.TrimStart('/').StartsWith("api", StringComparison.Ordinal) == true) codes.Add(ProblemCodes.Busy);
        return codes.Distinct().ToList();
    }

    public static bool NeedsToken(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<IAllowAnonymous>() is null && metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    /// <summary>A parameter bound from the route, query or a header that is not a string can fail to bind (400).</summary>
    private static bool HasTypedParameters(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<System.Reflection.MethodInfo>() is { } handler && handler.GetParameters()
            .Select(p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)
            .Any(t => t.IsPrimitive || t.IsEnum || t == typeof(DateTimeOffset));
}
