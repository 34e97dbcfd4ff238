using System.Globalization;

namespace GridGov.Bench.Live;

/// <summary>Command-line options; `--name value` or `--name=value`.</summary>
public sealed record BenchOptions
{
    public required Uri BaseUrl { get; init; }
    public required string Token { get; init; }
    public string District { get; init; } = "demo";
    public int Clients { get; init; } = 100;
    public int Probes { get; init; } = 5;
    public double Rate { get; init; } = 500;
    public int Seconds { get; init; } = 60;
    public int Warmup { get; init; } = 10;
    /// <summary>After the load, how long at most to wait for the pushes that cover the last samples.</summary>
    public int Drain { get; init; } = 30;
    public int Concurrency { get; init; } = 256;
    /// <summary>Share of submissions that go to the probe grids (the rest: any grid of the district).</summary>
    public double ProbeShare { get; init; } = 0.04;
    /// <summary>How long an issue waits before it is responded to, and again before it is resolved.</summary>
    public double ActAfterSeconds { get; init; } = 1;
    /// <summary>The clients that measure nothing: plain WebSocket hub clients (raw) or the .NET SignalR client (dotnet).</summary>
    public bool RawLoadClients { get; init; } = true;
    public string? Results { get; init; }
    public string Command { get; init; } = "./gridgov bench live";
    /// <summary>The host's storage (the bench's Azurite): when given, single writes to it are timed during the load.</summary>
    public string? Storage { get; init; }
    public int? HostPid { get; init; }
    public int? AzuritePid { get; init; }

    public const string Usage = """
        usage: GridGov.Bench.Live --base-url URL [--district demo] [--clients 100] [--probes 5] [--rate 500]
                                  [--seconds 60] [--warmup 10] [--drain 30] [--concurrency 256] [--probe-share 0.04]
                                  [--act-after 1] [--load-clients raw|dotnet] [--results bench/RESULTS.md] [--command TEXT]
                                  [--host-pid PID] [--azurite-pid PID]
        The operator token comes from GRIDGOV_BENCH_TOKEN; the host's storage connection string (optional:
        storage writes are then timed too) from GRIDGOV_BENCH_STORAGE.
        """;

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) { error = $"unexpected argument '{a}'"; return null; }
            var eq = a.IndexOf('=');
            if (eq > 0) values[a[2..eq]] = a[(eq + 1)..];
            else if (i + 1 < args.Length) values[a[2..]] = args[++i];
            else { error = $"{a} needs a value"; return null; }
        }
        error = null;
        try
        {
            string? Text(string name) => values.Remove(name, out var v) ? v : null;
            int Int(string name, int fallback, int min) =>
                Text(name) is { } v ? Math.Max(min, int.Parse(v, CultureInfo.InvariantCulture)) : fallback;
            double Real(string name, double fallback) =>
                Text(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
            int? Pid(string name) => Text(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

            var baseUrl = Text("base-url");
            var token = Environment.GetEnvironmentVariable("GRIDGOV_BENCH_TOKEN");
            if (baseUrl is null) { error = "--base-url is required"; return null; }
            if (string.IsNullOrWhiteSpace(token)) { error = "GRIDGOV_BENCH_TOKEN (an operator token) is required"; return null; }
            var options = new BenchOptions
            {
                BaseUrl = new Uri(baseUrl.TrimEnd('/') + "/"),
                Token = token.Trim(),
                District = Text("district") ?? "demo",
                Clients = Int("clients", 100, 1),
                Probes = Int("probes", 5, 1),
                Rate = Real("rate", 500),
                Seconds = Int("seconds", 60, 1),
                Warmup = Int("warmup", 10, 0),
                Drain = Int("drain", 30, 1),
                Concurrency = Int("concurrency", 256, 1),
                ProbeShare = Real("probe-share", 0.04),
                ActAfterSeconds = Real("act-after", 1),
                RawLoadClients = (Text("load-clients") ?? "raw") switch
                {
                    "raw" => true,
                    "dotnet" => false,
                    var other => throw new FormatException($"--load-clients is raw or dotnet, not '{other}'"),
                },
                Results = Text("results"),
                Command = Text("command") ?? "./gridgov bench live",
                Storage = Environment.GetEnvironmentVariable("GRIDGOV_BENCH_STORAGE") is { Length: > 0 } storage ? storage : null,
                HostPid = Pid("host-pid"),
                AzuritePid = Pid("azurite-pid"),
            };
            if (values.Count > 0) { error = $"unknown option --{values.Keys.First()}"; return null; }
            if (options.Probes > options.Clients) { error = "--probes cannot exceed --clients"; return null; }
            if (options.Rate <= 0 || options.ProbeShare is < 0 or > 1) { error = "--rate must be positive, --probe-share within 0..1"; return null; }
            if (!options.BaseUrl.IsLoopback) { error = "the bench drives a host on loopback only"; return null; }
            return options;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }
}
