using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridGov.Silo.Health;

/// <summary>Table storage answers.</summary>
public sealed class StorageReachable(TableServiceClient tables, ILogger<StorageReachable> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Readiness.Timeout);
            await tables.GetPropertiesAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogDebug(e, "Storage is not reachable");
            return HealthCheckResult.Unhealthy("storage does not answer");
        }
    }
}
