using System.Net;
using System.Text.Json;
using GridGov.Grains;
using GridGov.Grains.Domain.Structure;
using GridGov.Silo.Hosting;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace GridGov.Tests.FrontDoor;

/// <summary>/health/ready is green only when the host serves what it advertises: with the demo, every unit of its district.</summary>
[Trait("Stage", "process")] // imports a whole demo district: run with the heavy stage, not beside the shared hosts
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_stays_red_while_the_demo_district_imports_and_turns_green_when_every_unit_answers()
    {
        var held = new HeldWrites();
        await using var host = new GridGovHost(HostSettings.Fresh(), services =>
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Aggregates, (sp, key) => held.Over(RowPerGrainStorage.Over(sp, (string)key!))))
        {
            DemoDistrict = true,
        };
        using var http = host.Client("admin");

        // The import's last step configures the aggregates: their first write is held, every grid is configured.
        await held.Arrived.WaitAsync(TimeSpan.FromMinutes(2));
        using (var ready = await http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var problem = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("not-ready", problem.RootElement.GetProperty("code").GetString());
            Assert.Contains("demo", problem.RootElement.GetProperty("detail").GetString());
            Assert.Equal("unhealthy", problem.RootElement.GetProperty("checks").GetProperty("districts").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/districts/demo")).StatusCode);

        held.Release();
        await Poll.Until(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "ready", TimeSpan.FromMinutes(2));
        Assert.Empty(await DistrictUnits.NotAnswering(http, DemoDistrict.Create()));
    }

    /// <summary>Holds every write behind a gate until the test releases it.</summary>
    private sealed class HeldWrites
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Arrived => _arrived.Task;

        public void Release() => _released.TrySetResult();

        public IGrainStorage Over(IGrainStorage inner) => new Gate(inner, this);

        private sealed class Gate(IGrainStorage inner, HeldWrites held) : IGrainStorage
        {
            public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

            public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
            {
                held._arrived.TrySetResult();
                await held._released.Task;
                await inner.WriteStateAsync(stateName, grainId, grainState);
            }

            public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
        }
    }
}
