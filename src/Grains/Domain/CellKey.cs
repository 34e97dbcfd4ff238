namespace GridGov.Grains.Domain;

/// <summary>A counter cell within a month: category x channel x SLA class. Cells exist only once something happened in them.</summary>
[GenerateSerializer, Immutable]
public readonly record struct CellKey(
    [property: Id(0)] string Category,
    [property: Id(1)] IssueChannel Channel,
    [property: Id(2)] SlaClass Sla)
{
    /// <summary>The one cell of a level above the grids: every category, channel and SLA class together (<see cref="CounterSet.Collapsed"/>).</summary>
    public static CellKey Whole { get; } = new("*", default, default);
}
