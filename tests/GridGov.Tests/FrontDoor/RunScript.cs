using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.FrontDoor;

/// <summary>
/// <c>./gridgov run --no-build</c> as a person starts it: in a process group and session of its own (setsid), on a
/// data folder and free ports of its own, its output read line by line as it comes.
/// </summary>
public sealed class RunScript : IAsyncDisposable
{
    public const int SigHup = 1, SigInt = 2, SigKill = 9, SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunScript(string data, RunPorts ports, IEnumerable<string> hostOptions)
    {
        Data = data;
        Ports = ports;
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["./gridgov", "run", "--no-build", "--data", data, "--urls", ports.Url, "--azurite-port", ports.Azurite.ToString(),
                     $"--Cluster:SiloPort={ports.Silo}", $"--Cluster:GatewayPort={ports.Gateway}", .. hostOptions])
            start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.Exited += (_, _) => _exited.TrySetResult();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Data { get; }
    public RunPorts Ports { get; }
    public Uri Url => new(Ports.Url);

    /// <summary>The script's pid: also its process group and session (setsid makes it the leader).</summary>
    public int Pid => _process.Id;

    public int LineCount => _lines.Count;
    public IReadOnlyList<string> Lines => _lines.ToArray();

    public static RunScript Start(string data, RunPorts ports, params string[] hostOptions) => new(data, ports, hostOptions);

    /// <summary>The first line (from now on, or already seen) that matches.</summary>
    public Task<string> Line(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_lines.FirstOrDefault(match) is { } line) return Task.FromResult(line);
            _waiters.Add((match, seen));
        }
        return seen.Task.WaitAsync(timeout).ContinueWith(t => t.IsFaulted && t.Exception!.InnerException is TimeoutException
            ? throw new TimeoutException($"No line {what} within {timeout}; the last lines:\n{string.Join('\n', _lines.TakeLast(20))}")
            : t.Result);
    }

    /// <summary>The banner <c>./gridgov run</c> prints once the host is ready.</summary>
    public Task Running() => Line(l => l.Contains("GridGov is running"), TimeSpan.FromMinutes(4), "saying GridGov is running");

    /// <summary>The pids of <c>DIR/run.pids</c> by name (host, azurite).</summary>
    public IReadOnlyDictionary<string, int> RecordedPids() => File.ReadAllLines(Path.Combine(Data, "run.pids"))
        .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => int.Parse(p[1]));

    public void SignalGroup(int signal) => Check(Kill(-Pid, signal));

    public void SignalScript(int signal) => Check(Kill(Pid, signal));

    public Task Exited(TimeSpan timeout) => _exited.Task.WaitAsync(timeout);

    public static bool Alive(int pid) => Kill(pid, 0) == 0;

    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            Kill(Pid, SigTerm);
            try { await Exited(TimeSpan.FromSeconds(20)); }
            catch (TimeoutException) { Kill(-Pid, SigKill); }
        }
        foreach (var pid in File.Exists(Path.Combine(Data, "run.pids")) ? RecordedPids().Values : []) Kill(pid, SigKill);
        _process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null) return;
        lock (_waiters)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    private static void Check(int result)
    {
        if (result != 0) throw new InvalidOperationException($"kill failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "gridgov")) && File.Exists(Path.Combine(dir.FullName, "GridGov.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (with ./gridgov) was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Free ports for one run: HTTP, silo, gateway, and three in a row for Azurite (blob, queue, table).</summary>
public sealed record RunPorts(int Http, int Silo, int Gateway, int Azurite)
{
    public string Url => $"http://127.0.0.1:{Http}";

    public IEnumerable<int> All => [Http, Silo, Gateway, Azurite, Azurite + 1, Azurite + 2];

    public static RunPorts Free()
    {
        int azurite;
        do azurite = FreePorts.Next();
        while (azurite > 65000 || !IsFree(azurite + 1) || !IsFree(azurite + 2));
        return new RunPorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), azurite);
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
