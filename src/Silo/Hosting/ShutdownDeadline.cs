using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridGov.Silo.Hosting;

/// <summary>
/// A stop is bounded. With storage gone, the silo's own stop retries the membership table for minutes after the host's
/// shutdown timeout has cancelled it; this ends the process one second after that timeout instead, with one line.
/// </summary>
public sealed class ShutdownDeadline(IHostApplicationLifetime lifetime, IOptions<HostOptions> options) : IHostedService
{
    public const string Setting = "Hosting:EndProcessOnSlowStop";
    public const string TimeoutSetting = "Hosting:ShutdownTimeout";

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    public Task StartAsync(CancellationToken ct)
    {
        lifetime.ApplicationStopping.Register(() => _ = Deadline());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task Deadline()
    {
        var after = options.Value.ShutdownTimeout + Grace;
        await Task.Delay(after);
        // Not through the logger: its queue may never be flushed. Environment.Exit would wait for the host's stop.
        Console.Error.WriteLine($"GridGov: the host had not stopped {after.TotalSeconds:0} s after it was asked to (is storage reachable?); ending the process.");
        Process.GetCurrentProcess().Kill();
    }
}
