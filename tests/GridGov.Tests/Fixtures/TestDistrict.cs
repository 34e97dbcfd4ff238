using GridGov.Grains.Domain.Structure;

namespace GridGov.Tests.Fixtures;

/// <summary>
/// A small district of its own for one test: 2 streets x 2 communities x 2 grids, 4 deputies.
/// Ids carry the district id, so tests sharing a host never see each other's figures.
/// </summary>
public sealed record TestDistrict(DistrictStructure Structure)
{
    public string Id => Structure.Id;
    public string Street(int s) => $"{Id}-s{s}";
    public string Community(int s, int c) => $"{Id}-s{s}-c{c}";
    public string Grid(int s, int c, int g) => $"{Id}-s{s}-c{c}-g{g}";
    public string Deputy(int n) => $"{Id}-d{n}";

    public static TestDistrict Create(bool autoAccept = true, Func<string, int, int, int, IReadOnlyList<string>>? deputiesOfGrid = null)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..8];
        var placement = deputiesOfGrid ?? ((d, s, c, g) => [$"{d}-d{(s - 1) * 2 + c}"]);
        var streets = Enumerable.Range(1, 2).Select(s => new StreetNode($"{id}-s{s}", $"第{s}街道", $"Street {s}",
            Enumerable.Range(1, 2).Select(c => new CommunityNode($"{id}-s{s}-c{c}", $"第{c}社区", $"Community {c}",
                Enumerable.Range(1, 2).Select(g => new GridNode($"{id}-s{s}-c{c}-g{g}", $"第{g}网格", $"Grid {g}", placement(id, s, c, g))).ToList())).ToList())).ToList();
        var deputies = Enumerable.Range(1, 4).Select(n => new DeputyProfile($"{id}-d{n}", $"代表{n}", $"Deputy {n}", "district", $"1380000{n:D4}")).ToList();
        return new TestDistrict(new DistrictStructure(id, "测试区", "Test District", streets, deputies, AutoAccept: autoAccept));
    }
}
