using System.Net.Http.Headers;
using GridGov.Grains;
using GridGov.Silo.Auth;
using GridGov.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Browser;

/// <summary>
/// The real host on real Kestrel (a browser needs a socket), over the test Azurite with a fake domain clock,
/// ranking units from <paramref name="minimumDecidedToRank"/> decided cases so a handful of issues suffice.
/// </summary>
public sealed class KestrelHost : WebApplicationFactory<Program>
{
    private const int ResidentsPerMinute = 100_000;

    private readonly int _minimumDecidedToRank;

    public KestrelHost(HostSettings settings, int minimumDecidedToRank)
    {
        Settings = settings;
        _minimumDecidedToRank = minimumDecidedToRank;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    public HostSettings Settings { get; }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Cluster:StorageConnectionString", TestStorage.ConnectionString);
        builder.UseSetting("GridGov:ResidentsPerMinute", ResidentsPerMinute.ToString());
        builder.UseSetting("Cluster:ServiceId", Settings.ClusterId);
        builder.UseSetting("Cluster:ClusterId", Settings.ClusterId);
        builder.UseSetting("Cluster:TablePrefix", Settings.TablePrefix);
        builder.UseSetting("Cluster:SiloPort", Settings.SiloPort.ToString());
        builder.UseSetting("Cluster:GatewayPort", Settings.GatewayPort.ToString());
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("GridGov:MinimumDecidedToRank", _minimumDecidedToRank.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(s => s.AddKeyedSingleton<TimeProvider>(GridGovTime.Key, Settings.Time));
    }

    public string Token(string role, string? scope = null) => Services.GetRequiredService<TokenIssuer>().Issue(role, scope: scope);

    /// <summary>An HTTP client over the real socket, as the browser talks to the host.</summary>
    public HttpClient Client(string? role = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        return client;
    }
}
