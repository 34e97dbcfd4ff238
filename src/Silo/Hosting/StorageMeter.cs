using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GridGov.Silo.Hosting;

/// <summary>
/// Counts the storage requests the host sends, by kind (method, table or container, grain type) with the bytes
/// of their bodies, and logs them every <see cref="Every"/>: where the storage load comes from under a bench.
/// Off unless Diagnostics:StorageMeter is true; then every storage client of the host gets it as a pipeline policy.
/// </summary>
public sealed class StorageMeter : HttpPipelineSynchronousPolicy
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Counter> _counts = new();

    private sealed class Counter
    {
        public long Requests;
        public long Bytes;
        public long MaxBytes;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var bytes = request.Content is { } c && c.TryComputeLength(out var n) ? n : 0;
        var counter = _counts.GetOrAdd(Kind(request.Method.ToString(), request.Uri.Path, request.Uri.Query), _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        Interlocked.Add(ref counter.Bytes, bytes);
        long max;
        while (bytes > (max = Interlocked.Read(ref counter.MaxBytes)) && Interlocked.CompareExchange(ref counter.MaxBytes, bytes, max) != max) { }
    }

    /// <summary>"PUT GridGovState grid": the method, the table or container, and for grain state the grain type.</summary>
    public static string Kind(string method, string path, string query)
    {
        var parts = Uri.UnescapeDataString(path).Trim('/').Split('/', 3);
        var target = parts.Length > 1 ? parts[1] : "(account)";
        var paren = target.IndexOf('(');
        var detail = "";
        if (paren > 0)
        {
            // Grain state entities: PartitionKey '{ServiceId}_{grainType}_{key}'; the grain type says which grain wrote.
            var pk = target[paren..];
            target = target[..paren];
            var start = pk.IndexOf('\'');
            if (target.EndsWith("State", StringComparison.Ordinal) && start >= 0 && pk[(start + 1)..].Split('_') is { Length: >= 3 } keyParts) detail = " " + keyParts[1];
        }
        else if (parts.Length > 2) detail = " (blob)";
        if (target == "$batch") target = "(batch)";
        var comp = query.Contains("comp=", StringComparison.Ordinal) ? " " + query.Split("comp=")[1].Split('&')[0] : "";
        return $"{method} {target}{detail}{comp}";
    }

    /// <summary>The counts since the last call, busiest first, and resets them.</summary>
    public string Drain(TimeSpan over)
    {
        var text = new StringBuilder();
        long total = 0;
        foreach (var (kind, c) in _counts.OrderByDescending(k => k.Value.Requests))
        {
            var requests = Interlocked.Exchange(ref c.Requests, 0);
            var bytes = Interlocked.Exchange(ref c.Bytes, 0);
            var max = Interlocked.Exchange(ref c.MaxBytes, 0);
            if (requests == 0) continue;
            total += requests;
            text.Append($"\n  {requests / over.TotalSeconds,8:F1}/s  avg {bytes / requests,7} B  max {max,7} B  {kind}");
        }
        return $"storage requests: {total / over.TotalSeconds:F1}/s{text}";
    }
}

/// <summary>Logs <see cref="StorageMeter"/>'s counts while the host runs.</summary>
public sealed class StorageMeterLog(StorageMeter meter, ILogger<StorageMeter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(StorageMeter.Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            logger.LogInformation("{Counts}", meter.Drain(StorageMeter.Every));
    }
}
