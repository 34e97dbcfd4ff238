using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>What a single issue adds to the counters in the states that count least: voided, declined, just received.</summary>
public class ContributionTests
{
    private static readonly DistrictCalendar Calendar = DistrictCalendar.Shanghai;

    [Fact]
    public void A_voided_issue_contributes_only_voided()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Resolved);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Satisfied), IssueBuilder.T0.AddDays(1));
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Void, IssueBuilder.Admin, "Test issue"), IssueBuilder.T0.AddDays(2));

        var c = IssueContribution.Of(issue, Calendar);
        TallyAssert.Equal(new Tally { Voided = 1 }, c.Tally);
        Assert.Equal(new CellKey("water", IssueChannel.Hotline, SlaClass.General), c.Cell);
    }

    [Fact]
    public void Voiding_moves_the_counters_from_everything_the_issue_counted_to_voided_alone()
    {
        var issue = IssueBuilder.InStatus(IssueStatus.Responded);
        var counters = new CounterSet();
        counters.Add(IssueContribution.Of(issue, Calendar), +1);
        var before = IssueContribution.Of(issue, Calendar);
        IssueBuilder.Do(issue, new IssueCommand(IssueAction.Void, IssueBuilder.Admin, "Duplicate"), IssueBuilder.T0.AddDays(1));
        counters.Add(IssueContribution.Delta(before, IssueContribution.Of(issue, Calendar)));

        TallyAssert.Equal(new Tally { Voided = 1 }, counters.Total());
        Assert.Equal(0, counters.Total().Received);
    }

    [Fact]
    public void A_declined_issue_counts_as_received_and_not_accepted()
    {
        var c = IssueContribution.Of(IssueBuilder.InStatus(IssueStatus.Declined), Calendar);
        TallyAssert.Equal(new Tally { Received = 1, NotAccepted = 1 }, c.Tally);
    }

    [Fact]
    public void A_received_issue_counts_as_received_only()
    {
        var c = IssueContribution.Of(IssueBuilder.Received(), Calendar);
        TallyAssert.Equal(new Tally { Received = 1 }, c.Tally);
    }

    [Fact]
    public void A_contribution_minus_itself_is_an_empty_delta()
    {
        var c = IssueContribution.Of(IssueBuilder.InStatus(IssueStatus.Resolved), Calendar);
        Assert.True(IssueContribution.Delta(c, c).IsEmpty);
    }
}
