using GridGov.Grains.Live;

namespace GridGov.Grains.Alerts;

public sealed class AlertBoardGrain(
    [PersistentState("alerts", StorageNames.Registry)] IPersistentState<AlertBoardState> storage) : Grain, IAlertBoardGrain
{
    public const int MaxOpen = 500;
    public const int MaxAcknowledged = 1000;

    public async Task Raise(Alert alert)
    {
        var s = storage.State;
        if (s.Open.Any(a => a.Id == alert.Id) || s.Acknowledged.Any(a => a.Id == alert.Id)) return;
        s.Open.Add(alert);
        if (s.Open.Count > MaxOpen) s.Open.RemoveRange(0, s.Open.Count - MaxOpen);
        await storage.WriteStateAsync();
        await GrainFactory.GetGrain<ILiveNotifierGrain>(0).Alerted([alert]);
    }

    public async Task<bool> Acknowledge(string alertId, string by)
    {
        var s = storage.State;
        var alert = s.Open.FirstOrDefault(a => a.Id == alertId);
        if (alert is null) return false;
        var done = alert with { AcknowledgedBy = by, AcknowledgedAt = DateTimeOffset.UtcNow };
        s.Open.Remove(alert);
        s.Acknowledged.Add(done);
        if (s.Acknowledged.Count > MaxAcknowledged) s.Acknowledged.RemoveRange(0, s.Acknowledged.Count - MaxAcknowledged);
        await storage.WriteStateAsync();
        await GrainFactory.GetGrain<ILiveNotifierGrain>(0).Alerted([done]);
        return true;
    }

    public Task<IReadOnlyList<Alert>> Open() => Task.FromResult<IReadOnlyList<Alert>>(storage.State.Open.ToList());
}
