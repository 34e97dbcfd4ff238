using GridGov.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Browser;

/// <summary>A browser host whose domain clock starts in a past year (10:00 on 10 March 2025 in Shanghai), so a year can be lived and closed.</summary>
public sealed class PastYearFixture : BrowserFixture
{
    public static readonly DateTimeOffset Start = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);

    protected override HostSettings Settings() => HostSettings.Fresh() with { Time = new FakeTimeProvider(Start) };
}
