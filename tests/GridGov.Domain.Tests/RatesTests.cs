using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>Rates of a tally: fractions or "no data", formatting, and the composite that needs all its parts.</summary>
public class RatesTests
{
    [Theory]
    [InlineData(1.0 / 3, "33.3%")]
    [InlineData(2.0 / 3, "66.7%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(1.0, "100.0%")]
    [InlineData(0.125, "12.5%")]
    public void Format_gives_a_percentage_with_one_decimal(double rate, string expected) =>
        Assert.Equal(expected, Rates.Format(rate));

    [Fact]
    public void Format_of_no_rate_is_no_data() => Assert.Equal("no data", Rates.Format(null));

    [Fact]
    public void An_empty_tally_has_no_data_anywhere()
    {
        var r = Rates.Of(new Tally());
        Assert.Null(r.Resolution);
        Assert.Null(r.Response);
        Assert.Null(r.Satisfaction);
        Assert.Null(r.WeightedSatisfaction);
        Assert.Null(r.Composite);
        Assert.Equal("no data", Rates.Format(r.Resolution));
    }

    [Fact]
    public void Resolution_of_one_in_three_is_33_3_percent()
    {
        // 1 resolved / (1 resolved + 1 closed unresolved + 1 open overdue) = 1/3
        var r = Rates.Of(new Tally { Resolved = 1, ClosedUnresolved = 1, OpenOverdue = 1 });
        Assert.Equal(1.0 / 3, r.Resolution!.Value, 12);
        Assert.Equal("33.3%", Rates.Format(r.Resolution));
    }

    [Fact]
    public void Open_issues_within_their_time_limit_do_not_count_either_way()
    {
        var r = Rates.Of(new Tally { Resolved = 1, Open = 5, Accepted = 6 });
        Assert.Equal(1.0, r.Resolution);
    }

    [Fact]
    public void Composite_uses_the_weights_when_every_part_has_data()
    {
        // response 1/2, resolution 1/1, weighted satisfaction 0.9/1
        var t = new Tally { RespondedInTime = 1, RespondedLate = 1, Resolved = 1, BasicallySatisfied = 1 };
        var r = Rates.Of(t);
        Assert.Equal(0.1 * 0.5 + 0.5 * 1.0 + 0.4 * 0.9, r.Composite!.Value, 12);      // 0.91
        Assert.Equal(1.0, r.Satisfaction);
        Assert.Equal(0.9, r.WeightedSatisfaction!.Value, 12);
        var custom = Rates.Of(t, new ScoreWeights(Response: 1, Resolution: 0, Satisfaction: 0));
        Assert.Equal(0.5, custom.Composite!.Value, 12);
    }

    [Theory]
    [InlineData("response")]
    [InlineData("resolution")]
    [InlineData("satisfaction")]
    public void Composite_is_null_when_any_part_is_null(string missing)
    {
        var t = new Tally { RespondedInTime = 1, Resolved = 1, Satisfied = 1 };
        Assert.NotNull(Rates.Of(t).Composite);
        switch (missing)
        {
            case "response": t.RespondedInTime = 0; break;
            case "resolution": t.Resolved = 0; break;
            default: t.Satisfied = 0; break;
        }
        var r = Rates.Of(t);
        Assert.Null(r.Composite);
        Assert.Equal(missing == "response", r.Response is null);
        Assert.Equal(missing == "resolution", r.Resolution is null);
        Assert.Equal(missing == "satisfaction", r.Satisfaction is null);
    }
}
