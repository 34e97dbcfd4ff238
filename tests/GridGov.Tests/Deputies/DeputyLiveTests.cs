using GridGov.Dashboard.Live;
using GridGov.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Deputies;

/// <summary>A deputy's connection gets that deputy's assignments and nobody else's; an offline deputy catches up on reconnect.</summary>
[Collection(SharedHost.Name)]
public sealed class DeputyLiveTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task Only_the_assigned_deputy_receives_the_assignment()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        // Grid s1-c1-g1 has deputy 1 only; deputy 2 serves s1-c2.
        await using var a = await LiveClient.Connect(Host.Server, Host.Token("deputy", d.Deputy(1)));
        await using var b = await LiveClient.Connect(Host.Server, Host.Token("deputy", d.Deputy(2)));
        Assert.Empty(await a.Connection.InvokeAsync<IReadOnlyList<DeputyCard>>("SubscribeMyIssues"));
        Assert.Empty(await b.Connection.InvokeAsync<IReadOnlyList<DeputyCard>>("SubscribeMyIssues"));

        var filed = await new ApiClient(Host.Client()).Submit(d.Grid(1, 1, 1), "楼道灯坏了");

        var assigned = Assert.IsType<DeputyIssuesChanged>(await a.NextOwn());
        var card = Assert.Single(assigned.Changed);
        Assert.Equal((filed.Id, "assigned", d.Deputy(1)), (card.Id, card.Status, assigned.DeputyId));

        // Anything meant for B after A's assignment arrives behind it; if B had been sent A's card, it would come first.
        await Host.Services.GetRequiredService<IHubContext<LiveHub>>().Clients.Group(LiveSubscriptions.Deputy(d.Deputy(2))).SendAsync("Marker", "for B");
        Assert.Equal("for B", await b.NextOwn());
    }

    [Fact]
    public async Task An_offline_deputy_sees_every_assignment_on_reconnect()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var first = await admin.Submit(d.Grid(2, 1, 1), "one");
        var second = await admin.Submit(d.Grid(2, 1, 2), "two");
        var deputy = d.Deputy(3); // serves s2-c1
        var deputyApi = new ApiClient(Host.Client("deputy", deputy));
        await Poll.Until(() => deputyApi.Get<IReadOnlyList<GridGov.Silo.Api.DeputyIssueView>>($"/api/deputies/{deputy}/issues?status=open"),
            open => open.Count >= 2, "both issues on the deputy's open list");

        await using var phone = await LiveClient.Connect(Host.Server, Host.Token("deputy", deputy));
        var list = await phone.Connection.InvokeAsync<IReadOnlyList<DeputyCard>>("SubscribeMyIssues");
        Assert.Equal(new[] { first.Id, second.Id }.Order(), list.Select(c => c.Id).Order());
        await using var desk = await LiveClient.Connect(Host.Server, Host.Token("operator"));
        var refused = await Assert.ThrowsAsync<HubException>(() => desk.Connection.InvokeAsync<IReadOnlyList<DeputyCard>>("SubscribeMyIssues"));
        Assert.Contains("Only deputies", refused.Message);
    }
}
