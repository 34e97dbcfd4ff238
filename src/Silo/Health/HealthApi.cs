using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Health;

public sealed record HealthView(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>
/// /health/live (the process answers) and /health/ready (the host serves what it advertises: storage, the silo, and
/// every stored district with all its units configured). Anonymous, for load balancers; no exception text leaves.
/// </summary>
public static class HealthApi
{
    public static WebApplicationBuilder AddGridGovHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StorageReachable>("storage", tags: [Readiness.Tag])
            .AddCheck<DistrictsImported>("districts", tags: [Readiness.Tag]);
        builder.Services.AddHostedService<ImportResumer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        // For load balancers, not API clients: documented in docs/operations.md, not in the OpenAPI document.
        var group = routes.MapGroup("/health").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/live", () => TypedResults.Ok(new HealthView("live", new Dictionary<string, string>())))
            .WithName("live");
        group.MapGet("/ready", Ready).WithName("ready").Problems(NotReady);
        return routes;
    }

    private static async Task<Results<Ok<HealthView>, ProblemHttpResult>> Ready(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(Readiness.Tag), ct);
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant());
        if (report.Status == HealthStatus.Healthy) return TypedResults.Ok(new HealthView("ready", checks));
        var waiting = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? "not ready"}");
        return TypedResults.Problem(title: "Not ready", detail: string.Join("; ", waiting), statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["code"] = "not-ready", ["checks"] = checks });
    }
}

/// <summary>The tag of the checks /health/ready runs.</summary>
public static class Readiness
{
    public const string Tag = "ready";

    /// <summary>A check that takes longer than this is not ready (a stalled storage must not hang the probe).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
}
