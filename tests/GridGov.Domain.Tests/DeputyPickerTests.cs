using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>Automatic assignment: fewest open issues first, ties by id, unavailable deputies skipped.</summary>
public class DeputyPickerTests
{
    [Fact]
    public void The_deputy_with_the_fewest_open_issues_is_picked()
    {
        Assert.Equal("d-3", DeputyPicker.Pick([new("d-1", 4), new("d-2", 2), new("d-3", 1), new("d-4", 7)]));
    }

    [Fact]
    public void Ties_are_broken_by_deputy_id_in_ordinal_order()
    {
        Assert.Equal("d-1", DeputyPicker.Pick([new("d-2", 1), new("d-1", 1), new("d-3", 1)]));
        // Ordinal: upper case sorts before lower case.
        Assert.Equal("B", DeputyPicker.Pick([new("a", 0), new("B", 0)]));
    }

    [Fact]
    public void Unavailable_deputies_are_skipped_however_light_their_load()
    {
        Assert.Equal("d-2", DeputyPicker.Pick([new("d-1", 0, Available: false), new("d-2", 5), new("d-3", 9)]));
    }

    [Fact]
    public void No_available_deputy_means_no_pick()
    {
        Assert.Null(DeputyPicker.Pick([]));
        Assert.Null(DeputyPicker.Pick([new("d-1", 0, Available: false)]));
    }
}
