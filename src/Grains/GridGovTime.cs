namespace GridGov.Grains;

/// <summary>
/// The clock of the domain (due times, cohorts, rating windows) as a keyed service, so tests can fake it
/// without faking the clock that drives cluster membership.
/// </summary>
public static class GridGovTime
{
    public const string Key = "gridgov";
}
