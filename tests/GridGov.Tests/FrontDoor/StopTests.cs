using System.Text.RegularExpressions;

namespace GridGov.Tests.FrontDoor;

/// <summary>
/// <c>./gridgov run</c> with the demo district and its traffic, stopped the three ways a person stops it: Ctrl-C in the
/// terminal (SIGINT to the whole process group), SIGTERM to the script, and a closed terminal (SIGHUP). Each time
/// every process it recorded is gone within 15 s, every port it held is free, and the log says little and nothing alarming.
/// </summary>
[Trait("Stage", "process")]
public sealed partial class StopTests
{
    public static TheoryData<string> Ways => ["Ctrl-C", "SIGTERM to the script", "SIGHUP"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task A_stop_leaves_no_process_and_no_port_behind(string way)
    {
        var data = Directory.CreateTempSubdirectory("gridgov-run-").FullName;
        var ports = RunPorts.Free();
        await using var run = RunScript.Start(data, ports);
        await run.Running();
        var pids = run.RecordedPids();
        Assert.Equal(["azurite", "host"], pids.Keys.Order());
        Assert.All(pids.Values, pid => Assert.True(RunScript.Alive(pid)));

        var before = run.LineCount;
        switch (way)
        {
            case "Ctrl-C": run.SignalGroup(RunScript.SigInt); break;
            case "SIGTERM to the script": run.SignalScript(RunScript.SigTerm); break;
            default: run.SignalGroup(RunScript.SigHup); break;
        }
        await run.Exited(TimeSpan.FromSeconds(15));

        Assert.All(pids, p => Assert.False(RunScript.Alive(p.Value), $"{p.Key} (pid {p.Value}) still runs"));
        Assert.All(ports.All, port => Assert.True(RunPorts.IsFree(port), $"port {port} is still held"));
        Assert.False(File.Exists(Path.Combine(data, "run.pids")));
        var after = run.Lines.Skip(before).ToList();
        Assert.True(after.Count < 50, $"{after.Count} lines after the signal:\n{string.Join('\n', after)}");
        Assert.DoesNotContain(after, l => l.Contains("Exception") || StackFrame().IsMatch(l));
    }

    [Fact]
    public async Task The_host_stops_in_bounded_time_even_when_storage_is_already_gone()
    {
        var data = Directory.CreateTempSubdirectory("gridgov-run-").FullName;
        await using var run = RunScript.Start(data, RunPorts.Free(), "--Demo:Traffic:Enabled=false");
        await run.Running();
        var pids = run.RecordedPids();
        RunScript.Kill(pids["azurite"], RunScript.SigKill);

        run.SignalGroup(RunScript.SigInt);
        await run.Exited(TimeSpan.FromSeconds(15));

        Assert.False(RunScript.Alive(pids["host"]));
        Assert.Contains(run.Lines, l => l.Contains("ending the process"));
        Assert.DoesNotContain(run.Lines, l => l.Contains("killing it"));
    }

    [GeneratedRegex(@"^\s+at \S+\(")]
    private static partial Regex StackFrame();
}
