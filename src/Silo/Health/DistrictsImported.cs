using GridGov.Grains.Structure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridGov.Silo.Health;

/// <summary>The silo answers, and every district it knows has every unit configured (no import under way or interrupted).</summary>
public sealed class DistrictsImported(IGrainFactory grains, ILogger<DistrictsImported> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        try
        {
            var districts = await grains.GetGrain<IDistrictDirectoryGrain>("all").List().WaitAsync(Readiness.Timeout, ct);
            var statuses = await Task.WhenAll(districts.Select(async d =>
                (d.Id, Status: await grains.GetGrain<IDistrictGrain>(d.Id).GetImportStatus().WaitAsync(Readiness.Timeout, ct))));
            var importing = statuses.Where(s => s.Status != ImportStatus.Done).Select(s => s.Id).ToList();
            return importing.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"district {string.Join(", ", importing)} importing");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogDebug(e, "The silo does not answer");
            return HealthCheckResult.Unhealthy("the silo does not answer");
        }
    }
}
