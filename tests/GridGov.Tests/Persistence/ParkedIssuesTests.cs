using GridGov.Dashboard.Live;
using GridGov.Grains;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGov.Tests.Persistence;

/// <summary>
/// A grid parks its resolved issues in the archive while they await their ratings, so its state (written whole by every
/// command) does not carry a week of them: a resident still rates a parked issue, an unsatisfied rating still reopens
/// it and its steps are told once, and the end of the rating window still counts the rest as not rated.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ParkedIssuesTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task Parked_issues_are_rated_reopened_and_expired_as_if_held()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var gridId = d.Grid(2, 1, 1);
        var grid = Host.Grains.GetGrain<IGridGrain>(gridId);
        await using var live = await LiveClient.Connect(Host.Server, Host.Token("operator"));
        var told = new List<IssueEventMessage>();
        live.Connection.On<IssueEventMessage>("IssueEvent", e => { lock (told) told.Add(e); });
        await live.Subscribe("grid", gridId);

        var options = Host.Services.GetRequiredService<IOptions<GridGovOptions>>().Value;
        var filed = new List<SubmittedIssue>();
        for (var n = 0; n < options.ParkAwaitingRatingAt; n++)
        {
            var issue = await admin.Submit(gridId, $"路灯不亮 {n}");
            await admin.Act(issue.Id, "respond", "on the way");
            await admin.Act(issue.Id, "resolve", "fixed");
            filed.Add(issue);
        }
        // A batch is awaiting ratings, but closed just now: the grid keeps them (a rating may follow at once).
        Assert.Equal(filed.Count, (await grid.GetHeldIssues()).Count);

        // Later, the grid's next write parks the whole batch; each is still read by id and listed, from the archive.
        Host.Settings.Time.Advance(options.ParkClosedAfter);
        var marker = await admin.Submit(gridId, "marker");
        Assert.Equal([marker.Id], (await grid.GetHeldIssues()).Select(i => i.Id));
        var fromArchive = await admin.Get<IssueView>($"/api/issues/{filed[0].Id}");
        Assert.Equal("resolved", fromArchive.Status);
        var listed = await admin.Get<IssuePage>($"/api/grids/{gridId}/issues");
        Assert.Equal(filed.Select(f => f.Id).Append(marker.Id).Order(), listed.Issues.Select(i => i.Id).Order());

        var satisfied = await admin.Rate(filed[0].TrackingCode, "satisfied");
        Assert.Equal("satisfied", satisfied.Rating);
        var unsatisfied = await admin.Rate(filed[1].TrackingCode, "unsatisfied");
        Assert.Equal("unsatisfied", unsatisfied.Rating);
        var reopened = Assert.Single(await grid.GetHeldIssues(), i => i.Id == filed[1].Id);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.True(reopened.Status.IsOpen());
        // Back in state, it is listed once (the archive's earlier copy is not listed beside it).
        listed = await admin.Get<IssuePage>($"/api/grids/{gridId}/issues");
        Assert.Single(listed.Issues, i => i.Id == filed[1].Id);
        Assert.Equal("assigned", listed.Issues.Single(i => i.Id == filed[1].Id).Status);

        // Its steps since it was parked are news; the ones before were told when they happened, and only then.
        await live.NextEvent(e => e.IssueId == filed[1].Id && e.Kind == "reopened");
        var next = await admin.Submit(gridId, "next");
        await live.NextEvent(e => e.IssueId == next.Id);
        lock (told)
        {
            var kinds = told.Where(e => e.IssueId == filed[1].Id).Select(e => e.Kind).ToList();
            Assert.Equal(["assigned", "resolved", "ratedUnsatisfied", "reopened"], kinds);
        }

        // The rating window ends for the six still parked: the clock brings them back and counts them not rated.
        var year = (await grid.GetSnapshot()).Years.Keys.Max();
        Host.Settings.Time.Advance(options.Sla.RatingWindow);
        var expired = await Poll.Until(async () => (await grid.GetSnapshot()).Years[year], y => y.NotRated == filed.Count - 2,
            "the parked issues' rating windows to end", TimeSpan.FromSeconds(60));
        Assert.Equal((1, 1), (expired.Satisfied, expired.Unsatisfied));
        var last = await grid.GetIssue(filed[^1].Id);
        Assert.True(last!.RatingExpired);
        Assert.False((await admin.Get<TrackedIssue>($"/api/track/{filed[^1].TrackingCode}")).CanRate);
    }
}
