using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace GridGov.Silo.Api;

/// <summary>
/// Anonymous residents file, rate and upload at most <c>GridGov:ResidentsPerMinute</c> times a minute per client
/// address; staff with a token are not limited. A refusal is a 429 problem with Retry-After.
/// </summary>
public static class ResidentRateLimit
{
    public const string Policy = "residents";

    public static WebApplicationBuilder AddResidentRateLimit(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("GridGov:ResidentsPerMinute", 20);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => http.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("staff")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many submissions from this client; try again in a minute.",
                        Extensions = { ["code"] = "rate-limited" },
                    },
                });
            };
        });
        return builder;
    }
}
