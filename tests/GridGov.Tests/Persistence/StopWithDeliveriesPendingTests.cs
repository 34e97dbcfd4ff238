using System.Collections.Concurrent;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridGov.Tests.Persistence;

/// <summary>
/// A host stopped while deltas still wait to climb (the community's and the deputy's write gaps hold them back)
/// retries none of them into the stopping silo, so it logs no delivery warnings; the next start delivers them
/// from the stored outboxes as soon as the grid is active again.
/// </summary>
public sealed class StopWithDeliveriesPendingTests
{
    [Fact]
    public async Task Deliveries_pending_at_stop_are_not_retried_into_the_stopping_host_and_arrive_after_the_restart()
    {
        var settings = HostSettings.Fresh();
        var d = TestDistrict.Create();
        var grid = d.Grid(1, 1, 1);
        var logs = new WarningLog();
        long last;
        await using (var host = new GridGovHost(settings, services => services.AddSingleton<ILoggerProvider>(logs)))
        {
            var admin = new ApiClient(host.Client("admin"));
            await admin.Import(d.Structure);
            var resident = new ApiClient(host.Client());
            // More commands in a row than the receivers' write bursts: later deltas wait a write gap.
            SubmittedIssue? filed = null;
            for (var i = 0; i < 8; i++) filed = await resident.Submit(grid, $"issue {i}");
            last = filed!.Commit;
        }
        Assert.DoesNotContain(logs.Messages, m => m.StartsWith("Delivery from", StringComparison.Ordinal));

        await using var restarted = new GridGovHost(settings.Restarted());
        var again = new ApiClient(restarted.Client("admin"));
        await again.Get<GridView>($"/api/grids/{grid}"); // activates the grid, which resumes delivery
        var district = await again.WaitForScope("districts", d.Id, grid, last);
        Assert.Equal(8, district.Figures.Year.Totals.Accepted);
    }

    /// <summary>Warnings and errors logged by the host, by message.</summary>
    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Messages.Enqueue(formatter(state, exception));
        }

        public void Dispose()
        {
        }
    }
}
