namespace GridGov.Grains;

/// <summary>Names of the grain storage providers the silo configures.</summary>
public static class StorageNames
{
    public const string Grids = "grids";
    public const string Aggregates = "aggregates";
    public const string Deputies = "deputies";
    public const string Registry = "registry";
}
