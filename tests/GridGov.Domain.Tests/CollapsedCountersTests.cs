using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>What the levels above the grids keep: one cell a month, the same totals.</summary>
public sealed class CollapsedCountersTests
{
    [Fact]
    public void Each_months_cells_become_one_with_the_same_totals_and_days_stay()
    {
        var set = new CounterSet();
        set.Add(202603, 20260305, new CellKey("roads", IssueChannel.Online, SlaClass.General), new Tally { Received = 2, Resolved = 1, ResolutionHistogram = DurationBuckets.One(TimeSpan.FromHours(3)) }, 1);
        set.Add(202603, 20260306, new CellKey("water", IssueChannel.Hotline, SlaClass.Emergency), new Tally { Received = 1, Open = 1 }, 1);
        set.Add(202604, 20260401, new CellKey("roads", IssueChannel.Online, SlaClass.General), new Tally { Received = 1 }, 1);
        set.Add(202604, 20260401, new CellKey("roads", IssueChannel.Online, SlaClass.General), new Tally { Received = 1 }, -1); // cancelled out

        var collapsed = set.Collapsed();

        Assert.Equal([202603], collapsed.Months.Keys);
        var march = Assert.Single(collapsed.Months[202603]);
        Assert.Equal(CellKey.Whole, march.Key);
        Assert.Equal((3L, 1L, 1L), (march.Value.Received, march.Value.Resolved, march.Value.Open));
        Assert.Equal(set.Month(202603).ResolutionHistogram, march.Value.ResolutionHistogram);
        Assert.Equal(set.Days.Keys.Order(), collapsed.Days.Keys.Order());
        Assert.Equal(2, collapsed.Days[20260305].Received);
    }
}
