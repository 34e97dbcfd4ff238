using GridGov.Grains.Structure;

namespace GridGov.Silo.Health;

/// <summary>At start, finishes every district import a stop interrupted, so each stored structure ends up fully configured.</summary>
public sealed class ImportResumer(IGrainFactory grains, ILogger<ImportResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        try
        {
            foreach (var district in await grains.GetGrain<IDistrictDirectoryGrain>("all").List())
            {
                ct.ThrowIfCancellationRequested();
                if (await grains.GetGrain<IDistrictGrain>(district.Id).ResumeImport())
                    logger.LogInformation("District {District}: the interrupted import is finished", district.Id);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Readiness stays red for a district still pending; the next start, or an import, finishes it.
            logger.LogWarning("Finishing interrupted imports: {Error}", e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
