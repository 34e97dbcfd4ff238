namespace GridGov.Grains.Live;

/// <summary>A host with SignalR clients: takes live batches from every silo's notifier.</summary>
public interface ILiveHost : IGrainObserver
{
    [Orleans.Concurrency.OneWay]
    Task Deliver(LiveBatch batch);
}

/// <summary>The hosts that want live batches (one grain, key "hosts"). Hosts renew their entry; stale ones expire.</summary>
public interface ILiveHostRegistryGrain : IGrainWithStringKey
{
    Task Register(ILiveHost host);

    Task Unregister(ILiveHost host);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ILiveHost>> Hosts();
}

/// <summary>
/// The silo-local collector (a stateless worker, one per silo): grains publish to it in process; it keeps
/// the latest stats per scope and sends all hosts one batch every few tens of milliseconds.
/// </summary>
public interface ILiveNotifierGrain : IGrainWithIntegerKey
{
    [Orleans.Concurrency.OneWay]
    Task Publish(LiveStats stats);

    [Orleans.Concurrency.OneWay]
    Task Happened(IReadOnlyList<IssueEvent> events);

    [Orleans.Concurrency.OneWay]
    Task DeputyChanged(DeputyUpdate update);

    /// <summary>Alerts raised or acknowledged (an acknowledged one carries who and when).</summary>
    [Orleans.Concurrency.OneWay]
    Task Alerted(IReadOnlyList<Alerts.Alert> alerts);
}
