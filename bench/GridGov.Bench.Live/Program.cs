using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridGov.Bench.Live;

var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
try
{
    return await Bench.Run(options, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: cancelled");
    return 130;
}

namespace GridGov.Bench.Live
{
    public static class Bench
    {
        private static void Say(string text) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {text}");

        public static async Task<int> Run(BenchOptions o, CancellationToken ct)
        {
            var loadBefore = CpuMeter.LoadAverage();
            using var http = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = o.Concurrency,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseProxy = false,
            })
            {
                BaseAddress = o.BaseUrl,
                Timeout = TimeSpan.FromSeconds(30),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.Token);

            var district = await http.GetFromJsonAsync<DistrictTree>($"api/structure/{Uri.EscapeDataString(o.District)}",
                new JsonSerializerOptions(JsonSerializerDefaults.Web), ct) ?? throw new InvalidOperationException("no structure");
            var grids = (from s in district.Streets from c in s.Communities from g in c.Grids
                         select new GridPlace(g.Id, c.Id, s.Id, district.Id)).ToList();
            var communities = district.Streets.SelectMany(s => s.Communities).Select(c => c.Id).ToList();
            var streets = district.Streets.Select(s => s.Id).ToList();
            Say($"district {district.Id}: {streets.Count} streets, {communities.Count} communities, {grids.Count} grids");

            // Probe grids: one per street, spread over the district, each with a deputy (submissions are then assigned).
            var probes = district.Streets
                .Select((s, i) => (s, i))
                .Where(x => x.i % Math.Max(1, streets.Count / o.Probes) == 0)
                .Select(x => (x.s, c: x.s.Communities[x.i % x.s.Communities.Count]))
                .Select(x => new GridPlace((x.c.Grids.FirstOrDefault(g => g.Deputies.Count > 0) ?? x.c.Grids[0]).Id, x.c.Id, x.s.Id, district.Id))
                .Take(o.Probes)
                .Select((p, i) => new ProbeTrack(i, p))
                .ToList();
            Say($"probe grids: {string.Join(", ", probes.Select(p => $"{p.Place.GridId} ({p.Place.CommunityId}, {p.Place.StreetId})"))}");

            var watchers = new List<IWatcher>();
            foreach (var p in probes) watchers.Add(new LiveWatcher(o.BaseUrl, o.Token, p.Subscriptions, p));
            for (var k = 0; watchers.Count < o.Clients; k++)
            {
                (string, string)[] watched =
                [
                    ("district", district.Id),
                    ("street", streets[k % streets.Count]),
                    ("community", communities[(2 * k) % communities.Count]),
                    ("community", communities[(2 * k + 1) % communities.Count]),
                ];
                watchers.Add(o.RawLoadClients ? new RawWatcher(o.BaseUrl, o.Token, watched) : new LiveWatcher(o.BaseUrl, o.Token, watched, null));
            }
            try
            {
                var connecting = Stopwatch.StartNew();
                await Parallel.ForEachAsync(watchers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                    async (w, token) => await w.Start(token));
                Say($"{watchers.Count} clients connected and subscribed in {connecting.Elapsed.TotalSeconds:0.0} s");

                var load = new LoadGenerator(http, o, grids, probes);
                var cpu = new CpuMeter(new Dictionary<string, int>
                {
                    ["bench"] = Environment.ProcessId,
                    ["host"] = o.HostPid ?? -1,
                    ["azurite"] = o.AzuritePid ?? -1,
                });
                var start = Stopwatch.GetTimestamp();
                var windowStart = start + o.Warmup * Stopwatch.Frequency;
                var windowEnd = windowStart + o.Seconds * Stopwatch.Frequency;
                Say($"load: {o.Rate:0} commands/s over {o.Concurrency} workers; warm-up {o.Warmup} s, then measuring {o.Seconds} s");
                long statsAtStart = 0, eventsAtStart = 0;
                var meter = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(o.Warmup), ct);
                    statsAtStart = watchers.Sum(w => w.StatsReceived);
                    eventsAtStart = watchers.Sum(w => w.EventsReceived);
                    var a = cpu.Read();
                    Say("warm-up done; measuring");
                    await Task.Delay(TimeSpan.FromSeconds(o.Seconds), ct);
                    var b = cpu.Read();
                    return (a, b, stats: watchers.Sum(w => w.StatsReceived) - statsAtStart, events: watchers.Sum(w => w.EventsReceived) - eventsAtStart);
                }, ct);
                _ = Task.Run(async () =>
                {
                    using var tick = new PeriodicTimer(TimeSpan.FromSeconds(10));
                    while (await tick.WaitForNextTickAsync(ct) && !meter.IsCompleted)
                        Say($"  {load.Issued} commands issued, {load.Shed} shed, {watchers.Sum(w => w.StatsReceived)} StatsChanged received");
                }, ct);
                var storage = o.Storage is { } cs ? new StorageProbe(cs) : null;
                using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var probing = storage?.Run(TimeSpan.FromMilliseconds(250), stopProbe.Token) ?? Task.CompletedTask;
                await load.Run(TimeSpan.FromSeconds(o.Warmup + o.Seconds), ct);
                stopProbe.Cancel();
                try { await probing; }
                catch (OperationCanceledException) { }
                catch (Exception e) { Say($"storage probe failed: {e.Message}"); }
                var (cpuA, cpuB, statsInWindow, eventsInWindow) = await meter;
                // Drain: until every sample has been seen at every level, or --drain seconds at most.
                var samples = load.Records.Where(r => r.Ok && r.Probe >= 0 && r.AckAt >= windowStart && r.AckAt < windowEnd).ToList();
                int Uncovered() => samples.Count(r => Enum.GetValues<Level>().Any(l => probes[r.Probe].FirstCovering(l, r.Commit) is null));
                var draining = Stopwatch.StartNew();
                Say($"load stopped; waiting (at most {o.Drain} s) for the pushes that cover the last samples");
                while (Uncovered() > 0 && draining.Elapsed < TimeSpan.FromSeconds(o.Drain))
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                Say($"drained in {draining.Elapsed.TotalSeconds:0.0} s; {Uncovered()} samples not covered at every level");

                var report = Report.Of(o, load, probes, watchers, windowStart, windowEnd, CpuMeter.Between(cpuA, cpuB),
                    statsInWindow / (double)o.Seconds, eventsInWindow / (double)o.Seconds, storage?.Between(windowStart, windowEnd), loadBefore);
                Console.WriteLine(report.Text);
                if (o.Results is { } path)
                {
                    report.WriteTo(path);
                    Say($"wrote {path}");
                }
                return report.Clean ? 0 : 1;
            }
            finally
            {
                await Task.WhenAll(watchers.Select(w => w.DisposeAsync().AsTask()));
            }
        }
    }
}
