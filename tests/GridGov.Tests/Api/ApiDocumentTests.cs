using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridGov.Silo.Api.Problems;
using GridGov.Tests.Fixtures;
using GridGov.Tests.FrontDoor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Api;

/// <summary>The served OpenAPI document: clean under Redocly's recommended rules, and true to every endpoint's refusals.</summary>
[Collection(SharedHost.Name)]
public sealed class ApiDocumentTests(HostFixture fixture)
{
    [Fact]
    public async Task Redocly_recommended_rules_find_no_error_and_no_operation_without_a_4xx()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gridgov-openapi-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, await fixture.Host.Client().GetStringAsync("/openapi/v1.json"));
        var lint = new ProcessStartInfo(Path.Combine(RunScript.RepositoryRoot, "node_modules/.bin/redocly"), ["lint", file, "--extends", "recommended", "--format", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(lint)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        using var report = JsonDocument.Parse(await output);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()}").ToList();
        Assert.Equal(0, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt32());
        Assert.DoesNotContain(problems, p => p.Contains("operation-4xx-response"));
    }

    [Fact]
    public async Task Each_operation_documents_its_token_its_refusals_and_every_problem_code_its_handler_declares()
    {
        var document = JsonNode.Parse(await fixture.Host.Client().GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Method: op.Key.ToUpperInvariant(), Path: path.Key, Operation: op.Value!)))
            .ToDictionary(o => o.Operation["operationId"]?.GetValue<string>() ?? $"{o.Method} {o.Path}", o => o.Operation);
        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true } && e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToList();
        Assert.True(endpoints.Count >= 35, $"only {endpoints.Count} described endpoints");
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Value["summary"]?.GetValue<string>()), $"{o.Key} has no summary"));

        foreach (var endpoint in endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName;
            var operation = Assert.Contains(name, operations);
            var security = operation["security"]!.AsArray();
            var needsToken = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            if (needsToken)
            {
                Assert.True(security.Count == 1 && security[0]!["bearer"] is not null, $"{name} needs a token but does not say so");
                AssertDocuments(name, operation, 401, "unauthorized");
                AssertDocuments(name, operation, 403, "forbidden");
            }
            else
            {
                Assert.True(security.Count == 0, $"{name} is anonymous and should say so with an empty requirement");
                Assert.Null(operation["responses"]!["401"]);
            }
            if (endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null) AssertDocuments(name, operation, 429, "rate-limited");
            foreach (var problem in endpoint.Metadata.GetOrderedMetadata<ProblemMetadata>().SelectMany(m => m.Codes))
                AssertDocuments(name, operation, problem.Status, problem.Code);
        }
    }

    [Fact]
    public void Under_test_an_undeclared_problem_fails_the_request_and_a_declared_one_passes()
    {
        var endpoint = new Endpoint(null, new EndpointMetadataCollection(new ProblemMetadata([ProblemCodes.UnknownGrid])), "test endpoint");

        var declared = Answer(endpoint, 404, "grid.unknown");
        Assert.Equal(404, declared.ProblemDetails.Status);
        Assert.Equal("grid.unknown", declared.ProblemDetails.Extensions["code"]);

        var undeclared = Answer(endpoint, 409, "grid.retired");
        Assert.Equal(500, undeclared.ProblemDetails.Status);
        Assert.Equal(500, undeclared.HttpContext.Response.StatusCode);
        Assert.Equal("problem.undeclared", undeclared.ProblemDetails.Extensions["code"]);
        Assert.Contains("409 grid.retired", undeclared.ProblemDetails.Detail);
    }

    private static ProblemDetailsContext Answer(Endpoint endpoint, int status, string code)
    {
        var http = new DefaultHttpContext();
        http.SetEndpoint(endpoint);
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status, Extensions = { ["code"] = code } } };
        ProblemAudit.Check(context);
        return context;
    }

    private static void AssertDocuments(string operationId, JsonNode operation, int status, string code)
    {
        var response = operation["responses"]![status.ToString()];
        Assert.True(response is not null, $"{operationId} does not document {status}");
        var codes = response!["x-problem-codes"]?.AsArray().Select(c => c!.GetValue<string>()).ToList() ?? [];
        Assert.True(codes.Contains(code), $"{operationId} does not list {code} under {status}: [{string.Join(", ", codes)}]");
        Assert.Contains(code, response["description"]!.GetValue<string>());
    }
}
