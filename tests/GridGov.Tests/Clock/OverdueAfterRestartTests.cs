using GridGov.Grains;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace GridGov.Tests.Clock;

/// <summary>
/// Clocks survive a restart: the host holding a grid stops, its issue's due time passes, a new host starts,
/// and the district shows the issue overdue without anyone reading the grid (its wake-up reminder brings it back).
/// </summary>
public sealed class OverdueAfterRestartTests
{
    private static void FastWakeUp(IServiceCollection services)
    {
        services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        services.Configure<GridGovOptions>(o => o.WakeUpPeriod = TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Overdue_fires_after_the_host_is_stopped_and_started_again()
    {
        var settings = HostSettings.Fresh();
        var d = TestDistrict.Create();
        var grid = d.Grid(2, 2, 1);
        SubmittedIssue filed;
        await using (var host = new GridGovHost(settings, FastWakeUp))
        {
            var admin = new ApiClient(host.Client("admin"));
            await admin.Import(d.Structure);
            filed = await admin.Submit(grid, "下水道堵塞", category: "sewage");
            var district = await admin.WaitForScope("districts", d.Id, grid, filed.Commit);
            Assert.Equal(0, district.Figures.Year.Totals.OpenOverdue);
        }

        settings.Time.Advance(filed.DueAt!.Value - settings.Time.GetUtcNow() + TimeSpan.FromMinutes(1));

        await using var restarted = new GridGovHost(settings.Restarted(), FastWakeUp);
        var again = new ApiClient(restarted.Client("admin"));
        var view = await Poll.Until(() => again.Get<ScopeView>($"/api/districts/{d.Id}"), // reads the district only, never the grid
            v => v.Figures.Year.Totals.OpenOverdue != 0, "the district to count the issue overdue", TimeSpan.FromSeconds(60));
        Assert.Equal(1, view.Figures.Year.Totals.OpenOverdue);
        Assert.True(view.Commits[grid] > filed.Commit);
    }
}
