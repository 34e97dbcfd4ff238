using Azure.Data.Tables;
using GridGov.Grains.Structure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGov.Silo.Api;

/// <summary>/health/live (the process answers) and /health/ready (storage and the silo answer). Anonymous, for load balancers.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new { status = "live" }));
        group.MapGet("/ready", Ready);
        return routes;
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> Ready(TableServiceClient tables, IGrainFactory grains, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await tables.GetPropertiesAsync(timeout.Token);
            await grains.GetGrain<IDistrictDirectoryGrain>("all").List().WaitAsync(timeout.Token);
            return TypedResults.Ok<object>(new { status = "ready" });
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return TypedResults.Problem(title: "Not ready", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
