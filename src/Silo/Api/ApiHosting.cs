using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using GridGov.Silo.Api.OpenApi;
using GridGov.Silo.Api.Problems;
using GridGov.Silo.Health;
using GridGov.Silo.Photos;
using Scalar.AspNetCore;

namespace GridGov.Silo.Api;

public static class ApiHosting
{
    public static WebApplicationBuilder AddGridGovApi(this WebApplicationBuilder builder)
    {
        builder.AddResidentRateLimit();
        // Problems written by the framework (401, 403, 404 of no route, 415) get a "code" from their status, as ours carry one.
        builder.Services.AddGridGovOpenApi();
        // Problems written by the framework (401, 403, 415, 429) get a "code" from their status, as ours carry one.
        var audit = builder.Configuration.GetValue<string>(ProblemAudit.Setting) == "fail";
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("code",
                c.ProblemDetails.Status is { } status ? ReasonPhrases.GetReasonPhrase(status).ToLowerInvariant().Replace(' ', '-') : "error");
            if (audit) ProblemAudit.Check(c);
        });
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddSingleton<Periods>();
        builder.Services.AddSingleton<GridGov.Grains.Rollups.RollupReader>();
        builder.Services.AddSingleton<GridGov.Grains.Rollups.SettledMonthCache>();
        builder.AddYearClosing();
        builder.AddDeputyRollups();
        builder.Services.AddSingleton<LedgerReader>();
        // An unreadable body or parameter throws BadHttpRequestException, which ProblemMapping answers as a 400 problem.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        });
        // A district import is the largest body; everything else is small.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 16 * 1024 * 1024);
        return builder;
    }

    /// <summary>Problem details for everything after it; call before UseGridGovAuth so its 401s and 403s get them too.</summary>
    public static WebApplication UseGridGovProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapGridGovApi(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-reference").AllowAnonymous();
        var api = app.MapGroup("").WithProblemResponses();
        api.MapHealthApi();
        api.MapIssuesApi();
        api.MapTrackingApi();
        api.MapPhotosApi();
        api.MapGridsApi();
        api.MapDeputiesApi();
        api.MapScopesApi();
        api.MapStructureApi();
        api.MapDisplaysApi();
        api.MapRollupsApi();
        api.MapDeputyRollupsApi();
        api.MapYearsApi();
        api.MapLedgerApi();
        api.MapPublicApi();
        api.MapCategoriesApi();
        return app;
    }
}
