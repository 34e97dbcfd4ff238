using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using GridGov.Bench.Rollup;

// ./gridgov bench rollup: seeds a district year of grid-month counters on Azurite, then times the rollup over HTTP
// on fresh host processes (cold) and on one host again and again (warm). See bench/RESULTS.md.
var o = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--issues"] = "1000000", ["--year"] = (DateTime.UtcNow.Year - 1).ToString(CultureInfo.InvariantCulture), ["--cold"] = "3",
    ["--warm"] = "10", ["--seed"] = "20251", ["--district"] = "demo", ["--command"] = "./gridgov bench rollup",
};
for (var i = 0; i + 1 < args.Length; i += 2) o[args[i]] = args[i + 1];
string Need(string key) => o.TryGetValue(key, out var v) ? v : throw new ArgumentException($"missing {key}");
int Int(string key) => int.Parse(Need(key), CultureInfo.InvariantCulture);
void Say(string text) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {text}");

var storage = Environment.GetEnvironmentVariable("GRIDGOV_BENCH_STORAGE") ?? throw new ArgumentException("GRIDGOV_BENCH_STORAGE");
var token = Environment.GetEnvironmentVariable("GRIDGOV_BENCH_TOKEN") ?? throw new ArgumentException("GRIDGOV_BENCH_TOKEN");
var (year, issues, district) = (Int("--year"), Int("--issues"), Need("--district"));
var loadBefore = File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

var sw = Stopwatch.StartNew();
var grids = Seeder.DemoGrids();
var data = new Seeder(year, issues, Int("--seed")).Generate(grids);
var generateSeconds = sw.Elapsed.TotalSeconds;
var entities = data.Values.Sum(g => g.Counters.Months.Keys.Union(g.MonthEnds.Keys).Count());
var cells = data.Values.Sum(g => g.Counters.Months.Values.Sum(m => m.Count));
Say($"generated {issues:N0} issues over {grids.Count} grids in {generateSeconds:F1} s: {entities:N0} grid-months, {cells:N0} cells");
sw.Restart();
var store = new GridGov.Grains.Archive.BlobGridMonthStore(new Azure.Storage.Blobs.BlobServiceClient(storage),
    GridGov.Grains.Archive.BlobGridMonthStore.ContainerNameFor(Need("--table-prefix")));
await Seeder.Write(store, year, data, 8, CancellationToken.None);
var writeSeconds = sw.Elapsed.TotalSeconds;
Say($"wrote them to container {store.ContainerName} in {writeSeconds:F1} s");
long blobBytes = 0;
await foreach (var blob in new Azure.Storage.Blobs.BlobServiceClient(storage).GetBlobContainerClient(store.ContainerName).GetBlobsAsync())
    blobBytes += blob.Properties.ContentLength ?? 0;
var expected = data.Values.Select(g => g.Counters.Total()).Aggregate(new GridGov.Grains.Domain.Tally(), (a, t) => { a.Add(t); return a; });
var expectedAtEnd = data.Values.Sum(g => g.MonthEnds.GetValueOrDefault(year * 100 + 12)?.Values.Sum(c => c.Open) ?? 0);

// Where cold time goes: the same store read the host makes (a GET per grid-year, one pass over the cells), from this process alone.
var storeReads = new List<double>();
for (var run = 0; run < 3; run++)
{
    sw.Restart();
    var read = await store.ReadMany(grids, year * 100 + 1, year * 100 + 12);
    storeReads.Add(sw.Elapsed.TotalMilliseconds);
    // One pass over every cell, as a rollup's totals make.
    var received = read.Values.Sum(r => new GridGov.Grains.Rollups.GridCounters(GridGov.Grains.Rollups.RollupPeriod.Of(year), r.Years).Total.Received);
    if (received != expected.Received) throw new InvalidOperationException($"store read: {received} received, seeded {expected.Received}");
}
Say($"store read alone: {string.Join(", ", storeReads.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))} ms");
// The same GETs without decoding: what Azurite's serving costs, apart from building counters.
var container = new Azure.Storage.Blobs.BlobServiceClient(storage).GetBlobContainerClient(store.ContainerName);
var downloads = new List<double>();
for (var run = 0; run < 3; run++)
{
    sw.Restart();
    await Parallel.ForEachAsync(grids, new ParallelOptions { MaxDegreeOfParallelism = GridGov.Grains.Archive.BlobGridMonthStore.ReadParallelism },
        async (g, token) => await container.GetBlobClient(GridGov.Grains.Archive.BlobGridMonthStore.BlobName(g, year)).DownloadContentAsync(token));
    downloads.Add(sw.Elapsed.TotalMilliseconds);
}
Say($"GETs alone: {string.Join(", ", downloads.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))} ms");

