namespace GridGov.Grains.Domain;

/// <summary>A deputy who could take an issue, with their open issues across all their grids.</summary>
[GenerateSerializer, Immutable]
public readonly record struct DeputyLoad([property: Id(0)] string DeputyId, [property: Id(1)] int OpenIssues, [property: Id(2)] bool Available = true);

/// <summary>Automatic assignment: the available deputy with the fewest open issues, ties broken by deputy id.</summary>
public static class DeputyPicker
{
    public static string? Pick(IEnumerable<DeputyLoad> candidates) =>
        candidates.Where(c => c.Available)
            .OrderBy(c => c.OpenIssues).ThenBy(c => c.DeputyId, StringComparer.Ordinal)
            .Select(c => c.DeputyId).FirstOrDefault();
}
