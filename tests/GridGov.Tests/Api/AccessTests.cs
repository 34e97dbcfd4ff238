using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridGov.Silo.Api;
using GridGov.Silo.Auth;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Api;

/// <summary>
/// The access rules over HTTP where the code used to differ from the README: a grid's other deputies read a summary,
/// admins do not see residents' contacts, scoped operators manage only their deputies, a deputy token names its deputy.
/// Grid g1 (street 1, community 1) has deputies d1 and d4; its issue is assigned to d1. Deputy d2 sits in street 1's community 2.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class AccessTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    private async Task<(TestDistrict District, SubmittedIssue Issue)> Given()
    {
        var d = TestDistrict.Create(deputiesOfGrid: (id, s, c, g) => (s, c, g) == (1, 1, 1) ? [$"{id}-d1", $"{id}-d4"] : [$"{id}-d{(s - 1) * 2 + c}"]);
        await new ApiClient(Host.Client("admin")).Import(d.Structure);
        var issue = await new ApiClient(Host.Client()).Submit(d.Grid(1, 1, 1), contact: new { name = "张三", phone = "13800001234" });
        Assert.Equal(d.Deputy(1), issue.AssignedDeputyId);
        return (d, issue);
    }

    [Fact]
    public async Task Another_deputy_of_the_grid_reads_a_summary_without_contact_description_history_or_photos()
    {
        var (d, issue) = await Given();
        var other = Host.Client("deputy", d.Deputy(4));

        var summary = await new ApiClient(other).GetAs<IssueView>($"/api/issues/{issue.Id}");
        Assert.True(summary.Summary);
        Assert.Equal(issue.Id, summary.Id);
        Assert.Null(summary.Contact);
        Assert.Null(summary.Description);
        Assert.Null(summary.Location);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/issues/{issue.Id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/issues/{issue.Id}/photos")).StatusCode);

        var assigned = await new ApiClient(Host.Client("deputy", d.Deputy(1))).GetAs<IssueView>($"/api/issues/{issue.Id}");
        Assert.False(assigned.Summary);
        Assert.Equal("13800001234", assigned.Contact?.Phone);
    }

    [Fact]
    public async Task A_deputy_who_files_at_a_reception_reads_the_issue_in_full_but_not_the_residents_contact()
    {
        var (d, _) = await Given();
        // d2 is not placed in the grid: without having filed the issue, it could not read it at all.
        var filer = Host.Client("deputy", d.Deputy(2));
        var filed = await new ApiClient(filer).Submit(d.Grid(1, 1, 1), contact: new { name = "李四", phone = "13900005678" });
        Assert.NotEqual(d.Deputy(2), filed.AssignedDeputyId);

        var view = await new ApiClient(filer).GetAs<IssueView>($"/api/issues/{filed.Id}");
        Assert.False(view.Summary);
        Assert.Null(view.Contact);
        var history = await new ApiClient(filer).GetAs<List<HistoryView>>($"/api/issues/{filed.Id}/history");
        Assert.Equal($"deputy:{d.Deputy(2)}", history[0].By);
    }

    [Fact]
    public async Task Admins_do_not_see_a_residents_contact_and_operators_of_its_scope_do()
    {
        var (d, issue) = await Given();
        Assert.Null((await new ApiClient(Host.Client("admin")).GetAs<IssueView>($"/api/issues/{issue.Id}")).Contact);
        Assert.Equal("13800001234", (await new ApiClient(Host.Client("operator")).GetAs<IssueView>($"/api/issues/{issue.Id}")).Contact?.Phone);
        var ofCommunity = Host.Client("operator", scope: $"community:{d.Community(1, 1)}");
        Assert.Equal("13800001234", (await new ApiClient(ofCommunity).GetAs<IssueView>($"/api/issues/{issue.Id}")).Contact?.Phone);
    }

    [Fact]
    public async Task A_scoped_operator_manages_only_the_deputies_placed_in_their_scope()
    {
        var (d, _) = await Given();
        var otherStreet = Host.Client("operator", scope: $"street:{d.Street(2)}");
        var ownStreet = Host.Client("operator", scope: $"street:{d.Street(1)}");
        var leave = new { from = HostSettings.Start.AddDays(1), to = HostSettings.Start.AddDays(2), reason = "会议" };

        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.GetAsync($"/api/deputies/{d.Deputy(1)}/issues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.PutAsJsonAsync($"/api/deputies/{d.Deputy(1)}/leave", leave)).StatusCode);
        Assert.Empty((await new ApiClient(Host.Client("admin")).GetAs<DeputyView>($"/api/deputies/{d.Deputy(1)}")).Leaves);

        Assert.Equal(HttpStatusCode.OK, (await ownStreet.GetAsync($"/api/deputies/{d.Deputy(1)}/issues")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownStreet.PutAsJsonAsync($"/api/deputies/{d.Deputy(1)}/leave", leave)).StatusCode);
    }

    [Fact]
    public async Task A_deputy_token_without_a_deputy_id_is_refused()
    {
        var (_, issue) = await Given();
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Host.Services.GetRequiredService<TokenIssuer>().Issue(Grains.Access.GridGovClaims.Roles.Deputy));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/issues/{issue.Id}")).StatusCode);
    }
}
