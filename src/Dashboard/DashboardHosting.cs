using GridGov.Dashboard.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace GridGov.Dashboard;

/// <summary>The live command-center web face: its pages and (later) its hubs.</summary>
public static class DashboardHosting
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<LiveSubscriptions>();
        builder.Services.AddSingleton<LiveFanOut>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFanOut>());
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "dashboard");
        if (Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/dashboard" });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/dashboard" });
        }
        app.MapHub<LiveHub>("/hubs/live");
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
