using Microsoft.AspNetCore.Diagnostics;

namespace GridGov.Silo.Api.Problems;

/// <summary>
/// With <c>GridGov:UndeclaredProblems=fail</c> (the test hosts set it), a problem an endpoint did not declare is answered
/// as 500 <c>problem.undeclared</c>, so every test that provokes one shows the gap between the handler and its document.
/// Off in production: there the problem is answered as it is.
/// </summary>
public static class ProblemAudit
{
    public const string Setting = "GridGov:UndeclaredProblems";

    public static void Check(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        // The exception handler clears the endpoint before it writes; its feature keeps the one that threw.
        var endpoint = context.HttpContext.GetEndpoint() ?? context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint is null || problem.Status is not { } status) return;
        if (!problem.Extensions.TryGetValue("code", out var value) || value is not string code) return;
        if (EndpointProblems.For(endpoint).Any(p => p.Status == status && p.Code == code)) return;
        problem.Detail = $"{endpoint.DisplayName} answered {status} {code}, which it does not declare.";
        problem.Status = context.HttpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        problem.Extensions["code"] = "problem.undeclared";
    }
}
