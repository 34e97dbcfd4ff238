using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GridGov.Bench.Live;

/// <summary>The numbers of one run, as text for the console and as the "Live push latency" section of RESULTS.md.</summary>
public sealed class Report
{
    public const string Begin = "<!-- bench live: begin (./gridgov bench live rewrites what is between these markers; notes after them stay) -->";
    public const string End = "<!-- bench live: end -->";
    public const double TargetP99Ms = 500;

    public required string Text { get; init; }
    public required string Markdown { get; init; }
    /// <summary>The run did what it should: load ran, samples were taken and each was seen at every level.</summary>
    public required bool Clean { get; init; }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Pct(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0", CultureInfo.InvariantCulture);

    public static Report Of(BenchOptions o, LoadGenerator load, IReadOnlyList<ProbeTrack> probes, IReadOnlyList<IWatcher> watchers,
        long windowStart, long windowEnd, (double? MachineBusy, Dictionary<string, double> Processes) cpu,
        double statsPerSecond, double eventsPerSecond, List<double>? storageWrites, string loadBefore)
    {
        var records = load.Records;
        var inWindow = records.Where(r => r.AckAt >= windowStart && r.AckAt < windowEnd).ToList();
        var ok = inWindow.Where(r => r.Ok).ToList();
        var failed = inWindow.Where(r => !r.Ok).GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}").ToList();
        var rate = ok.Count / (double)o.Seconds;
        var ack = ok.Select(r => Ms(r.AckAt - r.SentAt)).Order().ToList();
        var kinds = Enum.GetValues<CommandKind>().ToDictionary(k => k, k => ok.Count(r => r.Kind == k));

        var samples = ok.Where(r => r.Probe >= 0).ToList();
        var rows = new List<(Level Level, int Samples, double P50, double P99, double Max, int Missing, int Early)>();
        // Per sample and level, when the level first covered it: the step from one level to the next is the hop's cost.
        var seenAt = samples.Select(s => Enum.GetValues<Level>().Select(l => probes[s.Probe].FirstCovering(l, s.Commit)).ToArray()).ToList();
        foreach (var level in Enum.GetValues<Level>())
        {
            var latencies = new List<double>();
            int missing = 0, early = 0;
            for (var i = 0; i < samples.Count; i++)
            {
                var s = samples[i];
                if (seenAt[i][(int)level] is not { } at) { missing++; continue; }
                if (at < s.AckAt) early++;
                latencies.Add(Math.Max(0, Ms(at - s.AckAt)));
            }
            latencies.Sort();
            rows.Add((level, latencies.Count, Pct(latencies, 0.5), Pct(latencies, 0.99), latencies.Count == 0 ? double.NaN : latencies[^1], missing, early));
        }

        var hops = Enum.GetValues<Level>().Skip(1).Select(level =>
        {
            var steps = seenAt.Where(t => t[(int)level] is not null && t[(int)level - 1] is not null)
                .Select(t => Ms(t[(int)level]!.Value - t[(int)level - 1]!.Value)).Order().ToList();
            return $"{(level - 1).ToString().ToLowerInvariant()} -> {level.ToString().ToLowerInvariant()} p50 {F(Pct(steps, 0.5))} ms, p99 {F(Pct(steps, 0.99))} ms";
        }).ToList();
        var missed = rows.Where(r => !(r.P99 < TargetP99Ms)).Select(r => r.Level.ToString().ToLowerInvariant()).ToList();
        var worst = rows.MaxBy(r => double.IsNaN(r.P99) ? double.MaxValue : r.P99);
        var worstText = $"worst: {worst.Level.ToString().ToLowerInvariant()} at {F(worst.P99)} ms";
        var reading = (missed.Count == 0
            ? $"Target met: p99 under {TargetP99Ms:0} ms at every level ({worstText})"
            : $"Target missed: p99 at or over {TargetP99Ms:0} ms at {string.Join(", ", missed)} ({worstText})") +
            // Within 1% of the schedule: commands still in flight at the window's end are all that may be missing.
            (rate < o.Rate * 0.99
                ? $"; and the load fell short: {rate:0} of the {o.Rate:0} events/s asked, {load.Shed} commands shed over the whole run because all " +
                  $"{o.Concurrency} workers were waiting on the host{(cpu.MachineBusy is { } mb ? $" (machine {mb:0}% busy)" : "")}."
                : $", at {rate:0} events/s with {watchers.Count} clients.");
        var reconnects = watchers.Sum(w => w.Reconnects);
        var clean = ok.Count > 0 && samples.Count > 0 && rows.All(r => r.Missing == 0);

        var table = new StringBuilder();
        table.AppendLine("| Level | Samples | p50 (ms) | p99 (ms) | max (ms) |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
            table.AppendLine($"| {r.Level.ToString().ToLowerInvariant()} | {r.Samples} | {F(r.P50)} | {F(r.P99)} | {F(r.Max)} |");

        var cpuText = string.Join(", ", new[]
        {
            cpu.MachineBusy is { } m ? $"machine {m:0}% busy (of {Environment.ProcessorCount} cores)" : null,
            cpu.Processes.TryGetValue("host", out var h) ? $"host {h:0}%" : null,
            cpu.Processes.TryGetValue("azurite", out var a) ? $"Azurite {a:0}%" : null,
            cpu.Processes.TryGetValue("bench", out var b) ? $"bench {b:0}%" : null,
            cpu.MachineBusy is { } busy && cpu.Processes.Count == 3
                ? $"everything else on the machine {Math.Max(0, busy * Environment.ProcessorCount - cpu.Processes.Values.Sum()):0}%" : null,
        }.Where(x => x is not null));
        var probeText = string.Join(", ", probes.Select(p => p.Place.GridId));
        var notes = new List<string?>
        {
            $"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC",
            $"- Machine: {CpuMeter.Machine()}; host, Azurite (in memory) and the bench share it; load average before the run {loadBefore}",
            $"- Command: `{o.Command}`",
            $"- Load: {watchers.Count} SignalR clients on /hubs/live ({probes.Count} probes on grids {probeText}, each watching its grid, " +
            $"community, street and the district through the .NET SignalR client; {watchers.Count - probes.Count} watching the district, a street and two communities" +
            (o.RawLoadClients ? " through a plain WebSocket speaking the JSON hub protocol, which counts what it gets without deserialising it); " : " through the .NET SignalR client); ") +
            $"{o.Warmup} s warm-up, then {o.Seconds} s measured",
            $"- Achieved: {rate:0.0} events/s (target {o.Rate:0}; {kinds[CommandKind.Submit]} submit, {kinds[CommandKind.Respond]} respond, " +
            $"{kinds[CommandKind.Resolve]} resolve), HTTP ack p50 {F(Pct(ack, 0.5))} ms, p99 {F(Pct(ack, 0.99))} ms; " +
            $"{(failed.Count == 0 ? "no failed commands" : "failed: " + string.Join(", ", failed))}, " +
            $"{load.TransportFailures} transport errors, {load.Shed} permits shed (all workers busy)",
            $"- Pushed to clients: {statsPerSecond:0} StatsChanged/s and {eventsPerSecond:0} IssueEvent/Alert messages/s in total; {reconnects} reconnects",
            $"- CPU over the measured window (100% = one core): {cpuText}",
            storageWrites is null ? null : $"- One Azurite write (a 2 KB upsert, 4 a second, into a table of its own) during the window: " +
                $"p50 {F(Pct(storageWrites, 0.5))} ms, p99 {F(Pct(storageWrites, 0.99))} ms, max {F(storageWrites.Count == 0 ? double.NaN : storageWrites[^1])} ms ({storageWrites.Count} writes)",
            $"- Between levels, per sample (when the next level first covered the commit minus when the previous did): {string.Join("; ", hops)}",
            $"- Samples per level: commands on the probe grids acknowledged in the window; latency from the HTTP answer to the " +
            $"first StatsChanged of that level whose Commits[grid] covers the reported commit " +
            $"(missing: {string.Join(", ", rows.Select(r => $"{r.Level.ToString().ToLowerInvariant()} {r.Missing}"))}; " +
            $"push before the answer, counted as 0 ms: {string.Join(", ", rows.Select(r => $"{r.Level.ToString().ToLowerInvariant()} {r.Early}"))})",
        };
        var markdown = new StringBuilder();
        markdown.AppendLine(Begin);
        foreach (var n in notes.OfType<string>()) markdown.AppendLine(n);
        markdown.AppendLine();
        markdown.Append(table);
        markdown.AppendLine();
        markdown.AppendLine($"Reading: {reading}");
        markdown.AppendLine(End);

        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Live push latency");
        foreach (var n in notes.OfType<string>()) text.AppendLine(n);
        text.AppendLine();
        text.Append(table);
        text.AppendLine();
        text.AppendLine(reading);
        return new Report { Text = text.ToString(), Markdown = markdown.ToString(), Clean = clean };
    }

    /// <summary>Creates the file, or replaces the section between the markers; anything else in the file stays.</summary>
    public void WriteTo(string path)
    {
        var section = Markdown.TrimEnd('\n');
        string content;
        if (!File.Exists(path))
            content = $"# Benchmarks\n\n## Live push latency\n\n{section}\n";
        else
        {
            var old = File.ReadAllText(path);
            var b = old.IndexOf(Begin, StringComparison.Ordinal);
            var e = old.IndexOf(End, StringComparison.Ordinal);
            content = b >= 0 && e > b
                ? old[..b] + section + old[(e + End.Length)..]
                : old.TrimEnd('\n') + $"\n\n## Live push latency\n\n{section}\n";
        }
        File.WriteAllText(path, content);
    }
}
