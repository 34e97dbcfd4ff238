using System.Net;
using System.Net.Http.Json;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Api;

/// <summary>Anonymous filing is rate-limited per client; staff with a token are not.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Past_the_limit_a_resident_gets_429_and_staff_go_on()
    {
        await using var host = new GridGovHost(HostSettings.Fresh()) { ResidentsPerMinute = 3 };
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure);
        var resident = host.CreateClient();
        var body = new { gridId = d.Grid(1, 1, 1), category = "roads", channel = "online", title = "坑洼" };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await resident.PostAsJsonAsync("/api/issues", body, ApiClient.Json)).StatusCode);

        var refused = await resident.PostAsJsonAsync("/api/issues", body, ApiClient.Json);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rate-limited", await refused.Content.ReadAsStringAsync());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, (await admin.Http.PostAsJsonAsync("/api/issues", body, ApiClient.Json)).StatusCode);
        var grid = await admin.Get<GridGov.Silo.Api.GridView>($"/api/grids/{d.Grid(1, 1, 1)}");
        Assert.Equal(4, grid.OpenIssues); // the refused one stored nothing
    }
}
