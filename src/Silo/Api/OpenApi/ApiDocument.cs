using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GridGov.Silo.Api.OpenApi;

/// <summary>
/// The OpenAPI document clients generate from: the bearer JWT scheme, each operation's security (anonymous ones marked
/// with an empty requirement), its problem responses with their codes, tag descriptions, and servers as clients expect.
/// </summary>
public static class ApiDocument
{
    public const string Bearer = "bearer";

    public static IServiceCollection AddGridGovOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(new OperationSecurity());
        o.AddOperationTransformer(new OperationProblems());
    });

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "GridGov",
            Version = "v1",
            Description = "Residents' issues in a district's community grids, live figures and year-end rollups. " +
                "Errors are RFC 9457 problem details with a stable `code`; each operation lists the codes it can answer.",
        };
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with a `role` claim (admin, operator, deputy, display), `scope` (street:ID or community:ID) " +
                "for scoped operators and displays, `deputy` for deputies. `./gridgov token` mints one for local use.",
        };
        document.Tags = new HashSet<OpenApiTag>(ApiTags.All.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
    }
}
