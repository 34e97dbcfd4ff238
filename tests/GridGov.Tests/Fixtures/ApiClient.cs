using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridGov.Grains.Domain.Structure;
using GridGov.Silo.Api;

namespace GridGov.Tests.Fixtures;

/// <summary>The HTTP API as a test uses it: typed calls that fail loudly on an unexpected status.</summary>
public sealed class ApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public HttpClient Http => http;

    public async Task Import(DistrictStructure structure) =>
        await Expect(await http.PutAsJsonAsync("/api/structure", structure, Json), HttpStatusCode.OK);

    public async Task<SubmittedIssue> Submit(string gridId, string title = "路灯不亮", string category = "roads", string channel = "hotline",
        string sla = "general", string? idempotencyKey = null, object? contact = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/issues")
        {
            Content = JsonContent.Create(new { gridId, category, channel, sla, title, contact }, options: Json),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await http.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK)) await Fail(response);
        return (await response.Content.ReadFromJsonAsync<SubmittedIssue>(Json))!;
    }

    public async Task<ActedIssue> Act(string issueId, string action, string? note = null, string? deputyId = null)
    {
        var response = await http.PostAsJsonAsync($"/api/issues/{issueId}/{action}", new { note, deputyId }, Json);
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ActedIssue>(Json))!;
    }

    public async Task<TrackedIssue> Rate(string trackingCode, string rating)
    {
        var response = await http.PostAsJsonAsync($"/api/track/{trackingCode}/rate", new { rating }, Json);
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<TrackedIssue>(Json))!;
    }

    /// <summary>Issues a display token (admins) and returns it.</summary>
    public async Task<string> DisplayToken(string name, string? scope = null)
    {
        var response = await http.PostAsJsonAsync("/api/displays", new { name, scope }, Json);
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<IssuedDisplay>(Json))!.Token;
    }

    public Task<T> Get<T>(string path) => GetAs<T>(path);

    public async Task<T> GetAs<T>(string path)
    {
        var response = await http.GetAsync(path);
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Waits until a scope has applied the given grid commit: an event, not a clock.</summary>
    public Task<ScopeView> WaitForScope(string level, string id, string gridId, long commit) =>
        Poll.Until(() => GetAs<ScopeView>($"/api/{level}/{id}"), view => view.Commits.GetValueOrDefault(gridId) >= commit,
            $"{level}/{id} to apply commit {commit} of {gridId}");

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status) await Fail(response, status);
    }

    private static async Task Fail(HttpResponseMessage response, HttpStatusCode? wanted = null) =>
        throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: wanted {wanted}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
