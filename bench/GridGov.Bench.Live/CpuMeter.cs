using System.Globalization;

namespace GridGov.Bench.Live;

/// <summary>CPU time from /proc: the whole machine and a few processes, between two readings.</summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> processes)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public sealed record Reading(long At, (long Busy, long Total)? Machine, Dictionary<string, long> ProcessTicks);

    public Reading Read()
    {
        var ticks = new Dictionary<string, long>();
        foreach (var (name, pid) in processes)
            if (ProcessTicks(pid) is { } t) ticks[name] = t;
        return new Reading(System.Diagnostics.Stopwatch.GetTimestamp(), MachineTicks(), ticks);
    }

    /// <summary>Percent of one core per process, and the machine's busy percent of all cores.</summary>
    public static (double? MachineBusy, Dictionary<string, double> Processes) Between(Reading a, Reading b)
    {
        var seconds = (b.At - a.At) / (double)System.Diagnostics.Stopwatch.Frequency;
        var perProcess = new Dictionary<string, double>();
        foreach (var (name, t) in b.ProcessTicks)
            if (a.ProcessTicks.TryGetValue(name, out var t0) && seconds > 0)
                perProcess[name] = (t - t0) / TicksPerSecond / seconds * 100;
        double? machine = a.Machine is { } m0 && b.Machine is { } m1 && m1.Total > m0.Total
            ? (m1.Busy - m0.Busy) * 100.0 / (m1.Total - m0.Total)
            : null;
        return (machine, perProcess);
    }

    private static long? ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception) { return null; }
    }

    private static (long Busy, long Total)? MachineTicks()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var total = cpu.Take(8).Sum(); // user nice system idle iowait irq softirq steal
            var idle = cpu[3] + cpu[4];
            return (total - idle, total);
        }
        catch (Exception) { return null; }
    }

    /// <summary>The 1, 5 and 15 minute load averages: how busy the machine was with other work.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (Exception) { return "unknown"; }
    }

    public static string Machine()
    {
        string? model = null;
        double? memoryGb = null;
        try { model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim(); }
        catch (Exception) { }
        try
        {
            var kb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            memoryGb = long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        }
        catch (Exception) { }
        return $"{Environment.ProcessorCount} cores{(model is null ? "" : $" ({model})")}" +
               $"{(memoryGb is { } g ? $", {g:0} GB RAM" : "")}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}";
    }
}
