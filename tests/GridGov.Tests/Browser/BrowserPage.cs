using Microsoft.Playwright;

namespace GridGov.Tests.Browser;

/// <summary>One browser context with its page, the script errors it raised, and where screenshots go; closed on dispose.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>A 1920x1080 wall screen or desktop, in Chinese and the district's time zone.</summary>
    public static BrowserNewContextOptions WallScreen => new()
    {
        ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };

    /// <summary>A phone (390x844, touch, 2x pixels), in Chinese and the district's time zone.</summary>
    public static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };

    private readonly List<string> _errors = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, e) => _errors.Add(e);
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Uncaught script errors of the page so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>A path under the test output's screenshots folder (created when missing).</summary>
    public static string Shot(string name)
    {
        Directory.CreateDirectory(Screenshots);
        return Path.Combine(Screenshots, name);
    }

    /// <summary>Is Noto Sans SC (the shipped web font) loaded, rather than a system fallback?</summary>
    public Task<bool> NotoSansScLoaded() => Page.EvaluateAsync<bool>("""
        async () => {
          await document.fonts.ready;
          const face = [...document.fonts].some(f => f.family.replace(/["']/g, '') === 'Noto Sans SC' && f.status === 'loaded');
          return face && document.fonts.check('16px "Noto Sans SC"', '区');
        }
        """);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
