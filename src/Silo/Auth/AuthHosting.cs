using GridGov.Grains.Access;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using static GridGov.Grains.Access.GridGovClaims;

namespace GridGov.Silo.Auth;

public static class AuthHosting
{
    public static WebApplicationBuilder AddGridGovAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (settings.Authority is not null) o.Authority = settings.Authority;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.Authority is null ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)) : null,
                RoleClaimType = Role,
                NameClaimType = "sub",
            };
            // SignalR sends the token in the query string of its WebSocket request.
            o.Events = new JwtBearerEvents
            {
                // Display tokens live for a year: each is checked against the registry, so an admin can revoke it.
                OnTokenValidated = async ctx =>
                {
                    // A deputy's token names the deputy: without one it would act for nobody (and match unassigned issues).
                    if (ctx.Principal!.IsInRole(Roles.Deputy) && string.IsNullOrEmpty(ctx.Principal.FindFirst(Deputy)?.Value))
                    {
                        ctx.Fail("A deputy token must name its deputy.");
                        return;
                    }
                    if (!ctx.Principal.IsInRole(Roles.Display)) return;
                    var id = ctx.Principal.FindFirst("jti")?.Value;
                    var grains = ctx.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
                    if (id is null || !await grains.GetGrain<Grains.Displays.IDisplayRegistryGrain>("displays").IsActive(id))
                        ctx.Fail("This display's token has been revoked.");
                },
                OnMessageReceived = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"] is { Count: > 0 } token)
                        ctx.Token = token;
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Admin, Roles.Operator))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Operator, Roles.Deputy))
            .AddPolicy(Policies.Viewer, p => p.RequireRole(Roles.Admin, Roles.Operator, Roles.Deputy, Roles.Display));
        builder.Services.AddSingleton<TokenIssuer>();
        return builder;
    }

    public static WebApplication UseGridGovAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
