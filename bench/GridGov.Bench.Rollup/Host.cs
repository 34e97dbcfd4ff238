using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace GridGov.Bench.Rollup;

/// <summary>A host process of its own on free ports over the bench's Azurite, without the demo import or traffic:
/// it reads the district the first host imported, so nothing is activated before the first request.</summary>
public sealed class Host(Process process, HttpClient http)
{
    public static async Task<Host> Start(string siloDll, string storage, string token)
    {
        var (port, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(siloDll)!, "../../../")))!,
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[] { siloDll, "--urls", $"http://127.0.0.1:{port}", "--Demo:Enabled=false", "--Demo:Traffic:Enabled=false",
                     $"--Cluster:StorageConnectionString={storage}", $"--Cluster:SiloPort={silo}", $"--Cluster:GatewayPort={gateway}",
                     "--Logging:LogLevel:Default=Warning" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited ({process.ExitCode})");
            try
            {
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException("the host was not ready in 120 s");
            await Task.Delay(200);
        }
        return new Host(process, http);
    }

    public async Task<(double Ms, string Body)> Get(string path)
    {
        var sw = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        var ms = sw.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        return (ms, body);
    }

    /// <summary>SIGTERM (a graceful stop); SIGKILL only if it has not gone after 30 s.</summary>
    public async Task Stop()
    {
        http.Dispose();
        if (process.HasExited) return;
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { process.Kill(); }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
