using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Api;

/// <summary>A wall screen signs in once with a long-lived display token for a scope; an admin can revoke it.</summary>
[Collection(SharedHost.Name)]
public sealed class DisplayTokenTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task A_display_token_reads_its_scope_until_revoked()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var issued = await (await admin.Http.PostAsJsonAsync("/api/displays", new { name = "二楼大屏", scope = $"street:{d.Street(1)}" }))
            .Content.ReadFromJsonAsync<IssuedDisplay>(ApiClient.Json);
        Assert.StartsWith("/dashboard/#token=", issued!.Url);
        Assert.True(issued.ExpiresAt > DateTimeOffset.UtcNow.AddDays(300));

        var screen = Host.CreateClient();
        screen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        Assert.Equal(HttpStatusCode.OK, (await screen.GetAsync($"/api/streets/{d.Street(1)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await screen.GetAsync($"/api/streets/{d.Street(2)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await screen.PostAsJsonAsync("/api/displays", new { name = "x" })).StatusCode);
        await using (var live = await LiveClient.Connect(Host.Server, issued.Token))
            Assert.Equal(d.Street(1), (await live.Subscribe("street", d.Street(1))).Id);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/displays/{issued.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await screen.GetAsync($"/api/streets/{d.Street(1)}")).StatusCode);
        var refused = new LiveClient(Host.Server, issued.Token);
        await Assert.ThrowsAnyAsync<Exception>(() => refused.Connection.StartAsync());
        await refused.DisposeAsync();
        var listed = await admin.Get<IReadOnlyList<GridGov.Grains.Displays.DisplayEntry>>("/api/displays");
        Assert.Contains(listed, e => e.Id == issued.Id && e.RevokedAt is not null && e.RevokedBy == "admin");
    }
}
