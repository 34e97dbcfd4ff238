using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridGov.Grains;
using GridGov.Grains.Domain;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Rollups;

/// <summary>
/// The rollup header says which weights scored the composite: a year closed under non-default weights keeps them (and
/// its published composite) after the host restarts with other weights, while an open year carries the weights
/// configured now.
/// </summary>
public sealed class ClosedYearWeightsTests
{
    private static readonly ScoreWeights Closing = new(Response: 0.2, Resolution: 0.3, Satisfaction: 0.5);

    [Fact]
    public async Task A_closed_year_header_carries_the_weights_frozen_with_it_an_open_year_the_configured_ones()
    {
        // 10:00 on 30 December 2025 in Shanghai.
        var settings = HostSettings.Fresh() with { Time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 30, 2, 0, 0, TimeSpan.Zero)) };
        var d = TestDistrict.Create();
        await using (var host = new GridGovHost(settings, s => s.Configure<GridGovOptions>(o => o.Weights = Closing)))
        {
            var admin = new ApiClient(host.Client("admin"));
            var resident = new ApiClient(host.Client());
            await admin.Import(d.Structure);
            foreach (var (grid, rating) in new[] { (d.Grid(1, 1, 1), "satisfied"), (d.Grid(2, 1, 1), "basicallySatisfied") })
            {
                var issue = await resident.Submit(grid);
                await admin.Act(issue.Id, "respond", "called back");
                await admin.Act(issue.Id, "resolve", "fixed");
                await resident.Rate(issue.TrackingCode, rating);
            }
            settings.Time.Advance(TimeSpan.FromDays(3)); // 2 January 2026
            var close = await admin.Http.PostAsync($"/api/years/2025/close?district={d.Id}", null);
            await ApiClient.Expect(close, HttpStatusCode.OK);
            var closed = await admin.Get<JsonObject>($"/api/rollups/2025/districts/{d.Id}");
            Assert.Equal(Closing, WeightsOf(closed));
            // Response 100%, resolution 100%, weighted satisfaction 95%: 0.2 + 0.3 + 0.5 x 0.95.
            Assert.Equal("97.5%", CompositeOf(closed));
        }

        await using (var host = new GridGovHost(settings.Restarted())) // the configured weights are the defaults again
        {
            var admin = new ApiClient(host.Client("admin"));
            var closed = await admin.Get<JsonObject>($"/api/rollups/2025/districts/{d.Id}");
            Assert.Equal(Closing, WeightsOf(closed));
            Assert.Equal("97.5%", CompositeOf(closed));
            var open = await admin.Get<JsonObject>($"/api/rollups/2026/districts/{d.Id}");
            Assert.Equal(ScoreWeights.Default, WeightsOf(open));
            var list = await admin.Get<JsonObject>($"/api/rollups/2025?level=street&district={d.Id}");
            Assert.Equal(Closing, WeightsOf(list));
        }
    }

    private static ScoreWeights? WeightsOf(JsonObject rollup) =>
        rollup["header"]!["weights"]?.Deserialize<ScoreWeights>(ApiClient.Json);

    private static string? CompositeOf(JsonObject rollup) => (string?)rollup["unit"]!["figures"]!["composite"]!["display"];
}
