using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Tests.Fixtures;
using Xunit.Abstractions;

namespace GridGov.Tests.WritePath;

/// <summary>
/// Receivers whose storage misbehaves. A community that cannot write: the sender's outbox piles up commit after
/// commit, and once the community can write again it catches up in two messages, each change applied once.
/// A deputy whose answer is lost after it applied a delta, or whose sender restarts mid-delivery: the sender does
/// not know what the deputy applied, and the deputy must still end with each change once.
/// </summary>
public sealed class ReceiverOutageTests(GatedHostFixture fixture, ITestOutputHelper output) : IClassFixture<GatedHostFixture>
{
    private static readonly Actor Admin = new(ActorRole.Admin, "admin");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_community_that_cannot_write_catches_up_with_each_change_applied_once()
    {
        // No deputies: the grid's one receiver is its community.
        var d = TestDistrict.Create(deputiesOfGrid: (_, _, _, _) => []);
        await new ApiClient(fixture.Host.Client("admin")).Import(d.Structure);
        var gridId = d.Grid(1, 1, 1);
        var grid = fixture.Grains.GetGrain<IGridGrain>(gridId);
        var community = fixture.Grains.AggregateOf(UnitKey.Community(d.Community(1, 1)));
        var street = fixture.Grains.AggregateOf(UnitKey.Street(d.Street(1)));
        var communityWrites = fixture.Aggregates.For(community);
        var gridWrites = fixture.Grids.For(grid);
        var quiet = await community.GetSnapshot();

        var receipts = new List<IssueReceipt>();
        communityWrites.FailNext(int.MaxValue);
        try
        {
            receipts.Add(await grid.Submit(Issue(gridId, "first"), null));
            await communityWrites.WaitUntil(w => w.Failures >= 1);

            // While the community keeps failing (the grid retrying with back-off), the grid goes on committing:
            // five more commits pile up.
            for (var i = 2; i <= 4; i++) receipts.Add(await grid.Submit(Issue(gridId, $"issue {i}"), null));
            // Changes that take counts away as well as add them (no deputies, so issues stay accepted, unassigned).
            receipts.Add(await grid.Act(receipts[0].Issue.Id, new IssueCommand(IssueAction.Close, Admin, "outside jurisdiction")));
            receipts.Add(await grid.Act(receipts[1].Issue.Id, new IssueCommand(IssueAction.Void, Admin, "duplicate")));
            Assert.Equal(receipts[0].Commit + 5, receipts[^1].Commit);

            var down = await community.GetSnapshot();
            Assert.False(down.Children.ContainsKey(gridId));
            Assert.False(down.Origins.ContainsKey(gridId));
            Assert.Equal(quiet.Version, down.Version);
        }
        finally
        {
            communityWrites.StopFailing();
        }
        var writesBefore = communityWrites.Writes;
        var last = receipts[^1].Commit;

        var caughtUp = await Poll.Until(community.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= last,
            $"community to apply grid commit {last} ({communityWrites})");
        var gridNow = await grid.GetSnapshot();
        Assert.Equal(last, gridNow.Commit);
        CountersAssert.Equal(gridNow.Counters.Collapsed(), caughtUp.Children[gridId]); // a community keeps one cell a month
        var total = caughtUp.Counters.Total();
        Assert.Equal((3, 1, 1, 2), (total.Received, total.ClosedUnresolved, total.Voided, total.Open));

        // Two writes at the community, none failed since: after failed calls the grid does not know how far the
        // community got, so it sends the oldest delta alone, then the other five merged into one.
        Assert.Equal(writesBefore + 2, communityWrites.Writes);
        Assert.Equal(quiet.Version + 2, caughtUp.Version);
        Assert.Equal(6, gridWrites.Commits.Count(c => c >= receipts[0].Commit));

        // The community's parent sees the same, once.
        var streetView = await Poll.Until(street.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= last, "street to catch up");
        CountersAssert.Equal(caughtUp.Counters, streetView.Children[d.Community(1, 1)]);
        output.WriteLine($"community: {communityWrites}; grid: {gridWrites}");
    }

