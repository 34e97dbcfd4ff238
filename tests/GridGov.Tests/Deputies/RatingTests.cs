using System.Net;
using System.Net.Http.Json;
using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Deputies;

/// <summary>The resident's verdict: each grade moves its counter; unsatisfied reopens up to the limit; no rating in the window is "not rated".</summary>
[Collection(SharedHost.Name)]
public sealed class RatingTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    private async Task<SubmittedIssue> Resolved(ApiClient admin, string grid, string title)
    {
        var issue = await admin.Submit(grid, title);
        await admin.Act(issue.Id, "respond", "called");
        await admin.Act(issue.Id, "resolve", "fixed");
        return issue;
    }

    [Fact]
    public async Task Ratings_move_their_counters_and_unsatisfied_reopens_up_to_the_limit()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        var resident = new ApiClient(Host.Client());
        await admin.Import(d.Structure);
        var grid = d.Grid(2, 1, 2);
        await resident.Rate((await Resolved(admin, grid, "a")).TrackingCode, "satisfied");
        await resident.Rate((await Resolved(admin, grid, "b")).TrackingCode, "basicallySatisfied");
        var x = await Resolved(admin, grid, "x");

        var reopened = await resident.Rate(x.TrackingCode, "unsatisfied");
        Assert.Equal("assigned", reopened.Status);
        Assert.Null(reopened.Notice);
        await admin.Act(x.Id, "respond", "again");
        await admin.Act(x.Id, "resolve", "fixed again");
        var kept = await resident.Rate(x.TrackingCode, "unsatisfied"); // the reopen limit (1) is reached
        Assert.Equal(("resolved", "unsatisfied"), (kept.Status, kept.Rating));
        Assert.Contains("Reopen limit", kept.Notice);

        var year = (await admin.Get<GridView>($"/api/grids/{grid}")).Figures.Year;
        Assert.Equal((1L, 1L, 1L, 1L), (year.Totals.Satisfied, year.Totals.BasicallySatisfied, year.Totals.Unsatisfied, year.Totals.Reopened));
        Assert.Equal("66.7%", year.Rates.Satisfaction.Display);
        Assert.Equal("63.3%", year.Rates.WeightedSatisfaction.Display);
    }

    [Fact]
    public async Task Without_a_rating_in_the_window_it_counts_as_not_rated_and_a_late_rating_is_refused()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var grid = d.Grid(2, 2, 1);
        var issue = await Resolved(admin, grid, "quiet resident");
        Host.Settings.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)); // the alarm rings at the window's end

        var year = (await Poll.Until(() => admin.Get<GridView>($"/api/grids/{grid}"), g => g.Figures.Year.Totals.NotRated != 0,
            "the grid to count the issue not rated")).Figures.Year;
        Assert.Equal("no data", year.Rates.Satisfaction.Display); // not rated stays out of the denominator
        var late = await Host.CreateClient().PostAsJsonAsync($"/api/track/{issue.TrackingCode}/rate", new { rating = "satisfied" }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(0, await Host.Grains.GetGrain<IGridGrain>(grid).Tick());
    }
}
