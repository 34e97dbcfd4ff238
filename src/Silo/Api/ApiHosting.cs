using System.Text.Json;
using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace GridGov.Silo.Api;

public static class ApiHosting
{
    public static WebApplicationBuilder AddGridGovApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddSingleton<Periods>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        });
        // A district import is the largest body; everything else is small.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 16 * 1024 * 1024);
        return builder;
    }

    public static WebApplication MapGridGovApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-reference").AllowAnonymous();
        app.MapHealthApi();
        app.MapIssuesApi();
        app.MapTrackingApi();
        app.MapGridsApi();
        app.MapDeputiesApi();
        app.MapScopesApi();
        app.MapStructureApi();
        return app;
    }
}
