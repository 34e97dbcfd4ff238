using GridGov.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Browser;

/// <summary>A browser host whose domain clock starts in a past year (10:00 on 10 March 2025 in Shanghai), so a year can be lived and closed.</summary>
public sealed class PastYearFixture : BrowserFixture
{
    public static readonly DateTimeOffset Start = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<System.Reflection.MethodInfo, Task> _once = [];

    protected override HostSettings Settings() => HostSettings.Fresh() with { Time = new FakeTimeProvider(Start) };

    /// <summary>Runs <paramref name="setup"/> once for the fixture; later callers await the same run. The clock only
    /// moves forward, so what lives through the year must happen once, whichever test comes first.</summary>
    public Task<T> Once<T>(Func<Task<T>> setup)
    {
        lock (_once)
        {
            var key = setup.Method;
            if (!_once.TryGetValue(key, out var run)) _once[key] = run = setup();
            return (Task<T>)run;
        }
    }
}
