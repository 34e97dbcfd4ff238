using System.Net;
using Azure.Data.Tables;
using GridGov.Grains;
using GridGov.Grains.Archive;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;

namespace GridGov.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>The Orleans silo, co-hosted: Azure Table clustering even for one silo, grain state in Azure Tables.</summary>
    public static WebApplicationBuilder AddGridGovSilo(this WebApplicationBuilder builder)
    {
        var settings = ClusterSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        // A stop is bounded even when storage is already gone: the silo then leaves the cluster ungracefully.
        var shutdown = builder.Configuration.GetValue(ShutdownDeadline.TimeoutSetting, TimeSpan.FromSeconds(10));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
        // A process ends itself when its stop hangs; a test host shares its process with the test run, so it sets this off.
        if (builder.Configuration.GetValue(ShutdownDeadline.Setting, true)) builder.Services.AddHostedService<ShutdownDeadline>();
        builder.Services.Configure<GridGovOptions>(builder.Configuration.GetSection("GridGov"));
        builder.Services.TryAddKeyedSingleton(GridGovTime.Key, TimeProvider.System);
        builder.Services.AddSingleton<GridGov.Grains.Grids.SlaAlarms>();
        // Diagnostics:StorageMeter=true: count the storage requests by kind (see StorageMeter).
        var meter = builder.Configuration.GetValue<bool>("Diagnostics:StorageMeter") ? new StorageMeter() : null;
        if (meter is not null) builder.Services.AddSingleton(meter).AddHostedService<StorageMeterLog>();
        TableServiceClient Tables() => new(settings.StorageConnectionString, Metered(new TableClientOptions(), meter));
        builder.Services.AddSingleton(Tables());
        builder.Services.AddSingleton<IIssueArchive>(sp => new TableIssueArchive(sp.GetRequiredService<TableServiceClient>(), settings.TablePrefix + "Issues"));
        builder.Services.TryAddSingleton(new Azure.Storage.Blobs.BlobServiceClient(settings.StorageConnectionString, Metered(new Azure.Storage.Blobs.BlobClientOptions(), meter)));
        // Grid-months: one blob per grid and year.
        builder.Services.AddSingleton<IGridMonthStore>(sp => new BlobGridMonthStore(sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(),
            BlobGridMonthStore.ContainerNameFor(settings.TablePrefix)));

        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ServiceId = settings.ServiceId;
                o.ClusterId = settings.ClusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseAzureStorageClustering(o => o.TableServiceClient = Tables());
            silo.UseAzureTableReminderService(o =>
            {
                o.TableServiceClient = Tables();
                o.TableName = settings.TablePrefix + "Reminders";
            });
            foreach (var name in new[] { StorageNames.Grids, StorageNames.Aggregates, StorageNames.Deputies, StorageNames.Registry })
            {
                silo.AddAzureTableGrainStorage(name + RowPerGrainStorage.TableSuffix, ob => ob.Configure<Serializer>((o, serializer) =>
                {
                    o.TableServiceClient = Tables();
                    o.TableName = settings.TablePrefix + "State";
                    // Orleans' own binary format: version-tolerant through [Id]s, compact, and it keeps
                    // dictionaries with record keys (the default JSON serializer cannot read those back).
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
                silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => RowPerGrainStorage.Over(sp, (string)key!));
            }
        });
        return builder;
    }

    private static T Metered<T>(T options, StorageMeter? meter) where T : Azure.Core.ClientOptions
    {
        if (meter is not null) options.AddPolicy(meter, Azure.Core.HttpPipelinePosition.PerCall);
        return options;
    }
}
