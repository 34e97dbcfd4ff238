using GridGov.Grains.Grids;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Replay;

/// <summary>A replay runs the clock years behind issues a live host left open: their alarms lie beyond what a timer takes.</summary>
public sealed class SlaAlarmsTests
{
    [Fact]
    public void An_alarm_years_ahead_is_set_and_rings_no_earlier_than_the_longest_wait()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var alarms = new SlaAlarms(clock, grains: null!, NullLogger<SlaAlarms>.Instance);
        var due = clock.GetUtcNow().AddYears(3);
        alarms.Set("g1", due);
        Assert.Equal(due, alarms.DueOf("g1"));
        clock.Advance(SlaAlarms.MaxWait - TimeSpan.FromSeconds(1));
        Assert.Equal(due, alarms.DueOf("g1"));
    }
}
