using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Fixtures;

/// <summary>
/// What makes one test host its own: a cluster id, table prefix and ports of its own on the shared Azurite,
/// and a fake domain clock. Reusing the settings starts a host over the same stored data (a restart).
/// </summary>
public sealed record HostSettings(string ClusterId, string TablePrefix, int SiloPort, int GatewayPort, FakeTimeProvider Time)
{
    /// <summary>10:00 on a Tuesday in Shanghai, mid-March 2026.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    public static HostSettings Fresh()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new HostSettings($"test-{id}", $"T{id}", FreePorts.Next(), FreePorts.Next(), new FakeTimeProvider(Start));
    }

    /// <summary>The same cluster and data, new ports (the old ones may linger in TIME_WAIT).</summary>
    public HostSettings Restarted() => this with { SiloPort = FreePorts.Next(), GatewayPort = FreePorts.Next() };
}
