using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GridGov.Bench.Live;

/// <summary>What the report reads from every client.</summary>
public interface IWatcher : IAsyncDisposable
{
    Task Start(CancellationToken ct);
    long StatsReceived { get; }
    long EventsReceived { get; }
    /// <summary>Reconnects (a .NET client) or dropped connections (a raw client).</summary>
    long Reconnects { get; }
}

/// <summary>
/// A load client: a SignalR client that speaks the JSON hub protocol over a plain WebSocket (handshake,
/// Subscribe invocations, pings) and then only drains and counts what the host pushes, without deserialising
/// it. The host does all its usual work for it (groups, serialisation, one write per message), while the
/// bench, which shares the machine, spends little CPU on the 95 clients that measure nothing.
/// </summary>
public sealed class RawWatcher(Uri baseUrl, string token, IEnumerable<(string Scope, string Id)> subscriptions) : IWatcher
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly byte[] StatsTarget = Encoding.UTF8.GetBytes("\"StatsChanged\"");
    private static readonly byte[] IssueEventTarget = Encoding.UTF8.GetBytes("\"IssueEvent\"");
    private static readonly byte[] AlertTarget = Encoding.UTF8.GetBytes("\"Alert\"");
    private readonly List<(string Scope, string Id)> _subscriptions = subscriptions.Distinct().ToList();
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask, _pinger = Task.CompletedTask;
    private long _stats, _events, _dropped;

    public long StatsReceived => Interlocked.Read(ref _stats);
    public long EventsReceived => Interlocked.Read(ref _events);
    public long Reconnects => Interlocked.Read(ref _dropped);

    public async Task Start(CancellationToken ct)
    {
        var uri = new UriBuilder(new Uri(baseUrl, "hubs/live")) { Scheme = baseUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        _socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await _socket.ConnectAsync(uri, ct);
        await Send("{\"protocol\":\"json\",\"version\":1}\u001e", ct);
        var reader = new MessageReader(_socket);
        var handshake = await reader.Next(ct) ?? throw new InvalidOperationException("the hub closed during the handshake");
        if (handshake.Contains("\"error\"", StringComparison.Ordinal)) throw new InvalidOperationException($"handshake refused: {handshake}");
        for (var i = 0; i < _subscriptions.Count; i++)
        {
            var (scope, id) = _subscriptions[i];
            await Send(JsonSerializer.Serialize(new { type = 1, invocationId = i.ToString(), target = "Subscribe", arguments = new[] { scope, id } }) + "\u001e", ct);
        }
        // Wait for every Subscribe's completion (type 3), counting the snapshots that come with them.
        var pending = _subscriptions.Count;
        while (pending > 0)
        {
            var message = await reader.Next(ct) ?? throw new InvalidOperationException("the hub closed during Subscribe");
            using var json = JsonDocument.Parse(message);
            var root = json.RootElement;
            if (root.GetProperty("type").GetInt32() != 3) continue;
            if (root.TryGetProperty("error", out var error)) throw new InvalidOperationException($"Subscribe failed: {error}");
            pending--;
        }
        _pump = Task.Run(() => Pump(reader.Leftover), CancellationToken.None);
        _pinger = Task.Run(Pinger, CancellationToken.None);
    }

    private Task Send(string text, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>Counts messages by their target, reading only the first bytes of each.</summary>
    private async Task Pump(byte[] leftover)
    {
        var buffer = new byte[64 * 1024];
        var head = new byte[64];
        var headLength = 0;
        void Consume(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                var end = data.IndexOf(RecordSeparator);
                var part = end < 0 ? data : data[..end];
                var take = Math.Min(part.Length, head.Length - headLength);
                part[..take].CopyTo(head.AsSpan(headLength));
                headLength += take;
                if (end < 0) return;
                var h = head.AsSpan(0, headLength);
                if (h.IndexOf(StatsTarget) >= 0) Interlocked.Increment(ref _stats);
                else if (h.IndexOf(IssueEventTarget) >= 0 || h.IndexOf(AlertTarget) >= 0) Interlocked.Increment(ref _events);
                headLength = 0;
                data = data[(end + 1)..];
            }
        }
        try
        {
            Consume(leftover);
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                Consume(buffer.AsSpan(0, result.Count));
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { return; }
        catch (WebSocketException) { }
        if (!_stop.IsCancellationRequested) Interlocked.Increment(ref _dropped);
    }

    /// <summary>The hub drops a client it has not heard from in 30 s: ping every 15 s, as the .NET client does.</summary>
    private async Task Pinger()
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await tick.WaitForNextTickAsync(_stop.Token))
                await _socket.SendAsync(Ping, WebSocketMessageType.Text, true, _stop.Token);
        }
        catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception) { }
        try { await Task.WhenAll(_pump, _pinger).WaitAsync(TimeSpan.FromSeconds(2)); }
        catch (Exception) { }
        _socket.Dispose();
        _stop.Dispose();
    }

    /// <summary>Whole hub messages (record-separated) during set-up; what follows the last one is left over for the pump.</summary>
    private sealed class MessageReader(ClientWebSocket socket)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private readonly MemoryStream _pending = new();

        public byte[] Leftover => _pending.ToArray();

        public async Task<string?> Next(CancellationToken ct)
        {
            while (true)
            {
                var data = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
                var end = data.IndexOf(RecordSeparator);
                if (end >= 0)
                {
                    var message = Encoding.UTF8.GetString(data[..end]);
                    var rest = data[(end + 1)..].ToArray();
                    _pending.SetLength(0);
                    _pending.Write(rest);
                    return message;
                }
                var result = await socket.ReceiveAsync(_buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                _pending.Write(_buffer, 0, result.Count);
            }
        }
    }
}
