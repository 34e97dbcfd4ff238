using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Silo.Replay;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Browser;

/// <summary>
/// A browser host whose test district has 2025 replayed by <see cref="YearReplay"/> (a twenty-fifth of the demo
/// volume, the default mix and seasons), its domain clock left where the replay ends, in January 2026.
/// </summary>
public sealed class ReplayedYearFixture : BrowserFixture
{
    public const int Year = 2025;

    public TestDistrict District { get; } = TestDistrict.Create();
    public ReplaySummary Summary { get; private set; } = null!;

    protected override HostSettings Settings() =>
        HostSettings.Fresh() with { Time = new FakeTimeProvider(new DateTimeOffset(Year - 1, 12, 30, 0, 0, 0, TimeSpan.Zero)) };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new ApiClient(Host.Client("admin")).Import(District.Structure);
        var wall = new FakeTimeProvider(new DateTimeOffset(Year + 1, 6, 1, 0, 0, 0, TimeSpan.Zero)); // "now" for the replay's refusals
        var replay = new YearReplay(Host.Grains, Host.Settings.Time, wall, Host.Services.GetRequiredService<IGridMonthStore>(),
            ReplayCommand.ReplayMarkersFor(Host.Services), new ReplayOptions { Year = Year, DistrictId = District.Id, Scale = 0.04 },
            SlaPolicy.Default, _ => { });
        Summary = await replay.Run();
    }
}
