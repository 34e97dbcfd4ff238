using System.Net;
using System.Net.Sockets;

namespace GridGov.Tests.Fixtures;

/// <summary>Silo and gateway ports nobody uses, so hosts in one test run never collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
