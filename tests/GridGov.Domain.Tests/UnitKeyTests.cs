using System.Text.RegularExpressions;
using GridGov.Grains.Domain.Units;

namespace GridGov.Domain.Tests;

public sealed class UnitKeyTests
{
    [Theory]
    [InlineData("grid:g1", UnitLevel.Grid, "g1")]
    [InlineData("community:c-1", UnitLevel.Community, "c-1")]
    [InlineData("street:s.1", UnitLevel.Street, "s.1")]
    [InlineData("District:d1", UnitLevel.District, "d1")]
    [InlineData("deputy:d_7", UnitLevel.Deputy, "d_7")]
    public void A_key_reads_its_level_and_id(string key, UnitLevel level, string id)
    {
        Assert.True(UnitKey.TryParse(key, out var unit));
        Assert.Equal(new UnitKey(level, id), unit);
        Assert.Equal(key.ToLowerInvariant(), unit.Key.ToLowerInvariant());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("g1")]
    [InlineData(":g1")]
    [InlineData("community:")]
    [InlineData("block:b1")]
    public void Anything_else_is_no_key(string? key)
    {
        Assert.False(UnitKey.TryParse(key, out _));
        if (key is not null) Assert.Throws<FormatException>(() => UnitKey.Parse(key));
    }

    [Fact]
    public void A_grid_sends_under_its_bare_id_and_an_aggregate_under_its_key()
    {
        Assert.Equal("g1", UnitKey.Grid("g1").Address);
        Assert.Equal("street:s1", UnitKey.Street("s1").Address);
        Assert.Equal(UnitKey.Grid("g1"), UnitKey.OfAddress("g1"));
        Assert.Equal(UnitKey.Street("s1"), UnitKey.OfAddress("street:s1"));
    }

    [Fact]
    public void An_aggregates_children_are_one_level_below()
    {
        Assert.Equal(UnitKey.Grid("g1"), UnitKey.Community("c1").Child("g1"));
        Assert.Equal(UnitKey.Community("c1"), UnitKey.Street("s1").Child("c1"));
        Assert.Equal(UnitKey.Street("s1"), UnitKey.District("d1").Child("s1"));
        Assert.Throws<InvalidOperationException>(() => UnitKey.Grid("g1").Child("x"));
        Assert.False(UnitKey.Deputy("d1").IsAggregate);
    }

    /// <summary>
    /// The guard: outside UnitKey no C# in src/ spells a level prefix ("community:"), asks whether a key holds ':', or
    /// glues a level and an id together. Comments are not code and are skipped.
    /// </summary>
    [Fact]
    public void No_key_string_is_made_or_read_outside_the_key_type()
    {
        var forbidden = new Regex(
            """
            "(grid|community|street|district|deputy):|Contains\(':'\)|\{\w*(scope|level)\w*\}:\{|ToLowerInvariant\(\)\}:
            """.Trim(), RegexOptions.IgnoreCase);
        var src = Path.Combine(RepositoryRoot(), "src");
        var offences = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => Path.GetFileName(f) != "UnitKey.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, n) => (File: Path.GetRelativePath(src, f), Line: n + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && forbidden.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(offences.Count == 0, "Use UnitKey for unit keys:\n" + string.Join('\n', offences));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GridGov.slnx"))) return dir.FullName;
        throw new InvalidOperationException("GridGov.slnx not found above " + AppContext.BaseDirectory);
    }
}
