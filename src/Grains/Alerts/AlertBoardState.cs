namespace GridGov.Grains.Alerts;

[GenerateSerializer]
public sealed class AlertBoardState
{
    /// <summary>At most <see cref="AlertBoardGrain.MaxOpen"/>: the oldest go first when a flood comes.</summary>
    [Id(0)] public List<Alert> Open { get; init; } = [];
    /// <summary>The latest acknowledgements (who and when), kept for the audit of the screen.</summary>
    [Id(1)] public List<Alert> Acknowledged { get; init; } = [];
}
