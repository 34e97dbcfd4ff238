using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>Issue ids read grid-yyyyMM-sequence; compose and parse round-trip and malformed ids are refused.</summary>
public class IssueIdsTests
{
    [Theory]
    [InlineData("grid-a", 202603, 1L, "grid-a-202603-000001")]
    [InlineData("g7", 190001, 999999L, "g7-190001-999999")]
    [InlineData("north-district-g12", 299912, 1234567L, "north-district-g12-299912-1234567")]
    public void Compose_then_parse_round_trips(string grid, int month, long sequence, string expectedId)
    {
        var id = IssueIds.Compose(grid, month, sequence);
        Assert.Equal(expectedId, id);
        Assert.True(IssueIds.TryParse(id, out var g, out var m, out var s));
        Assert.Equal(grid, g);
        Assert.Equal(month, m);
        Assert.Equal(sequence, s);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("grid")]
    [InlineData("grid-202603")]
    [InlineData("-202603-000001")]          // no grid
    [InlineData("grid-202603-")]            // no sequence
    [InlineData("grid--000001")]            // no month
    [InlineData("grid-202613-000001")]      // month 13
    [InlineData("grid-202600-000001")]      // month 0
    [InlineData("grid-189912-000001")]      // before 1900
    [InlineData("grid-300001-000001")]      // after 2999
    [InlineData("grid-2026-03-000001")]     // month split: "03" is not yyyyMM
    [InlineData("grid-march-000001")]
    [InlineData("grid-202603-abc")]
    [InlineData("grid-202603-1.5")]
    public void Malformed_ids_are_refused(string? id)
    {
        Assert.False(IssueIds.TryParse(id, out var grid, out _, out _));
        Assert.Equal("", grid);
    }
}
