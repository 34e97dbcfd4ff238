using System.Net.Http.Headers;
using GridGov.Grains;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Fixtures;

/// <summary>The real host (silo, API, dashboard) over real Azurite, with a fake domain clock.</summary>
public sealed class GridGovHost(HostSettings settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public HostSettings Settings => settings;

    /// <summary>Tests file many issues anonymously from one address; the limit itself is tested with a host of its own.</summary>
    public int ResidentsPerMinute { get; init; } = 100_000;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Cluster:StorageConnectionString", TestStorage.ConnectionString);
        builder.UseSetting("GridGov:ResidentsPerMinute", ResidentsPerMinute.ToString());
        builder.UseSetting("Cluster:ServiceId", settings.ClusterId);
        builder.UseSetting("Cluster:ClusterId", settings.ClusterId);
        builder.UseSetting("Cluster:TablePrefix", settings.TablePrefix);
        builder.UseSetting("Cluster:SiloPort", settings.SiloPort.ToString());
        builder.UseSetting("Cluster:GatewayPort", settings.GatewayPort.ToString());
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(s =>
        {
            s.AddKeyedSingleton<TimeProvider>(GridGovTime.Key, settings.Time);
            services?.Invoke(s);
        });
    }

    public string Token(string role, string? deputy = null, string? scope = null) =>
        Services.GetRequiredService<TokenIssuer>().Issue(role, deputy, scope);

    public HttpClient Client(string? role = null, string? deputy = null, string? scope = null)
    {
        var client = CreateClient();
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, deputy, scope));
        return client;
    }
}
