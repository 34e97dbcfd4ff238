using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace GridGov.Grains.Live;

public sealed class LiveHostRegistryGrain(ILogger<LiveHostRegistryGrain> logger) : Grain, ILiveHostRegistryGrain
{
    /// <summary>Hosts renew every <see cref="LiveHostRenewal"/>; three missed renewals and a host is dropped.</summary>
    private readonly ObserverManager<ILiveHost> _hosts = new(LiveHostRenewal.Period * 3, logger);

    public Task Register(ILiveHost host)
    {
        _hosts.Subscribe(host, host);
        return Task.CompletedTask;
    }

    public Task Unregister(ILiveHost host)
    {
        _hosts.Unsubscribe(host);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveHost>> Hosts()
    {
        _hosts.ClearExpired();
        return Task.FromResult<IReadOnlyList<ILiveHost>>(_hosts.ToList());
    }
}

public static class LiveHostRenewal
{
    // Short, so a host lost by a registry re-activation (e.g. while a silo joins) is back within seconds.
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
}
