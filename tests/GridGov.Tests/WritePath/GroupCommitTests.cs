using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Tests.Fixtures;
using Xunit.Abstractions;

namespace GridGov.Tests.WritePath;

/// <summary>
/// Group commit over the real Azure table provider, with a hand on the grid's writes: commands queued behind a
/// write share the next one, nobody hears back before their write is done, and a failed write fails exactly the
/// commands it carried. The grids here have no deputies, so a Submit queues its command as soon as it begins
/// (no deputy loads to ask for first) and <see cref="CallProbe"/> can tell when every command is queued.
/// </summary>
public sealed class GroupCommitTests(GatedHostFixture fixture, ITestOutputHelper output) : IClassFixture<GatedHostFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Commands_queued_behind_a_held_write_share_one_write_and_answer_only_after_it()
    {
        const int n = 20;
        var (gridId, grid, writes) = await NewGrid();
        var before = (await grid.GetSnapshot()).Commit;
        var (attempts0, writes0, begun0) = (writes.Attempts, writes.Writes, fixture.Calls.Begun(grid, nameof(IGridGrain.Submit)));

        var gate = writes.HoldNext();
        Task<IssueReceipt> first;
        List<Task<IssueReceipt>> rest;
        try
        {
            first = grid.Submit(Issue(gridId, "first"), null);
            await gate.Reached.WaitAsync(Timeout);
            rest = Enumerable.Range(1, n - 1).Select(i => grid.Submit(Issue(gridId, $"queued {i}"), null)).ToList();
            await fixture.Calls.WaitForBegun(grid, nameof(IGridGrain.Submit), begun0 + n);

            // All n queued, the first write still held: nobody has heard back, and readers see the old commit.
            Assert.False(first.IsCompleted);
            Assert.DoesNotContain(rest, t => t.IsCompleted);
            var during = await grid.GetSnapshot();
            Assert.Equal(before, during.Commit);
            Assert.Equal(0, during.HeldIssues);
            Assert.Equal(attempts0 + 1, writes.Attempts);
            Assert.Equal(writes0, writes.Writes);
            Assert.False(first.IsCompleted);
            Assert.DoesNotContain(rest, t => t.IsCompleted);
        }
        finally
        {
            gate.Release();
        }

        var receipts = await Task.WhenAll(rest.Prepend(first)).WaitAsync(Timeout);

        // The held write and one more for the other n - 1.
        Assert.Equal(writes0 + 2, writes.Writes);
        Assert.Equal(attempts0 + 2, writes.Attempts);
        Assert.Equal(before + 1, receipts[0].Commit);
        Assert.All(receipts.Skip(1), r => Assert.Equal(before + 2, r.Commit));
        Assert.Equal(new[] { before + 1, before + 2 }, writes.Commits.Skip(writes.Commits.Count - 2).ToArray());
        Assert.All(receipts, r => Assert.Contains(r.Commit, writes.Commits));
        Assert.Equal(n, receipts.Select(r => r.Issue.Id).Distinct().Count());

        var after = await grid.GetSnapshot();
        Assert.Equal(before + 2, after.Commit);
        Assert.Equal(n, after.HeldIssues);
        Assert.Equal(n, after.Counters.Total().Received);
        Assert.Equal(writes0 + 2, writes.Writes);
        output.WriteLine($"grid {gridId}: {writes}; receipts carry commits {string.Join(", ", receipts.Select(r => r.Commit).Distinct())}");
    }

    [Fact]
    public async Task A_failed_write_fails_exactly_the_commands_it_carried()
    {
        const int doomedCount = 6;
        var (gridId, grid, writes) = await NewGrid();
        var earlier = await grid.Submit(Issue(gridId, "committed earlier"), null);
        var begun0 = fixture.Calls.Begun(grid, nameof(IGridGrain.Submit));
        var (attempts0, writes0) = (writes.Attempts, writes.Writes);

        // One write held; six commands queue behind it; the write after the held one is set to fail.
        var gate = writes.HoldNext();
        Task<IssueReceipt> carried;
        List<Task<IssueReceipt>> doomed;
        try
        {
            carried = grid.Submit(Issue(gridId, "held, then written"), null);
            await gate.Reached.WaitAsync(Timeout);
            doomed = Enumerable.Range(1, doomedCount).Select(i => grid.Submit(Issue(gridId, $"doomed {i}"), null)).ToList();
            await fixture.Calls.WaitForBegun(grid, nameof(IGridGrain.Submit), begun0 + 1 + doomedCount);
            writes.FailNext();
        }
        finally
        {
            gate.Release();
        }

        var written = await carried.WaitAsync(Timeout);
        Assert.Equal(earlier.Commit + 1, written.Commit);
        foreach (var task in doomed)
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => task.WaitAsync(Timeout));
            Assert.Contains(InjectedWriteFailure.Marker, e.ToString());
        }
        Assert.Equal(attempts0 + 2, writes.Attempts);
        Assert.Equal(writes0 + 1, writes.Writes);
        Assert.Equal(1, writes.Failures);
        Assert.Equal(written.Commit, writes.Commits[^1]);

        // The live activation shows only what was written.
        var live = await grid.GetSnapshot();
        Assert.Equal(written.Commit, live.Commit);
        Assert.Equal(new[] { "committed earlier", "held, then written" }, Titles(await grid.GetHeldIssues()));

        // Deactivate and read back from storage: none of the failed submissions are there.
        var reads = writes.Reads;
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = await grid.GetHeldIssues();
        Assert.True(writes.Reads > reads, $"The grid was not read back from storage: {writes}");
        Assert.Equal(new[] { "committed earlier", "held, then written" }, Titles(stored));
        Assert.Equal(written.Commit, (await grid.GetSnapshot()).Commit);

        // The next batch goes through, numbered after the last write that was made.
        var next = await grid.Submit(Issue(gridId, "after the failure"), null);
        Assert.Equal(written.Commit + 1, next.Commit);
        Assert.Equal(next.Commit, writes.Commits[^1]);
        Assert.Equal(1, writes.Failures);
        Assert.Equal(new[] { "after the failure", "committed earlier", "held, then written" }, Titles(await grid.GetHeldIssues()));
        // Issue numbers the failed batch used were never committed, so they are handed out again.
        Assert.Equal(IssueNumber(written.Issue.Id) + 1, IssueNumber(next.Issue.Id));
        var snapshot = await grid.GetSnapshot();
        Assert.Equal(3, snapshot.Counters.Total().Received);
        output.WriteLine($"grid {gridId}: {writes}");
    }

    /// <summary>A district of its own, imported over HTTP, whose grids have no deputies; returns its first grid.</summary>
    private async Task<(string Id, IGridGrain Grain, GrainWrites Writes)> NewGrid()
    {
        var d = TestDistrict.Create(deputiesOfGrid: (_, _, _, _) => []);
        await new ApiClient(fixture.Host.Client("admin")).Import(d.Structure);
        var id = d.Grid(1, 1, 1);
        var grain = fixture.Grains.GetGrain<IGridGrain>(id);
        return (id, grain, fixture.Grids.For(grain));
    }

    private static NewIssue Issue(string gridId, string title) =>
        new(gridId, "roads", IssueChannel.Hotline, SlaClass.General, title);

    private static string[] Titles(IEnumerable<Issue> issues) => issues.Select(i => i.Title).Order(StringComparer.Ordinal).ToArray();

    private static long IssueNumber(string issueId) =>
        IssueIds.TryParse(issueId, out _, out _, out var sequence) ? sequence : throw new ArgumentException(issueId);
}
