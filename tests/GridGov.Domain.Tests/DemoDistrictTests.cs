using System.Text.Json;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Domain.Tests;

public class DemoDistrictTests
{
    private static readonly DistrictStructure District = DemoDistrict.Create();

    private static IEnumerable<CommunityNode> Communities => District.Streets.SelectMany(s => s.Communities);

    private static IEnumerable<GridNode> Grids => Communities.SelectMany(c => c.Grids);

    [Fact]
    public void Counts_match_the_source_reports()
    {
        Assert.Equal(20, District.Streets.Count);
        Assert.Equal(132, Communities.Count());
        Assert.Equal(903, Grids.Count());
        Assert.Equal(322, District.Deputies.Count);
        Assert.InRange(District.Departments?.Count ?? 0, 6, 10);
    }

    [Fact]
    public void Create_uses_the_given_id()
    {
        Assert.Equal("demo", District.Id);
        Assert.Equal("other", DemoDistrict.Create("other").Id);
    }

    [Fact]
    public void Ids_are_unique_and_follow_the_patterns()
    {
        var ids = District.Streets.Select(s => s.Id)
            .Concat(Communities.Select(c => c.Id))
            .Concat(Grids.Select(g => g.Id))
            .Concat(District.Deputies.Select(d => d.Id))
            .Concat(District.Departments!.Select(d => d.Id))
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        Assert.Equal("s01", District.Streets[0].Id);
        Assert.Equal("s20", District.Streets[^1].Id);
        Assert.Equal("d001", District.Deputies[0].Id);
        Assert.Equal("d322", District.Deputies[^1].Id);
        foreach (var street in District.Streets)
        {
            Assert.Matches(@"^s\d{2}$", street.Id);
            foreach (var community in street.Communities)
            {
                Assert.Matches($@"^{street.Id}-c\d{{2}}$", community.Id);
                foreach (var grid in community.Grids)
                    Assert.Matches($@"^{community.Id}-g\d{{2}}$", grid.Id);
            }
        }
    }

    [Fact]
    public void Every_grid_has_a_deputy_and_lists_only_known_deputies_once()
    {
        var deputyIds = District.Deputies.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var grid in Grids)
        {
            Assert.NotEmpty(grid.Deputies);
            Assert.Equal(grid.Deputies.Count, grid.Deputies.Distinct(StringComparer.Ordinal).Count());
            Assert.All(grid.Deputies, id => Assert.Contains(id, deputyIds));
        }
    }

    [Fact]
    public void Every_deputy_is_placed_in_about_three_grids()
    {
        var placements = Grids.SelectMany(g => g.Deputies)
            .GroupBy(id => id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.All(District.Deputies, d => Assert.True(placements.GetValueOrDefault(d.Id) >= 1, $"{d.Id} has no grid"));
        var mean = placements.Values.Sum() / (double)District.Deputies.Count;
        Assert.InRange(mean, 2.5, 3.5);
    }

    [Fact]
    public void Deputies_are_city_or_district_level_with_about_fifteen_percent_city()
    {
        Assert.All(District.Deputies, d => Assert.Contains(d.Level, new[] { "city", "district" }));
        var cityShare = District.Deputies.Count(d => d.Level == "city") / (double)District.Deputies.Count;
        Assert.InRange(cityShare, 0.10, 0.20);
        Assert.All(District.Deputies, d => Assert.Matches(@"^1380000\d{4}$", d.Contact ?? ""));
    }

    [Fact]
    public void Two_calls_produce_identical_output()
    {
        var first = JsonSerializer.Serialize(DemoDistrict.Create());
        var second = JsonSerializer.Serialize(DemoDistrict.Create());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Every_name_has_an_ascii_english_transliteration()
    {
        var names = new List<(string Name, string NameEn)> { (District.Name, District.NameEn) };
        names.AddRange(District.Streets.Select(s => (s.Name, s.NameEn)));
        names.AddRange(Communities.Select(c => (c.Name, c.NameEn)));
        names.AddRange(Grids.Select(g => (g.Name, g.NameEn)));
        names.AddRange(District.Deputies.Select(d => (d.Name, d.NameEn)));
        names.AddRange(District.Departments!.Select(d => (d.Name, d.NameEn)));

        Assert.All(names, n =>
        {
            Assert.False(string.IsNullOrWhiteSpace(n.Name));
            Assert.False(string.IsNullOrWhiteSpace(n.NameEn));
            Assert.True(n.NameEn.All(char.IsAscii), $"'{n.NameEn}' is not ASCII");
            Assert.False(n.Name.All(char.IsAscii), $"'{n.Name}' has no Chinese characters");
        });
    }

    [Fact]
    public void Names_are_distinct_where_they_should_be()
    {
        Assert.Equal(20, District.Streets.Select(s => s.Name).Distinct().Count());
        Assert.Equal(132, Communities.Select(c => c.Name).Distinct().Count());
        Assert.Equal(132, Communities.Select(c => c.NameEn).Distinct().Count());
        Assert.Equal(322, District.Deputies.Select(d => d.Name).Distinct().Count());
    }
}
