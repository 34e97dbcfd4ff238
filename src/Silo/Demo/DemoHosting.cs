using GridGov.Silo.Health;

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
        if (demo)
        {
            builder.Services.AddSingleton<DemoDistrictLoader>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoDistrictLoader>());
            builder.Services.AddHealthChecks().AddCheck<DemoDistrictLoaded>("demo", tags: [Readiness.Tag]);
        }
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
