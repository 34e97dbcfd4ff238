using System.IO.Compression;
using System.Text.Json;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Years;

/// <summary>
/// A closed year as stored: gzip-compressed camelCase JSON (the archive's conventions), counters as one list of
/// cells per grid and month, so the file reads without this code and stays stable across versions. Version 2 adds each
/// grid's month-end snapshots ("monthEnds": month, then cohort month with open and past-due counts); version 1 files
/// (without them) still read.
/// </summary>
public static class ClosedYearCodec
{
    public const int Version = 2;

    public static byte[] Encode(ClosedYear year)
    {
        var file = new File(Version, year.DistrictId, year.Year, year.ClosedAt, year.ClosedBy, year.Structure, year.Weights,
            year.MinimumDecidedToRank,
            year.Grids.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new GridMonths(g.Key,
                g.Value.Months.OrderBy(m => m.Key).Select(m => new MonthCells(m.Key,
                    m.Value.Select(c => new Cell(c.Key.Category, c.Key.Channel, c.Key.Sla, c.Value)).ToList())).ToList(),
                year.MonthEnds?.GetValueOrDefault(g.Key)?.Where(m => m.Value.Count > 0).OrderBy(m => m.Key).Select(m => new MonthEnd(m.Key,
                    m.Value.OrderBy(c => c.Key).Select(c => new CohortOpen(c.Key, c.Value.Open, c.Value.PastDue)).ToList())).ToList()))
                .ToList());
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Optimal, leaveOpen: true))
            JsonSerializer.Serialize(gzip, file, ArchiveJson.Options);
        return bytes.ToArray();
    }

    public static ClosedYear Decode(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        var file = JsonSerializer.Deserialize<File>(gzip, ArchiveJson.Options)
            ?? throw new InvalidDataException("An empty closed-year file.");
        if (file.Version is not (1 or Version)) throw new InvalidDataException($"Closed-year file version {file.Version} is not {Version}.");
        var grids = new Dictionary<string, CounterSet>();
        var monthEnds = new Dictionary<string, IReadOnlyDictionary<int, IReadOnlyDictionary<int, OpenCount>>>();
        foreach (var g in file.Grids)
        {
            if (g.MonthEnds is { } ends)
                monthEnds[g.GridId] = ends.ToDictionary(m => m.Month,
                    m => (IReadOnlyDictionary<int, OpenCount>)m.Cohorts.ToDictionary(c => c.Cohort, c => new OpenCount(c.Open, c.PastDue)));
            // The cells as read: each is a fresh object already, and no two share a key (the file was written from a dictionary).
            var set = new CounterSet();
            foreach (var m in g.Months)
                set.Months[m.Month] = m.Cells.ToDictionary(c => new CellKey(c.Category, c.Channel, c.Sla), c => c.Tally);
            grids[g.GridId] = set;
        }
        return new ClosedYear
        {
            DistrictId = file.DistrictId, Year = file.Year, ClosedAt = file.ClosedAt, ClosedBy = file.ClosedBy, Structure = file.Structure,
            Weights = file.Weights, MinimumDecidedToRank = file.MinimumDecidedToRank, Grids = grids,
            MonthEnds = file.Version >= 2 ? monthEnds : null,
        };
    }

    private sealed record File(int Version, string DistrictId, int Year, DateTimeOffset ClosedAt, string ClosedBy, DistrictStructure Structure,
        ScoreWeights Weights, int MinimumDecidedToRank, List<GridMonths> Grids);

    private sealed record GridMonths(string GridId, List<MonthCells> Months, List<MonthEnd>? MonthEnds = null);

    private sealed record MonthEnd(int Month, List<CohortOpen> Cohorts);

    private sealed record CohortOpen(int Cohort, long Open, long PastDue);

    private sealed record MonthCells(int Month, List<Cell> Cells);

    private sealed record Cell(string Category, IssueChannel Channel, SlaClass Sla, Tally Tally);
}
