using GridGov.Grains;
using GridGov.Silo.Hosting;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace GridGov.Tests.WritePath;

/// <summary>
/// A host of its own whose grid, aggregate and deputy state goes through <see cref="GatedGrainStorage"/> over the
/// silo's own storage (the real Azure table provider, which the silo opens), with a <see cref="CallProbe"/> on incoming
/// grain calls. The keyed registration made here is the last one, so it wins.
/// </summary>
public sealed class GatedHostFixture : IAsyncLifetime
{
    public GatedHostFixture()
    {
        Host = new GridGovHost(HostSettings.Fresh(), services =>
        {
            foreach (var name in new[] { StorageNames.Grids, StorageNames.Aggregates, StorageNames.Deputies })
                services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new GatedGrainStorage(RowPerGrainStorage.Over(sp, (string)key!)));
            services.AddSingleton<IIncomingGrainCallFilter>(Calls);
        });
    }

    public GridGovHost Host { get; }

    public CallProbe Calls { get; } = new();

    public GatedGrainStorage Grids => Storage(StorageNames.Grids);

    public GatedGrainStorage Aggregates => Storage(StorageNames.Aggregates);

    public GatedGrainStorage Deputies => Storage(StorageNames.Deputies);

    public IGrainFactory Grains => Host.Grains;

    public Task InitializeAsync()
    {
        _ = Host.Server; // starts the host and its silo
        _ = Grids;
        _ = Aggregates;
        _ = Deputies;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private GatedGrainStorage Storage(string name) =>
        Host.Services.GetRequiredKeyedService<IGrainStorage>(name) as GatedGrainStorage
        ?? throw new InvalidOperationException($"Storage '{name}' is not the gated wrapper: the test registration did not win.");
}
