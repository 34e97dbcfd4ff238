using GridGov.Silo.Demo;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridGov.Silo.Health;

/// <summary>With the demo enabled, the host advertises the demo district: it is ready once the loader is done.</summary>
public sealed class DemoDistrictLoaded(DemoDistrictLoader loader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) => Task.FromResult(loader.Loaded.Status switch
    {
        TaskStatus.RanToCompletion => HealthCheckResult.Healthy(),
        TaskStatus.Faulted => HealthCheckResult.Unhealthy("the demo district could not be loaded (see the host's log)"),
        _ => HealthCheckResult.Unhealthy("the demo district is importing"),
    });
}
