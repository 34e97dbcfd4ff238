using System.Text.Json.Nodes;
using GridGov.Silo.Api.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GridGov.Silo.Api.OpenApi;

/// <summary>
/// Each problem response says which codes it carries: in its description, and as <c>x-problem-codes</c> for tools.
/// The responses themselves come from <see cref="ProblemResponses"/> (one per status, typed as problem details).
/// </summary>
public sealed class OperationProblems : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = new EndpointMetadataCollection(context.Description.ActionDescriptor.EndpointMetadata);
        var route = "/" + context.Description.RelativePath;
        foreach (var byStatus in EndpointProblems.For(metadata, route).GroupBy(p => p.Status))
        {
            if (operation.Responses?.GetValueOrDefault(byStatus.Key.ToString()) is not OpenApiResponse response) continue;
            response.Description = string.Join("\n", byStatus.Select(p => $"- `{p.Code}`: {p.Meaning}"));
            response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            response.Extensions["x-problem-codes"] = new JsonNodeExtension(new JsonArray([.. byStatus.Select(p => JsonValue.Create(p.Code))]));
        }
        return Task.CompletedTask;
    }
}
