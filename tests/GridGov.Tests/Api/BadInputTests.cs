using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Api;

/// <summary>
/// Every bad input gets a 4xx RFC 9457 problem (application/problem+json, "status" equal to the HTTP status, a "code")
/// and leaves what is stored as it was: each test reads the issue and its grid back through the API and compares.
/// Grid g1 (street 1, community 1) has deputy d1; a submitted issue there is auto-accepted and assigned to d1.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class BadInputTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    /// <summary>What a grid has stored: open issues, all issues of this month, its commit number.</summary>
    private sealed record StoredGrid(int Open, int Issues, long Commit);

    /// <summary>What an issue has stored, as far as a bad request could change it.</summary>
    private sealed record StoredIssue(string Status, int Version, int History, string? Deputy, string? Outcome);

    private sealed record World(TestDistrict District, ApiClient Admin, ApiClient Resident, SubmittedIssue Issue)
    {
        public string Grid => District.Grid(1, 1, 1);
    }

    /// <summary>A district of its own with one issue, assigned to deputy d1 in grid s1-c1-g1.</summary>
    private async Task<World> Given()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var resident = new ApiClient(Host.Client());
        var issue = await resident.Submit(d.Grid(1, 1, 1));
        Assert.Equal("assigned", issue.Status);
        Assert.Equal(d.Deputy(1), issue.AssignedDeputyId);
        return new World(d, admin, resident, issue);
    }

    // ---- not found -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Submit_to_an_unknown_grid_is_404()
    {
        var w = await Given();
        var before = await Stored(w);

        var response = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", Json(SubmitBody(w.District.Grid(1, 1, 1) + "-nope")));

        await AssertProblem(response, HttpStatusCode.NotFound, "grid.unknown");
        Assert.Equal(before, await Stored(w));
        await AssertProblem(await w.Admin.Http.GetAsync($"/api/grids/{w.District.Grid(1, 1, 1)}-nope"), HttpStatusCode.NotFound, "grid.unknown");
    }

    [Fact]
    public async Task Reassign_to_an_unknown_deputy_is_404()
    {
        var w = await Given();
        var before = await Stored(w);
        var nobody = w.District.Id + "-d99";

        var response = await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/reassign", Json(new { deputyId = nobody, note = "hand over" }));

        await AssertProblem(response, HttpStatusCode.NotFound, "deputy.unknown");
        Assert.Equal(before, await Stored(w));
        await AssertProblem(await w.Admin.Http.GetAsync($"/api/deputies/{nobody}"), HttpStatusCode.NotFound, "deputy.unknown");
    }

    [Theory]
    [InlineData("{grid}-202603-999999")] // a real grid, no such issue
    [InlineData("{district}-s9-c9-g9-202603-000001")] // well formed, no such grid
    [InlineData("not-an-issue")]
    [InlineData("{grid}-202613-000001")] // month 13
    [InlineData("{grid}")]
    [InlineData("{grid}-202603-abc")]
    public async Task Unknown_and_malformed_issue_ids_are_404(string template)
    {
        var w = await Given();
        var before = await Stored(w);
        var id = Uri.EscapeDataString(template.Replace("{grid}", w.Grid).Replace("{district}", w.District.Id));

        await AssertProblem(await w.Admin.Http.GetAsync($"/api/issues/{id}"), HttpStatusCode.NotFound, "issue.unknown");
        await AssertProblem(await w.Admin.Http.GetAsync($"/api/issues/{id}/history"), HttpStatusCode.NotFound, "issue.unknown");
        await AssertProblem(await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{id}/respond", Json(new { note = "on it" })),
            HttpStatusCode.NotFound, "issue.unknown");
        await AssertProblem(await w.Resident.Http.GetAsync($"/api/track/{id}.ABCDEFGHJK"), HttpStatusCode.NotFound, "tracking-code.unknown");

        Assert.Equal(before, await Stored(w));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("1")] // an enum number is not an action name
    [InlineData("history2")]
    public async Task An_unknown_action_is_404(string action)
    {
        var w = await Given();
        var before = await Stored(w);

        var response = await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/{action}", Json(new { note = "x" }));

        await AssertProblem(response, HttpStatusCode.NotFound, "action.unknown");
        Assert.Equal(before, await Stored(w));
    }

    // ---- invalid submissions -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("title", null, 0, "title.missing")]
    [InlineData("title", " ", 3, "title.missing")]
    [InlineData("category", null, 0, "category.missing")]
    [InlineData("category", "weather", 1, "category.unknown")]
    [InlineData("title", "x", 201, "title.too-long")]
    [InlineData("description", "x", 4001, "description.too-long")]
    public async Task An_invalid_submission_is_400(string field, string? value, int repeat, string code)
    {
        var w = await Given();
        var before = await Stored(w);
        var body = SubmitBody(w.Grid);
        if (value is null) body.Remove(field);
        else body[field] = string.Concat(Enumerable.Repeat(value, repeat));

        var response = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", Json(body));

        await AssertProblem(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(before, await Stored(w));
    }

    [Fact]
    public async Task Title_and_description_at_their_limits_are_accepted()
    {
        var w = await Given();
        var before = await Stored(w);
        var body = SubmitBody(w.Grid);
        body["title"] = new string('t', 200);
        body["description"] = new string('d', 4000);

        var response = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", Json(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(before.Open + 1, (await Stored(w)).Open);
    }

    // ---- unreadable bodies -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "title": """)]
    [InlineData("not json")]
    [InlineData("""{'gridId': '{grid}', 'category': 'roads', 'channel': 'hotline', 'title': 't'}""")]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "channel": "hotline", "title": "t"}}""")]
    [InlineData("")]
    public async Task A_malformed_submission_body_is_400(string json)
    {
        var w = await Given();
        var before = await Stored(w);

        var response = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", json.Replace("{grid}", w.Grid));

        await AssertProblem(response, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Equal(before, await Stored(w));
    }

    [Theory]
    [InlineData("""{"note": """)]
    [InlineData("{note: called}")]
    [InlineData("""{"note": "called"} trailing""")]
    public async Task A_malformed_action_body_is_400(string json)
    {
        var w = await Given();
        var before = await Stored(w);

        var response = await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/respond", json);

        await AssertProblem(response, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Equal(before, await Stored(w));
    }

    [Theory]
    [InlineData("""{"gridId": {}, "category": "roads", "channel": "hotline", "title": "t"}""")]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "channel": 5, "title": "t"}""")]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "channel": "fax", "title": "t"}""")]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "channel": "hotline", "sla": 0, "title": "t"}""")]
    [InlineData("""{"gridId": "{grid}", "category": ["roads"], "channel": "hotline", "title": "t"}""")]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "channel": "hotline", "title": 42}""")]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "channel": "hotline", "title": "t", "contact": "13800000000"}""")]
    [InlineData("""{"gridId": "{grid}", "category": "roads", "channel": "hotline", "title": "t", "location": {"latitude": "north"}}""")]
    [InlineData("""["{grid}", "roads", "hotline", "t"]""")]
    public async Task A_wrong_json_type_in_a_submission_is_400(string json)
    {
        var w = await Given();
        var before = await Stored(w);

        var response = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", json.Replace("{grid}", w.Grid));

        await AssertProblem(response, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Equal(before, await Stored(w));
    }

    [Theory]
    [InlineData("respond", """{"note": 5}""")]
    [InlineData("reassign", """{"deputyId": ["{district}-d2"]}""")]
    [InlineData("reassign", """{"deputyId": {}}""")]
    [InlineData("respond", """{"rating": 1}""")]
    [InlineData("respond", """{"rating": "great"}""")]
    public async Task A_wrong_json_type_in_an_action_is_400(string action, string json)
    {
        var w = await Given();
        var before = await Stored(w);

        var response = await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/{action}", json.Replace("{district}", w.District.Id));

        await AssertProblem(response, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Equal(before, await Stored(w));
    }

    // ---- who may ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task No_token_on_a_staff_endpoint_is_401()
    {
        var w = await Given();
        var before = await Stored(w);
        var anonymous = w.Resident.Http;

        await AssertProblem(await anonymous.GetAsync($"/api/issues/{w.Issue.Id}"), HttpStatusCode.Unauthorized);
        await AssertProblem(await anonymous.GetAsync($"/api/issues/{w.Issue.Id}/history"), HttpStatusCode.Unauthorized);
        await AssertProblem(await Send(anonymous, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/respond", Json(new { note = "x" })), HttpStatusCode.Unauthorized);
        await AssertProblem(await Send(anonymous, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/void", Json(new { note = "x" })), HttpStatusCode.Unauthorized);
        await AssertProblem(await anonymous.GetAsync($"/api/grids/{w.Grid}/issues"), HttpStatusCode.Unauthorized);
        await AssertProblem(await anonymous.GetAsync($"/api/deputies/{w.District.Deputy(1)}"), HttpStatusCode.Unauthorized);
        await AssertProblem(await Send(anonymous, HttpMethod.Put, "/api/structure", Json(w.District.Structure)), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await Stored(w));
    }

    [Fact]
    public async Task A_deputy_may_not_import_structure_or_void_an_issue_403()
    {
        var w = await Given();
        var before = await Stored(w);
        var structureBefore = await w.Admin.Get<JsonElement>($"/api/structure/{w.District.Id}");
        var deputy = Host.Client("deputy", w.District.Deputy(1)); // the issue's own deputy
        var renamed = w.District.Structure with { Name = "改名区" };

        await AssertProblem(await Send(deputy, HttpMethod.Put, "/api/structure", Json(renamed)), HttpStatusCode.Forbidden);
        await AssertProblem(await Send(deputy, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/void", Json(new { note = "duplicate" })),
            HttpStatusCode.Forbidden, "role");

        Assert.Equal(before, await Stored(w));
        var structureAfter = await w.Admin.Get<JsonElement>($"/api/structure/{w.District.Id}");
        Assert.Equal(structureBefore.GetRawText(), structureAfter.GetRawText());
        Assert.Equal("测试区", structureAfter.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_display_may_not_read_or_act_on_an_issue_403()
    {
        var w = await Given();
        var before = await Stored(w);
        var display = Host.CreateClient();
        display.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", await new ApiClient(Host.Client("admin")).DisplayToken("lobby"));

        await AssertProblem(await display.GetAsync($"/api/issues/{w.Issue.Id}"), HttpStatusCode.Forbidden);
        await AssertProblem(await Send(display, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/respond", Json(new { note = "x" })), HttpStatusCode.Forbidden);
        await AssertProblem(await Send(display, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/resolve", Json(new { note = "x" })), HttpStatusCode.Forbidden);
        await AssertProblem(await display.GetAsync($"/api/grids/{w.Grid}/issues"), HttpStatusCode.Forbidden);
        // The token itself works: a display reads figures.
        Assert.Equal(HttpStatusCode.OK, (await display.GetAsync($"/api/grids/{w.Grid}")).StatusCode);

        Assert.Equal(before, await Stored(w));
    }

    [Fact]
    public async Task An_operator_of_another_street_is_403()
    {
        var w = await Given();
        var before = await Stored(w);
        var d = w.District;
        var other = Host.Client("operator", scope: $"street:{d.Street(2)}");

        await AssertProblem(await other.GetAsync($"/api/issues/{w.Issue.Id}"), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await other.GetAsync($"/api/issues/{w.Issue.Id}/history"), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await Send(other, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/respond", Json(new { note = "x" })), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await Send(other, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/reassign", Json(new { deputyId = d.Deputy(3) })),
            HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await other.GetAsync($"/api/grids/{w.Grid}"), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await other.GetAsync($"/api/grids/{w.Grid}/issues"), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await other.GetAsync($"/api/communities/{d.Community(1, 1)}"), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await other.GetAsync($"/api/streets/{d.Street(1)}"), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await other.GetAsync($"/api/districts/{d.Id}"), HttpStatusCode.Forbidden, "scope");
        // Its own street answers.
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/streets/{d.Street(2)}")).StatusCode);

        Assert.Equal(before, await Stored(w));
    }

    [Fact]
    public async Task A_deputy_may_not_act_on_another_deputys_issue_403()
    {
        var w = await Given();
        var before = await Stored(w);
        var d2 = Host.Client("deputy", w.District.Deputy(2));

        await AssertProblem(await Send(d2, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/respond", Json(new { note = "mine now" })), HttpStatusCode.Forbidden, "deputy.not-assigned");
        await AssertProblem(await Send(d2, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/suspend", Json(new { note = "waiting" })), HttpStatusCode.Forbidden, "deputy.not-assigned");
        await AssertProblem(await d2.GetAsync($"/api/issues/{w.Issue.Id}"), HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await d2.GetAsync($"/api/deputies/{w.District.Deputy(1)}/issues"), HttpStatusCode.Forbidden, "deputy.other");

        Assert.Equal(before, await Stored(w));
    }

    // ---- state rules -----------------------------------------------------------------------------------------

    [Fact]
    public async Task An_invalid_transition_is_409()
    {
        var w = await Given();
        var before = await Stored(w);

        // Assigned: not yet responded to, so it cannot be resolved, accepted again or resumed.
        await AssertProblem(await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/resolve", Json(new { note = "fixed" })),
            HttpStatusCode.Conflict, "transition");
        await AssertProblem(await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/accept", Json(new { })),
            HttpStatusCode.Conflict, "transition");
        await AssertProblem(await Send(w.Admin.Http, HttpMethod.Post, $"/api/issues/{w.Issue.Id}/resume", Json(new { note = "back" })),
            HttpStatusCode.Conflict, "transition");
        // Not closed, so the resident cannot rate it.
        await AssertProblem(await Send(w.Resident.Http, HttpMethod.Post, $"/api/track/{w.Issue.TrackingCode}/rate", Json(new { rating = "satisfied" })),
            HttpStatusCode.Conflict, "transition");

        Assert.Equal(before, await Stored(w));
        Assert.Equal("assigned", (await w.Resident.Get<TrackedIssue>($"/api/track/{w.Issue.TrackingCode}")).Status);
    }

    // ---- idempotency -----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_retried_submission_with_the_same_idempotency_key_files_one_issue()
    {
        var w = await Given();
        var before = await Stored(w);
        var key = Guid.NewGuid().ToString("N");
        var body = Json(SubmitBody(w.Grid));

        var first = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", body, key);
        var second = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<SubmittedIssue>(ApiClient.Json))!;
        var b = (await second.Content.ReadFromJsonAsync<SubmittedIssue>(ApiClient.Json))!;
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.TrackingCode, b.TrackingCode);
        var after = await Stored(w);
        Assert.Equal(before.Open + 1, after.Open);
        Assert.Equal(before.Issues + 1, after.Issues);
        Assert.Equal(before.Issue, after.Issue);
    }

    [Fact]
    public async Task An_idempotency_key_over_100_characters_is_400()
    {
        var w = await Given();
        var before = await Stored(w);
        var body = Json(SubmitBody(w.Grid));

        var response = await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", body, new string('k', 101));

        await AssertProblem(response, HttpStatusCode.BadRequest, "idempotency-key");
        Assert.Equal(before, await Stored(w));
        // 100 is still fine.
        Assert.Equal(HttpStatusCode.Created, (await Send(w.Resident.Http, HttpMethod.Post, "/api/issues", body, new string('k', 100))).StatusCode);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private sealed record Snapshot(StoredGrid Grid, StoredIssue Issue)
    {
        public int Open => Grid.Open;
        public int Issues => Grid.Issues;
    }

    /// <summary>The grid and the issue as stored, read back through the API as an admin.</summary>
    private static async Task<Snapshot> Stored(World w)
    {
        var grid = await w.Admin.Get<GridView>($"/api/grids/{w.Grid}");
        var page = await w.Admin.Get<IssuePage>($"/api/grids/{w.Grid}/issues");
        var issue = await w.Admin.Get<IssueView>($"/api/issues/{w.Issue.Id}");
        var history = await w.Admin.Get<List<HistoryView>>($"/api/issues/{w.Issue.Id}/history");
        return new Snapshot(new StoredGrid(grid.OpenIssues, page.Issues.Count, grid.Commit),
            new StoredIssue(issue.Status, issue.Version, history.Count, issue.AssignedDeputyId, issue.Outcome));
    }

    private static Dictionary<string, object?> SubmitBody(string gridId) => new()
    {
        ["gridId"] = gridId, ["category"] = "roads", ["channel"] = "hotline", ["sla"] = "general", ["title"] = "路灯不亮",
    };

    private static string Json(object body) => JsonSerializer.Serialize(body, ApiClient.Json);

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    /// <summary>A problem-details answer with this status; its "code" is returned (and checked when given).</summary>
    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}: {body}";
        Assert.True(response.StatusCode == status, $"wanted {(int)status}; {what}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"wanted application/problem+json; {what}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == (int)status, $"wanted \"status\": {(int)status}; {what}");
        Assert.True(problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.Length > 0,
            $"wanted a \"code\"; {what}");
        if (code is not null) Assert.Equal(code, c.GetString());
        return c.GetString()!;
    }
}
