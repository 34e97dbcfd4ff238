using System.IO.Compression;
using System.Text.Json;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Years;

/// <summary>
/// A closed year as stored: gzip-compressed camelCase JSON (the archive's conventions), counters as one list of
/// cells per grid and month, so the file reads without this code and stays stable across versions.
/// </summary>
public static class ClosedYearCodec
{
    public const int Version = 1;

    public static byte[] Encode(ClosedYear year)
    {
        var file = new File(Version, year.DistrictId, year.Year, year.ClosedAt, year.ClosedBy, year.Structure, year.Weights,
            year.MinimumDecidedToRank,
            year.Grids.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new GridMonths(g.Key,
                g.Value.Months.OrderBy(m => m.Key).Select(m => new MonthCells(m.Key,
                    m.Value.Select(c => new Cell(c.Key.Category, c.Key.Channel, c.Key.Sla, c.Value)).ToList())).ToList())).ToList());
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
        if (file.Version != Version) throw new InvalidDataException($"Closed-year file version {file.Version} is not {Version}.");
        var grids = new Dictionary<string, CounterSet>();
        foreach (var g in file.Grids)
        {
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
        };
    }

    private sealed record File(int Version, string DistrictId, int Year, DateTimeOffset ClosedAt, string ClosedBy, DistrictStructure Structure,
        ScoreWeights Weights, int MinimumDecidedToRank, List<GridMonths> Grids);

    private sealed record GridMonths(string GridId, List<MonthCells> Months);

    private sealed record MonthCells(int Month, List<Cell> Cells);

    private sealed record Cell(string Category, IssueChannel Channel, SlaClass Sla, Tally Tally);
}
