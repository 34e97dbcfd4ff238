namespace GridGov.Grains.Alerts;

/// <summary>A district's open alerts (keyed by district id).</summary>
public interface IAlertBoardGrain : IGrainWithStringKey
{
    /// <summary>Adds an alert; raising the same id again changes nothing.</summary>
    Task Raise(Alert alert);

    /// <summary>Records who acknowledged it and when; the alert leaves the open list. False if there is no such open alert.</summary>
    Task<bool> Acknowledge(string alertId, string by);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Alert>> Open();
}
