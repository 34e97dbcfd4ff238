using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;

namespace GridGov.Bench.Live;

public enum CommandKind { Submit, Respond, Resolve }

/// <summary>One HTTP command: when it was sent and acknowledged (Stopwatch ticks), the grid commit it reported.</summary>
public readonly record struct CommandRecord(CommandKind Kind, int Probe, long SentAt, long AckAt, long Commit, bool Ok, int Status);

/// <summary>
/// Paces HTTP commands at a fixed rate over a bounded number of workers: submissions to grids of the whole
/// district (a share of them to the probe grids), and respond then resolve on earlier issues. A permit that
/// finds every worker busy is shed (counted), so the load stays steady instead of bursting to catch up.
/// </summary>
public sealed class LoadGenerator(HttpClient http, BenchOptions options, IReadOnlyList<GridPlace> grids, IReadOnlyList<ProbeTrack> probes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Categories =
        ["property", "elderly", "education", "water", "refuse", "transit", "roads", "hukou", "sewage", "environment", "security", "building", "other"];
    private static readonly string[] Channels = ["reception", "liaisonStation", "online", "hotline", "deputyVisit"];

    private readonly record struct Open(string IssueId, int Probe, long ReadyAt);

    private readonly ConcurrentQueue<Open> _toRespond = new();
    private readonly ConcurrentQueue<Open> _toResolve = new();
    private readonly ConcurrentBag<List<CommandRecord>> _records = [];
    private readonly Dictionary<string, int> _probeOf = probes.ToDictionary(p => p.Place.GridId, p => p.Index);
    private long _shed, _issued, _failedTransport;

    public long Shed => Interlocked.Read(ref _shed);
    public long Issued => Interlocked.Read(ref _issued);
    public long TransportFailures => Interlocked.Read(ref _failedTransport);
    public IReadOnlyList<CommandRecord> Records => _records.SelectMany(r => r).OrderBy(r => r.SentAt).ToList();

    /// <summary>Runs from now for <paramref name="duration"/>, then waits (bounded) for the commands in flight.</summary>
    public async Task Run(TimeSpan duration, CancellationToken ct)
    {
        var permits = Channel.CreateBounded<long>(new BoundedChannelOptions(options.Concurrency)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleWriter = true,
        });
        var workers = Enumerable.Range(0, options.Concurrency).Select(i => Task.Run(() => Work(permits.Reader, i, ct), ct)).ToList();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // Bounded: never more permits than the schedule allows, whatever the clock does.
        var maxPermits = (long)Math.Ceiling(duration.TotalSeconds * options.Rate) + 1;
        using (var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5)))
        {
            long next = 0;
            while (next < maxPermits && await tick.WaitForNextTickAsync(ct))
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end) break;
                var due = Math.Min(maxPermits, (long)((now - start) / (double)Stopwatch.Frequency * options.Rate));
                for (; next < due; next++)
                    if (permits.Writer.TryWrite(next)) Interlocked.Increment(ref _issued);
                    else Interlocked.Increment(ref _shed);
            }
        }
        permits.Writer.TryComplete();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(45), ct);
    }

    private async Task Work(ChannelReader<long> permits, int worker, CancellationToken ct)
    {
        var random = new Random(worker * 7919 + 17);
        var records = new List<CommandRecord>(capacity: 4096);
        _records.Add(records);
        await foreach (var _ in permits.ReadAllAsync(ct))
        {
            var now = Stopwatch.GetTimestamp();
            try
            {
                if (Ready(_toResolve, now, out var resolve)) records.Add(await Act(resolve, "resolve", CommandKind.Resolve, ct));
                else if (Ready(_toRespond, now, out var respond)) records.Add(await Act(respond, "respond", CommandKind.Respond, ct));
                else records.Add(await Submit(random, ct));
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedTransport);
            }
        }
    }

    private static bool Ready(ConcurrentQueue<Open> queue, long now, out Open open)
    {
        // Issues enter each queue in time order: the head is the first to become ready.
        if (queue.TryPeek(out open) && open.ReadyAt <= now && queue.TryDequeue(out open)) return true;
        open = default;
        return false;
    }

    private long ReadyAfter(long now) => now + (long)(options.ActAfterSeconds * Stopwatch.Frequency);

    private async Task<CommandRecord> Submit(Random random, CancellationToken ct)
    {
        var grid = probes.Count > 0 && random.NextDouble() < options.ProbeShare
            ? probes[random.Next(probes.Count)].Place
            : grids[random.Next(grids.Count)];
        var probe = _probeOf.GetValueOrDefault(grid.GridId, -1);
        var body = new
        {
            gridId = grid.GridId,
            category = Categories[random.Next(Categories.Length)],
            channel = Channels[random.Next(Channels.Length)],
            sla = "general",
            title = "bench: 路灯不亮",
        };
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("api/issues", body, Json, ct);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            return new CommandRecord(CommandKind.Submit, probe, sent, Stopwatch.GetTimestamp(), 0, false, (int)response.StatusCode);
        var issue = (await response.Content.ReadFromJsonAsync<SubmittedIssue>(Json, ct))!;
        var acked = Stopwatch.GetTimestamp();
        if (issue.Status == "assigned") _toRespond.Enqueue(new Open(issue.Id, probe, ReadyAfter(acked)));
        return new CommandRecord(CommandKind.Submit, probe, sent, acked, issue.Commit, true, (int)response.StatusCode);
    }

    private async Task<CommandRecord> Act(Open open, string action, CommandKind kind, CancellationToken ct)
    {
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync($"api/issues/{Uri.EscapeDataString(open.IssueId)}/{action}",
            new { note = $"bench: {action}" }, Json, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            return new CommandRecord(kind, open.Probe, sent, Stopwatch.GetTimestamp(), 0, false, (int)response.StatusCode);
        var acted = (await response.Content.ReadFromJsonAsync<ActedIssue>(Json, ct))!;
        var acked = Stopwatch.GetTimestamp();
        if (kind == CommandKind.Respond) _toResolve.Enqueue(open with { ReadyAt = ReadyAfter(acked) });
        return new CommandRecord(kind, open.Probe, sent, acked, acted.Commit, true, (int)response.StatusCode);
    }
}
