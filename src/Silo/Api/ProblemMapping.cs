using GridGov.Grains.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace GridGov.Silo.Api;

/// <summary>Turns broken rules and bad requests into RFC 9457 problem details with the right status.</summary>
public sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, code) = exception switch
        {
            DomainRuleException e => (e.Kind switch
            {
                RuleKind.NotFound => StatusCodes.Status404NotFound,
                RuleKind.Conflict => StatusCodes.Status409Conflict,
                RuleKind.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            }, e.Message, e.Code),
            BadHttpRequestException e => (e.StatusCode, "The request could not be read: " + e.Message, "request.malformed"),
            System.Text.Json.JsonException e => (StatusCodes.Status400BadRequest, "Malformed JSON: " + e.Message, "request.malformed"),
            TimeoutException => (StatusCodes.Status503ServiceUnavailable, "The service is busy; try again.", "unavailable"),
            // A silo joining or leaving the cluster: the caller may retry at once.
            SiloUnavailableException or OrleansMessageRejectionException or ClientNotAvailableException =>
                (StatusCodes.Status503ServiceUnavailable, "The cluster is changing; try again.", "unavailable"),
            _ => (0, "", ""),
        };
        if (status == 0) return false;
        if (status >= 500) logger.LogWarning(exception, "Answered {Status}", status);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Type = $"https://gridgov.example/problems/{code}", Extensions = { ["code"] = code } },
        });
    }
}
