using GridGov.Dashboard.Live;
using GridGov.Grains.Deputies;
using GridGov.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridGov.Tests.WritePath;

/// <summary>
/// A deputy's screens do not wait for the deputy's storage write: the grid's delta, and the grid's next change told
/// ahead while that delta waits, reach the phone while the deputy's write is held, and a phone that subscribes then
/// gets the same list, as does automatic assignment weighing the deputy's load. The stored list catches up once the
/// write goes through.
/// </summary>
public sealed class DeputyScreensTests(GatedHostFixture fixture) : IClassFixture<GatedHostFixture>
{
    [Fact]
    public async Task Assignments_reach_the_deputy_s_phone_while_the_deputy_s_write_is_held()
    {
        var d = TestDistrict.Create();
        await new ApiClient(fixture.Host.Client("admin")).Import(d.Structure);
        var gridId = d.Grid(1, 1, 1); // served by deputy 1 alone
        var deputyId = d.Deputy(1);
        var deputy = fixture.Grains.GetGrain<IDeputyGrain>(deputyId);
        var writes = fixture.Deputies.For(deputy);
        await using var phone = await LiveClient.Connect(fixture.Host.Server, fixture.Host.Token("deputy", deputyId));
        Assert.Empty(await phone.Connection.InvokeAsync<IReadOnlyList<DeputyCard>>("SubscribeMyIssues"));
        var resident = new ApiClient(fixture.Host.Client());

        var stored = writes.Writes;
        var gate = writes.HoldNext();
        try
        {
            var first = await resident.Submit(gridId, "路灯不亮");
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            // Committed by the grid while its first delta waits on the deputy's held write: told ahead.
            var second = await resident.Submit(gridId, "井盖松动");

            var shown = new Dictionary<string, string>();
            while (shown.Count < 2)
                foreach (var card in Assert.IsType<DeputyIssuesChanged>(await phone.NextOwn()).Changed)
                    shown[card.Id] = card.Status;
            Assert.Equal(new Dictionary<string, string> { [first.Id] = "assigned", [second.Id] = "assigned" }, shown);
            Assert.Equal(stored, writes.Writes);

            await using var other = await LiveClient.Connect(fixture.Host.Server, fixture.Host.Token("deputy", deputyId));
            var list = await other.Connection.InvokeAsync<IReadOnlyList<DeputyCard>>("SubscribeMyIssues");
            Assert.Equal(new[] { first.Id, second.Id }.Order(), list.Select(c => c.Id).Order());
            // Automatic assignment in another grid weighs the deputy by the same list.
            Assert.Equal(2, (await deputy.GetLoad(d.Grid(1, 2, 1))).OpenIssues);
            Assert.Equal(stored, writes.Writes);

            gate.Release();
            var caughtUp = await Poll.Until(deputy.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= second.Commit,
                $"the deputy to store grid commit {second.Commit} ({writes})");
            Assert.Equal(new[] { first.Id, second.Id }.Order(), caughtUp.Issues.Select(c => c.Id).Order());
        }
        finally
        {
            gate.Release();
        }
    }
}
