using GridGov.Silo.Api.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GridGov.Silo.Api.OpenApi;

/// <summary>Operations that need a token require the bearer scheme; anonymous ones say so with an empty requirement.</summary>
public sealed class OperationSecurity : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = new EndpointMetadataCollection(context.Description.ActionDescriptor.EndpointMetadata);
        operation.Security = EndpointProblems.NeedsToken(metadata)
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.Bearer, context.Document)] = [] }]
            : [];
        return Task.CompletedTask;
    }
}
