using System.Globalization;
using System.Net.Sockets;
using GridGov.Grains;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Structure;
using GridGov.Silo.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Silo.Replay;

/// <summary>
/// `GridGov.Silo replay --year YYYY [--scale N] [--seed N] [--quantum-minutes N] [--parallelism N] [--district ID] [host options]`:
/// a silo of its own (no API, no dashboard, no alerts) over the configured storage, on a manual domain clock, that replays
/// the year (see <see cref="YearReplay"/>) and exits. Exit codes: 0 done, 2 bad arguments, 3 refused.
/// </summary>
public static class ReplayCommand
{
    private const string Usage =
        "usage: GridGov.Silo replay --year YYYY [--scale 1] [--seed N] [--quantum-minutes 60] [--parallelism 32] [--district demo] [--Key=Value ...]";

    public static async Task<int> Run(string[] args)
    {
        var (options, rest, error) = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var builder = WebApplication.CreateBuilder(rest);
        var settings = ClusterSettings.From(builder.Configuration);
        if (await LiveHost(builder.Configuration, settings) is { } live)
        {
            Console.Error.WriteLine($"refused: {live}. Stop the host first (a replay writes the same storage).");
            return 3;
        }
        if (await StorageFormat.Check(settings) is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            return 3;
        }
        // The clock starts before the year; the replay sets it to the year's first instant and runs it from there.
        var clock = new FakeTimeProvider(new DateTimeOffset(options.Year - 1, 12, 30, 0, 0, 0, TimeSpan.Zero));
        builder.Services.AddKeyedSingleton<TimeProvider>(GridGovTime.Key, clock);
        builder.Configuration["Urls"] = "http://127.0.0.1:0"; // nothing is served; Kestrel just needs somewhere to sit
        builder.Configuration["GridGov:RaiseAlerts"] = "false";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddGridGovSilo();
        await using var app = builder.Build();
        await app.StartAsync();
        try
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            await EnsureDistrict(grains, options.DistrictId);
            var replay = new YearReplay(grains, clock, TimeProvider.System, app.Services.GetRequiredService<IGridMonthStore>(),
                ReplayMarkersFor(app.Services), options, app.Services.GetRequiredService<IOptions<GridGovOptions>>().Value.Sla,
                line => Console.WriteLine($"[replay] {line}"));
            // Ctrl-C or SIGTERM stops the replay between quanta; the year stays marked, so running it again wipes it first.
            var summary = await replay.Run(app.Lifetime.ApplicationStopping);
            Print(summary);
            return 0;
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped: the replay was interrupted; run it again to replay the year from the start.");
            return 130;
        }
        catch (ReplayRefusedException e)
        {
            Console.Error.WriteLine($"refused: {e.Message}");
            return 3;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The replay's year markers next to the other tables of this deployment.</summary>
    public static ReplayMarkers ReplayMarkersFor(IServiceProvider services) =>
        new(services.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), services.GetRequiredService<ClusterSettings>().TablePrefix + "Replays");

    /// <summary>
    /// A host of this deployment running on this machine: its silo or gateway port is taken (silos here listen on
    /// loopback, and ours could not start beside it anyway), or its HTTP health endpoint answers. Membership rows are
    /// not trusted for this: a silo killed without a goodbye stays "active" in the table until another silo votes it dead.
    /// </summary>
    private static async Task<string?> LiveHost(IConfiguration configuration, ClusterSettings settings)
    {
        foreach (var (port, what) in new[] { (settings.SiloPort, "silo"), (settings.GatewayPort, "gateway") })
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2));
                return $"something listens on the {what} port 127.0.0.1:{port}";
            }
            catch (Exception)
            {
                // Nothing there: good.
            }
        }
        var urls = (configuration["Urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var url in urls)
        {
            try
            {
                using var answer = await http.GetAsync(url.TrimEnd('/') + "/health/live");
                return $"a host answers at {url}";
            }
            catch (Exception)
            {
                // Nothing there: good.
            }
        }
        return null;
    }

    /// <summary>The demo district is imported if it is not there yet (as <c>./gridgov run</c> would).</summary>
    private static async Task EnsureDistrict(IGrainFactory grains, string districtId)
    {
        var district = grains.GetGrain<IDistrictGrain>(districtId);
        switch (await district.GetImportStatus())
        {
            case ImportStatus.Done: return;
            case ImportStatus.Pending:
                Console.WriteLine("[replay] finishing the interrupted import of the district");
                await district.ResumeImport();
                return;
        }
        var demo = DemoDistrict.Create();
        if (districtId != demo.Id) throw new ReplayRefusedException($"There is no district '{districtId}'.");
        Console.WriteLine("[replay] importing the demo district");
        await district.Import(demo);
    }

    private static void Print(ReplaySummary s)
    {
        var p = s.Paths;
        Console.WriteLine($"""

            Replayed {s.Year} in {s.Elapsed:hh\:mm\:ss}
              received          {s.Received,9:N0}
              accepted          {s.Accepted,9:N0}   (not accepted {s.NotAccepted:N0}, voided {s.Voided:N0})
              resolved          {s.Resolved,9:N0}   (closed unresolved {s.ClosedUnresolved:N0})
              resolution rate   {s.ResolutionRate,9}
              response rate     {s.ResponseRate,9}
              satisfaction      {s.SatisfactionRate,9}   ({s.Rated:N0} rated)
              paths: suspended {p.Suspended:N0}, reopened {p.Reopened:N0}, voided {p.Voided:N0}, declined {p.Declined:N0}, responded late {p.RespondedLate:N0},
                     went overdue {p.Overdue:N0}, unsatisfied ratings {p.Unsatisfied:N0}, ratings near the window's end {p.NearWindowRatings:N0},
                     late ratings refused {p.LateRatingsRefused:N0}, closed in a later month {p.CrossedMonthEnd:N0}, unexpected {p.Unexpected:N0}
            """);
        foreach (var problem in p.Problems) Console.WriteLine($"  unexpected: {problem}");
    }

    private static (ReplayOptions? Options, string[] Remaining, string? Error) Parse(string[] args)
    {
        int? year = null;
        var o = new ReplayOptions { Year = 0 };
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : "";
            bool Number(string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            switch (args[i])
            {
                case "--year" when int.TryParse(Value(), out var y) && y is >= 2000 and <= 2999: year = y; break;
                case "--scale" when Number(Value(), out var s) && s > 0 && s <= 10_000: o = o with { Scale = s }; break;
                case "--seed" when int.TryParse(Value(), out var seed): o = o with { Seed = seed }; break;
                case "--quantum-minutes" when int.TryParse(Value(), out var q) && q is >= 1 and <= 60: o = o with { Quantum = TimeSpan.FromMinutes(q) }; break;
                case "--parallelism" when int.TryParse(Value(), out var n) && n is >= 1 and <= 1024: o = o with { Parallelism = n }; break;
                case "--district" when Value() is { Length: > 0 } d: o = o with { DistrictId = d }; break;
                case "--year" or "--scale" or "--seed" or "--quantum-minutes" or "--parallelism" or "--district":
                    return (null, [], $"bad value for {args[i]}");
                default: rest.Add(args[i]); break;
            }
        }
        return year is { } yr ? (o with { Year = yr }, rest.ToArray(), null) : (null, [], "--year is required");
    }
}
