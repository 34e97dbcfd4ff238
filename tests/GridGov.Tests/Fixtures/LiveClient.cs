using System.Threading.Channels;
using GridGov.Dashboard.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace GridGov.Tests.Fixtures;

/// <summary>A real SignalR client on /hubs/live through the test server; every message it gets is queued for the test.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly Channel<StatsChanged> _stats = Channel.CreateUnbounded<StatsChanged>();
    private readonly Channel<HeatChanged> _heat = Channel.CreateUnbounded<HeatChanged>();
    private readonly Channel<IssueEventMessage> _events = Channel.CreateUnbounded<IssueEventMessage>();
    private readonly Channel<AlertMessage> _alerts = Channel.CreateUnbounded<AlertMessage>();
    /// <summary>Deputy messages and test markers, in the order they arrived.</summary>
    private readonly Channel<object> _mine = Channel.CreateUnbounded<object>();

    public HubConnection Connection { get; }

    /// <summary>The WebSocket under the connection: aborting it is a network drop.</summary>
    public System.Net.WebSockets.WebSocket? Socket { get; private set; }

    public LiveClient(TestServer server, string token, IRetryPolicy? retry = null, Func<Uri, CancellationToken, Task>? beforeConnect = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "/hubs/live"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.WebSocketFactory = async (context, ct) =>
            {
                if (beforeConnect is not null) await beforeConnect(context.Uri, ct);
                var ws = server.CreateWebSocketClient();
                ws.ConfigureRequest = r => r.Headers.Authorization = "Bearer " + token;
                return Socket = await ws.ConnectAsync(context.Uri, ct);
            };
        });
        if (retry is not null) builder.WithAutomaticReconnect(retry);
        Connection = builder.Build();
        Connection.On<StatsChanged>("StatsChanged", s => _stats.Writer.TryWrite(s));
        Connection.On<HeatChanged>("HeatChanged", h => _heat.Writer.TryWrite(h));
        Connection.On<IssueEventMessage>("IssueEvent", e => _events.Writer.TryWrite(e));
        Connection.On<AlertMessage>("Alert", a => _alerts.Writer.TryWrite(a));
        Connection.On<DeputyIssuesChanged>("DeputyIssues", d => _mine.Writer.TryWrite(d));
        Connection.On<string>("Marker", m => _mine.Writer.TryWrite(m));
    }

    public static async Task<LiveClient> Connect(TestServer server, string token)
    {
        var client = new LiveClient(server, token);
        await client.Connection.StartAsync();
        return client;
    }

    public Task<StatsChanged> Subscribe(string scope, string id) => Connection.InvokeAsync<StatsChanged>("Subscribe", scope, id);

    /// <summary>The first StatsChanged (in arrival order) that satisfies <paramref name="wanted"/>.</summary>
    public Task<StatsChanged> NextStats(Func<StatsChanged, bool> wanted, int seconds = 30) => Next(_stats, wanted, seconds);

    public Task<HeatChanged> NextHeat(Func<HeatChanged, bool> wanted, int seconds = 30) => Next(_heat, wanted, seconds);

    /// <summary>The next deputy message or marker, in arrival order: nothing is skipped.</summary>
    public async Task<object> NextOwn(int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await _mine.Reader.ReadAsync(timeout.Token);
    }

    public Task<AlertMessage> NextAlert(Func<AlertMessage, bool> wanted, int seconds = 30) => Next(_alerts, wanted, seconds);

    public Task<IssueEventMessage> NextEvent(Func<IssueEventMessage, bool> wanted, int seconds = 30) => Next(_events, wanted, seconds);

    /// <summary>Messages of different scopes arrive in any order: those a wait passes over stay for later waits.</summary>
    private readonly Dictionary<object, List<object>> _passed = [];

    private async Task<T> Next<T>(Channel<T> channel, Func<T, bool> wanted, int seconds)
    {
        var passed = _passed.TryGetValue(channel, out var p) ? p : _passed[channel] = [];
        var earlier = passed.Cast<T>().FirstOrDefault(wanted);
        if (earlier is not null) return earlier;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var item = await channel.Reader.ReadAsync(timeout.Token);
            if (wanted(item)) return item;
            passed.Add(item!);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
