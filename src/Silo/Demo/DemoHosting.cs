using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Structure;

namespace GridGov.Silo.Demo;

/// <summary>With Demo:Enabled, the host imports the demo district at start (idempotent: a re-import keeps all issues).</summary>
public static class DemoHosting
{
    public static WebApplicationBuilder AddDemoDistrict(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Demo:Enabled")) builder.Services.AddHostedService<DemoDistrictLoader>();
        return builder;
    }
}

public sealed class DemoDistrictLoader(IGrainFactory grains, ILogger<DemoDistrictLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var structure = DemoDistrict.Create();
        var existing = await grains.GetGrain<IDistrictGrain>(structure.Id).GetStructure();
        if (existing is not null && existing.Streets.Count == structure.Streets.Count) return;
        var summary = await grains.GetGrain<IDistrictGrain>(structure.Id).Import(structure);
        logger.LogInformation("Demo district loaded: {Streets} streets, {Communities} communities, {Grids} grids, {Deputies} deputies",
            summary.Streets, summary.Communities, summary.Grids, summary.Deputies);
    }
}
