using GridGov.Tests.Fixtures;
using Microsoft.Playwright;

namespace GridGov.Tests.Browser;

/// <summary>
/// A host on Kestrel and Debian's Chromium driven by Playwright. Nothing is downloaded: the browser is the
/// system's (./gridgov test installs it when missing). Units rank from 2 decided cases, so a handful of issues suffice.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public GridGovHost Host { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The host's settings (and so where its domain clock starts).</summary>
    protected virtual HostSettings Settings() => HostSettings.Fresh();

    /// <summary>Further settings of the host (<see cref="GridGovHost.Configuration"/>).</summary>
    protected virtual IReadOnlyDictionary<string, string> Configuration() => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Host = new GridGovHost(Settings()) { MinimumDecidedToRank = 2, Configuration = Configuration() };
        Host.StartKestrel();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    /// <summary>A fresh browser context and page (see <see cref="BrowserPage"/> for the usual screens).</summary>
    public async Task<BrowserPage> Open(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        return new BrowserPage(context, await context.NewPageAsync());
    }

    /// <summary>An address on the host, e.g. Url("/dashboard/#token=...").</summary>
    public string Url(string pathAndFragment) => new Uri(Host.Address!, pathAndFragment).ToString();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
