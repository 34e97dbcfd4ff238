namespace GridGov.Bench.Rollup;

/// <summary>Rewrites the rollup section of bench/RESULTS.md between its markers; everything else stays.</summary>
public static class Results
{
    public const string Begin = "<!-- bench rollup: begin (./gridgov bench rollup rewrites what is between these markers; notes after them stay) -->";
    public const string End = "<!-- bench rollup: end -->";

    public static void Write(string path, string section)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var block = $"{Begin}\n{section.TrimEnd()}\n{End}";
        var (b, e) = (text.IndexOf(Begin, StringComparison.Ordinal), text.IndexOf(End, StringComparison.Ordinal));
        text = b >= 0 && e > b
            ? text[..b] + block + text[(e + End.Length)..]
            : text.TrimEnd() + "\n\n## Rollup of a district year\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }
}
