using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Structure;

namespace GridGov.Silo.Demo;

/// <summary>
/// Imports the demo district unless it is there, and finishes an import a stop interrupted. On a busy machine the
/// import (903 grids, 322 deputies) can outlast the call timeout while the grain carries on: then it looks again.
/// <see cref="Loaded"/> completes when every unit of the district is configured (readiness waits for it).
/// </summary>
public sealed class DemoDistrictLoader(IGrainFactory grains, ILogger<DemoDistrictLoader> logger) : BackgroundService
{
    private const int MaxAttempts = 10;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Loaded => _loaded.Task;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var structure = DemoDistrict.Create();
        var district = grains.GetGrain<IDistrictGrain>(structure.Id);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                switch (await district.GetImportStatus())
                {
                    case ImportStatus.Pending:
                        await district.ResumeImport();
                        logger.LogInformation("Demo district: the interrupted import is finished");
                        break;
                    case ImportStatus.None:
                        var summary = await district.Import(structure);
                        logger.LogInformation("Demo district loaded: {Streets} streets, {Communities} communities, {Grids} grids, {Deputies} deputies",
                            summary.Streets, summary.Communities, summary.Grids, summary.Deputies);
                        break;
                }
                _loaded.TrySetResult();
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && attempt < MaxAttempts)
            {
                logger.LogWarning("Loading the demo district: {Error}; looking again (attempt {Attempt} of {Max})", e.Message, attempt, MaxAttempts);
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError("The demo district could not be loaded: {Error}", e.Message);
                _loaded.TrySetException(e);
                return;
            }
        }
    }
}