    [Fact]
    public async Task A_lost_answer_from_a_deputy_does_not_lose_the_next_commits_change()
    {
        var (d, gridId, grid) = await Imported();
        var deputy = fixture.Grains.GetGrain<IDeputyGrain>(d.Deputy(1));
        var deputyWrites = fixture.Deputies.For(deputy);

        // The deputy's write of the grid's first delta is held, then written and reported failed (a timeout after
        // the storage took it); meanwhile the grid commits a second change for the deputy.
        var gate = deputyWrites.HoldNext();
        deputyWrites.FailNextAfterWriting();
        IssueReceipt second;
        try
        {
            await grid.Submit(Issue(gridId, "first"), null);
            await gate.Reached.WaitAsync(Timeout);
            second = await grid.Submit(Issue(gridId, "second"), null);
        }
        finally
        {
            gate.Release();
        }
        await deputyWrites.WaitUntil(w => w.Failures == 1);

        // The grid retries: the deputy must end with both changes, each once.
        var caughtUp = await Poll.Until(deputy.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= second.Commit,
            $"the deputy to apply grid commit {second.Commit} ({deputyWrites})");
        var gridNow = await grid.GetSnapshot();
        Assert.Equal(2, caughtUp.Issues.Count);
        CountersAssert.Equal(gridNow.Counters, caughtUp.Counters);
        Assert.Equal(2, caughtUp.Counters.Total().Received);
        output.WriteLine($"deputy: {deputyWrites}");
    }

    [Fact]
    public async Task A_grid_reactivated_while_its_deputy_was_mid_delivery_does_not_lose_a_change()
    {
        var (d, gridId, grid) = await Imported();
        var deputy = fixture.Grains.GetGrain<IDeputyGrain>(d.Deputy(1));
        var deputyWrites = fixture.Deputies.For(deputy);
        var gridWrites = fixture.Grids.For(grid);

        // The deputy's write of the first delta is held while the grid commits a second change and is deactivated;
        // then the write is made and its answer lost. The new activation of the grid does not know what the deputy
        // applied (and the old one, whose delivery loop runs on, retries without knowing either).
        var gate = deputyWrites.HoldNext();
        deputyWrites.FailNextAfterWriting();
        IssueReceipt second;
        try
        {
            await grid.Submit(Issue(gridId, "first"), null);
            await gate.Reached.WaitAsync(Timeout);
            second = await grid.Submit(Issue(gridId, "second"), null);
            var reads = gridWrites.Reads;
            await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            gate.Release();
            await deputyWrites.WaitUntil(w => w.Failures == 1);
            Assert.Equal(second.Commit, (await grid.GetSnapshot()).Commit);
            Assert.True(gridWrites.Reads > reads, $"The grid was not reactivated: {gridWrites}");
        }
        finally
        {
            gate.Release();
        }

        var caughtUp = await Poll.Until(deputy.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= second.Commit,
            $"the deputy to apply grid commit {second.Commit} ({deputyWrites})");
        var gridNow = await grid.GetSnapshot();
        Assert.Equal(2, caughtUp.Issues.Count);
        CountersAssert.Equal(gridNow.Counters, caughtUp.Counters);
        Assert.Equal(2, caughtUp.Counters.Total().Received);
        output.WriteLine($"deputy: {deputyWrites}");
    }

    private async Task<(TestDistrict District, string GridId, IGridGrain Grid)> Imported()
    {
        var d = TestDistrict.Create();
        await new ApiClient(fixture.Host.Client("admin")).Import(d.Structure);
        var gridId = d.Grid(1, 1, 1);
        return (d, gridId, fixture.Grains.GetGrain<IGridGrain>(gridId));
    }

    private static NewIssue Issue(string gridId, string title) =>
        new(gridId, "roads", IssueChannel.Hotline, SlaClass.General, title);
}
