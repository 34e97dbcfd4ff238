using System.Net;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Tests.FrontDoor;

/// <summary>Asks for every unit of a district over HTTP: the district, each street, community and grid.</summary>
public static class DistrictUnits
{
    public static IEnumerable<string> Paths(DistrictStructure district) =>
    [
        $"/api/districts/{district.Id}",
        .. district.Streets.Select(s => $"/api/streets/{s.Id}"),
        .. district.Streets.SelectMany(s => s.Communities).Select(c => $"/api/communities/{c.Id}"),
        .. district.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids).Select(g => $"/api/grids/{g.Id}"),
    ];

    /// <summary>The paths that did not answer 200.</summary>
    public static async Task<IReadOnlyList<string>> NotAnswering(HttpClient http, DistrictStructure district)
    {
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Paths(district), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (path, ct) =>
        {
            using var answer = await http.GetAsync(path, ct);
            if (answer.StatusCode != HttpStatusCode.OK) failed.Add($"{path}: {(int)answer.StatusCode}");
        });
        return failed.Order().ToList();
    }
}
