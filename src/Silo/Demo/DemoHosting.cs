using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Structure;

namespace GridGov.Silo.Demo;

/// <summary>
/// With Demo:Enabled, the host imports the demo district at start (idempotent: a re-import keeps all issues)
/// and runs the demo traffic on it, unless Demo:Traffic:Enabled is false. Demo:Traffic:Enabled=true runs the
/// traffic alone (on Demo:Traffic:DistrictId).
/// </summary>
public static class DemoHosting
{
    public static WebApplicationBuilder AddDemoDistrict(this WebApplicationBuilder builder)
    {
        var demo = builder.Configuration.GetValue<bool>("Demo:Enabled");
        if (demo) builder.Services.AddHostedService<DemoDistrictLoader>();
        builder.Services.Configure<DemoTrafficOptions>(builder.Configuration.GetSection(DemoTrafficOptions.Section));
        if (builder.Configuration.GetValue<bool?>($"{DemoTrafficOptions.Section}:Enabled") ?? demo) builder.Services.AddDemoTraffic();
        return builder;
    }

    /// <summary>Registers the traffic generator (a hosted singleton, so tests can reach its counters).</summary>
    public static IServiceCollection AddDemoTraffic(this IServiceCollection services, Action<DemoTrafficOptions>? configure = null)
    {
        if (configure is not null) services.Configure(configure);
        services.AddSingleton<DemoTrafficWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoTrafficWorker>());
        return services;
    }
}

/// <summary>
/// Imports the demo district unless it is there. On a busy machine the import (903 grids, 322 deputies) can outlast
/// the call timeout while the grain carries on: then it looks again rather than stopping the host.
/// </summary>
public sealed class DemoDistrictLoader(IGrainFactory grains, ILogger<DemoDistrictLoader> logger) : BackgroundService
{
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var structure = DemoDistrict.Create();
        var district = grains.GetGrain<IDistrictGrain>(structure.Id);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await district.GetStructure();
                if (existing is not null && existing.Streets.Count == structure.Streets.Count) return;
                var summary = await district.Import(structure);
                logger.LogInformation("Demo district loaded: {Streets} streets, {Communities} communities, {Grids} grids, {Deputies} deputies",
                    summary.Streets, summary.Communities, summary.Grids, summary.Deputies);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && attempt < MaxAttempts)
            {
                logger.LogWarning("Loading the demo district: {Error}; looking again (attempt {Attempt} of {Max})", e.Message, attempt, MaxAttempts);
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "The demo district could not be loaded");
                return;
            }
        }
    }
}
