using System.Net.Http.Headers;
using GridGov.Grains;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    /// <summary>Rank units from this many decided cases (the host's default: 20), so a handful of issues suffice.</summary>
    public int? MinimumDecidedToRank { get; init; }

    /// <summary>Further settings of the host ("GridGov:Weights:Response" = "0.2"), applied after the usual ones.</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; init; } = new Dictionary<string, string>();

    /// <summary>Import the demo district at start (Demo:Enabled), without its traffic.</summary>
    public bool DemoDistrict { get; init; }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Where Kestrel listens once <see cref="StartKestrel"/> ran, e.g. http://127.0.0.1:41234/; else null (in-memory server).</summary>
    public Uri? Address { get; private set; }

    /// <summary>Starts the host on real Kestrel on a free port, as a browser needs a socket; clients then use it too.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        return Address;
    }

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
        // A test host shares the test run's process, and under a full suite's load a graceful silo stop (which a
        // restart over the same data relies on) can take longer than a real host's 10 s: the generic host's 30 s.
        builder.UseSetting(Silo.Hosting.ShutdownDeadline.Setting, "false");
        builder.UseSetting(Silo.Hosting.ShutdownDeadline.TimeoutSetting, "00:00:30");
        builder.UseSetting("Demo:Enabled", DemoDistrict ? "true" : "false");
        if (DemoDistrict) builder.UseSetting("Demo:Traffic:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // A problem an endpoint does not declare answers 500 problem.undeclared: the suite keeps the OpenAPI document honest.
        builder.UseSetting(Silo.Api.Problems.ProblemAudit.Setting, "fail");
        if (MinimumDecidedToRank is { } minimum) builder.UseSetting("GridGov:MinimumDecidedToRank", minimum.ToString());
        foreach (var (key, value) in Configuration) builder.UseSetting(key, value);
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
        var client = Address is null ? CreateClient() : new HttpClient { BaseAddress = Address };
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, deputy, scope));
        return client;
    }
}
