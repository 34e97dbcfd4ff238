namespace GridGov.Grains.Domain.Units;

/// <summary>The units figures are kept for: a grid, the aggregates above it, and a deputy (who holds issues of several grids).</summary>
public enum UnitLevel
{
    Grid,
    Community,
    Street,
    District,
    Deputy,
}
