using GridGov.Grains.Aggregates;
using GridGov.Grains.Deputies;
using GridGov.Grains.Grids;

namespace GridGov.Grains;

/// <summary>The grain of a unit: grids and deputies by their id, aggregates by their key.</summary>
public static class UnitGrains
{
    public static IAggregateGrain AggregateOf(this IGrainFactory grains, UnitKey unit) =>
        unit.IsAggregate ? grains.GetGrain<IAggregateGrain>(unit.Key) : throw new ArgumentException($"{unit} is not a community, street or district.", nameof(unit));

    public static IGridGrain GridOf(this IGrainFactory grains, UnitKey unit) =>
        unit.Level == UnitLevel.Grid ? grains.GetGrain<IGridGrain>(unit.Id) : throw new ArgumentException($"{unit} is not a grid.", nameof(unit));

    public static IDeputyGrain DeputyOf(this IGrainFactory grains, UnitKey unit) =>
        unit.Level == UnitLevel.Deputy ? grains.GetGrain<IDeputyGrain>(unit.Id) : throw new ArgumentException($"{unit} is not a deputy.", nameof(unit));
}
