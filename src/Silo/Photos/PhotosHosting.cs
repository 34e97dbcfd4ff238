using Azure.Storage.Blobs;
using GridGov.Silo.Auth;
using GridGov.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridGov.Silo.Photos;

public static class PhotosHosting
{
    /// <summary>
    /// Issue photos: a BlobServiceClient on Cluster:StorageConnectionString, the photo store (container
    /// "{Cluster:TablePrefix lowercased}-photos"), link signing, and problem details for refused photos.
    /// Call after AddGridGovSilo and AddGridGovAuth; map the endpoints with MapGridGovPhotos.
    /// </summary>
    public static WebApplicationBuilder AddGridGovPhotos(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PhotoOptions>(builder.Configuration.GetSection(PhotoOptions.Section));
        builder.Services.AddSingleton(sp => new PhotoStore(
            sp.GetRequiredService<BlobServiceClient>(), PhotoStore.ContainerNameFor(sp.GetRequiredService<ClusterSettings>().TablePrefix)));
        builder.Services.AddSingleton(sp => new PhotoLinks(
            sp.GetRequiredService<IOptions<PhotoOptions>>(), sp.GetRequiredService<AuthSettings>(), TimeProvider.System));
        builder.Services.AddExceptionHandler<PhotoProblemMapping>();
        return builder;
    }
}
