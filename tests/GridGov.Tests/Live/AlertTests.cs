using GridGov.Dashboard.Live;
using GridGov.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridGov.Tests.Live;

/// <summary>An unsatisfied rating raises an alert on every screen of its scope; one operator acknowledges it and it leaves them all.</summary>
[Collection(SharedHost.Name)]
public sealed class AlertTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task An_acknowledged_alert_leaves_every_screen_with_who_and_when()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        await using var wall = await LiveClient.Connect(Host.Server, await admin.DisplayToken("wall"));
        await using var desk = await LiveClient.Connect(Host.Server, Host.Token("operator", scope: $"street:{d.Street(2)}"));
        await wall.Subscribe("district", d.Id);
        await desk.Subscribe("street", d.Street(2));

        var issue = await admin.Submit(d.Grid(2, 1, 1), "噪音扰民");
        await admin.Act(issue.Id, "respond", "called");
        await admin.Act(issue.Id, "resolve", "talked to the neighbour");
        await new ApiClient(Host.Client()).Rate(issue.TrackingCode, "unsatisfied");

        var raised = await wall.NextAlert(a => a.IssueId == issue.Id && a.AcknowledgedBy is null);
        Assert.Equal("ratedUnsatisfied", raised.Kind);
        await desk.NextAlert(a => a.Id == raised.Id && a.AcknowledgedBy is null);
        Assert.Contains(await wall.Connection.InvokeAsync<IReadOnlyList<AlertMessage>>("Alerts", d.Id), a => a.Id == raised.Id);

        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => wall.Connection.InvokeAsync<bool>("AcknowledgeAlert", d.Id, raised.Id));
        Assert.True(await desk.Connection.InvokeAsync<bool>("AcknowledgeAlert", d.Id, raised.Id));

        var gone = await wall.NextAlert(a => a.Id == raised.Id && a.AcknowledgedBy is not null);
        Assert.Equal("operator", gone.AcknowledgedBy);
        Assert.NotNull(gone.AcknowledgedAt);
        Assert.DoesNotContain(await wall.Connection.InvokeAsync<IReadOnlyList<AlertMessage>>("Alerts", d.Id), a => a.Id == raised.Id);
        Assert.False(await desk.Connection.InvokeAsync<bool>("AcknowledgeAlert", d.Id, raised.Id));
    }
}