var paths = new[] { ("grid list", $"api/rollups/{year}?level=grid&district={district}"), ("district detail", $"api/rollups/{year}/districts/{district}") };
var cold = paths.ToDictionary(p => p.Item1, _ => new List<double>());
var warm = paths.ToDictionary(p => p.Item1, _ => new List<double>());
long bytes = 0;
Host? last = null;
// Cold: each run a fresh host (nothing activated, no cache) answers one of the two requests first.
for (var run = 0; run < Int("--cold"); run++)
    foreach (var (name, path) in paths)
    {
        if (last is not null) await last.Stop();
        last = await Host.Start(Need("--silo-dll"), storage, token);
        var (ms, body) = await last.Get(path);
        cold[name].Add(ms);
        Check(name, body);
        Say($"cold {name}: {ms:F0} ms");
    }
for (var run = 0; run < Int("--warm"); run++)
    foreach (var (name, path) in paths)
    {
        var (ms, body) = await last!.Get(path);
        warm[name].Add(ms);
        bytes = Math.Max(bytes, body.Length);
        Say($"warm {name}: {ms:F0} ms");
    }
await last!.Stop();

void Check(string name, string body)
{
    using var doc = JsonDocument.Parse(body);
    var units = name == "grid list" ? doc.RootElement.GetProperty("units").EnumerateArray().ToList() : [doc.RootElement.GetProperty("unit")];
    long Sum(string field) => units.Sum(u => u.GetProperty("figures").GetProperty(field).GetInt64());
    var (received, resolved, atEnd) = (Sum("received"), Sum("resolved"), Sum("openAtPeriodEnd"));
    if (received != expected.Received || resolved != expected.Resolved || atEnd != expectedAtEnd || (name == "grid list" && units.Count != grids.Count))
        throw new InvalidOperationException($"{name}: received {received}, resolved {resolved}, open at period end {atEnd}, units {units.Count}; "
            + $"seeded {expected.Received}, {expected.Resolved}, {expectedAtEnd}, {grids.Count} grids");
}

static string P50(List<double> xs) { var s = xs.Order().ToList(); return s[(s.Count - 1) / 2].ToString("F0", CultureInfo.InvariantCulture); }
static string Max(List<double> xs) => xs.Max().ToString("F0", CultureInfo.InvariantCulture);
static string All(List<double> xs) => string.Join(", ", xs.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)));
var coldMax = cold.Values.SelectMany(x => x).Max();
var warmMax = warm.Values.SelectMany(x => x).Max();
var verdict = coldMax < 2000 && warmMax < 1000
    ? $"Target met: every cold run under 2 s (worst {coldMax:F0} ms), every warm run under 1 s (worst {warmMax:F0} ms)."
    : $"Target missed: worst cold {coldMax:F0} ms (target < 2000), worst warm {warmMax:F0} ms (target well under 1000).";
var section = $"""
- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
- Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; host, Azurite (in memory) and the bench share it; load average before the run {loadBefore}
- Command: `{Need("--command")}`
- Data: {issues:N0} issues of {year} over the {grids.Count} demo grids (seed {Need("--seed")}), made with the domain's lifecycle and counters in {generateSeconds:F0} s; {entities:N0} grid-months ({cells:N0} cells) written to Azurite as {grids.Count} grid-year blobs ({blobBytes / 1024.0 / 1024.0:F1} MB) in {writeSeconds:F1} s; district totals: {expected.Received:N0} received, {expected.Resolved:N0} resolved, {expected.ClosedUnresolved:N0} closed unresolved, {expectedAtEnd:N0} open at the end of December (checked against every answer)
- Cold: a fresh host process (nothing activated, empty cache) per request, time of its first request; warm: the same request again on the last host. Times are the whole HTTP exchange as the client sees it (largest JSON answer {bytes / 1024:N0} KB).

| Request | Cold runs | Cold p50 (ms) | Cold max (ms) | Warm runs | Warm p50 (ms) | Warm max (ms) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
{string.Join("\n", paths.Select(p => $"| `GET /{p.Item2}` | {cold[p.Item1].Count} | {P50(cold[p.Item1])} | {Max(cold[p.Item1])} | {warm[p.Item1].Count} | {P50(warm[p.Item1])} | {Max(warm[p.Item1])} |"))}

The store read alone (the host's GETs and one pass over every cell, run from the bench process against the same Azurite, 3 times): {All(storeReads)} ms; the same GETs without decoding: {All(downloads)} ms.

Cold runs, in order: {string.Join("; ", paths.Select(p => $"{p.Item1} {All(cold[p.Item1])} ms"))}.

{verdict}
""";
Results.Write(Need("--results"), section);
Say(verdict);
return coldMax < 2000 && warmMax < 1000 ? 0 : 1;
