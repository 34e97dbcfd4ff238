using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// How a grid-month entity is written and read. PartitionKey grid, RowKey yyyyMM; "Packed0".."PackedN" hold the
/// cells as compact JSON arrays (hand-decoded: rollups read some ten thousand of these at once), "OpenAtEnd" the
/// month-end snapshot. Older entities with "Cells0".. (named JSON) are still read. The marker row "held" lists the
/// months the grid's grain still holds; it sorts after every month key.
/// </summary>
public static class GridMonthEntity
{
    public const string HeldRow = "held";
    internal const int Fields = 19;

    public static TableEntity Month(string gridId, int month, IEnumerable<KeyValuePair<CellKey, Tally>> cells, IReadOnlyDictionary<int, OpenCount>? monthEnd)
    {
        var row = new TableEntity(gridId, month.ToString(CultureInfo.InvariantCulture));
        var n = 0;
        foreach (var chunk in ArchiveJson.Chunks(Pack(cells))) row[$"Packed{n++}"] = chunk;
        if (monthEnd is { Count: > 0 })
            row["OpenAtEnd"] = string.Join(';', monthEnd.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value.Open}:{c.Value.PastDue}"));
        return row;
    }

    public static TableEntity Held(string gridId, IEnumerable<int> months) =>
        new(gridId, HeldRow) { ["Months"] = string.Join(',', months.Order()) };

    public static bool IsHeld(TableEntity row) => row.RowKey == HeldRow;

    public static IReadOnlyList<int> ReadHeld(TableEntity row) =>
        row.GetString("Months") is { Length: > 0 } s ? s.Split(',').Select(m => int.Parse(m, CultureInfo.InvariantCulture)).ToList() : [];

    public static Dictionary<int, OpenCount> ReadMonthEnd(TableEntity row)
    {
        var snapshot = new Dictionary<int, OpenCount>();
        if (row.GetString("OpenAtEnd") is not { Length: > 0 } s) return snapshot;
        foreach (var part in s.Split(';'))
        {
            var f = part.Split(':');
            snapshot[int.Parse(f[0], CultureInfo.InvariantCulture)] =
                new OpenCount(long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture));
        }
        return snapshot;
    }

    public static Dictionary<CellKey, Tally> ReadCells(TableEntity row)
    {
        if (row.ContainsKey("Packed0")) return Unpack(Concat(row, "Packed"));
        var cells = new Dictionary<CellKey, Tally>();
        if (!row.ContainsKey("Cells0")) return cells;
        foreach (var cell in JsonSerializer.Deserialize<List<LegacyCell>>(Concat(row, "Cells"), ArchiveJson.Options)!)
            cells[new CellKey(cell.Category, cell.Channel, cell.Sla)] = cell.Tally;
        return cells;
    }

    private static string Concat(TableEntity row, string prefix)
    {
        if (row.GetString(prefix + "1") is null) return row.GetString(prefix + "0") ?? "";
        var text = new StringBuilder();
        for (var n = 0; row.GetString($"{prefix}{n}") is { } chunk; n++) text.Append(chunk);
        return text.ToString();
    }

    /// <summary>[["category", channel, sla, [19 counts, trailing zeros cut], [bucket, count, ...], [bucket, count, ...]], ...]</summary>
    public static string Pack(IEnumerable<KeyValuePair<CellKey, Tally>> cells)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Span<long> f = stackalloc long[Fields];
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var (key, t) in cells)
            {
                w.WriteStartArray();
                w.WriteStringValue(key.Category);
                w.WriteNumberValue((int)key.Channel);
                w.WriteNumberValue((int)key.Sla);
                Fill(t, f);
                var last = Fields;
                while (last > 0 && f[last - 1] == 0) last--;
                w.WriteStartArray();
                for (var i = 0; i < last; i++) w.WriteNumberValue(f[i]);
                w.WriteEndArray();
                WriteHistogram(w, t.ResponseHistogram);
                WriteHistogram(w, t.ResolutionHistogram);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Dictionary<CellKey, Tally> Unpack(string packed)
    {
        var cells = new Dictionary<CellKey, Tally>();
        var bytes = Encoding.UTF8.GetBytes(packed);
        var r = new Utf8JsonReader(bytes);
        Next(ref r, JsonTokenType.StartArray);
        Span<long> f = stackalloc long[Fields];
        while (r.Read() && r.TokenType == JsonTokenType.StartArray)
        {
            Next(ref r, JsonTokenType.String);
            var category = r.GetString()!;
            Next(ref r, JsonTokenType.Number);
            var channel = (IssueChannel)r.GetInt32();
            Next(ref r, JsonTokenType.Number);
            var sla = (SlaClass)r.GetInt32();
            Next(ref r, JsonTokenType.StartArray);
            f.Clear();
            for (var i = 0; r.Read() && r.TokenType == JsonTokenType.Number; i++) f[i] = r.GetInt64();
            var t = Tally(f);
            t.ResponseHistogram = ReadHistogram(ref r);
            t.ResolutionHistogram = ReadHistogram(ref r);
            Next(ref r, JsonTokenType.EndArray);
            cells[new CellKey(category, channel, sla)] = t;
        }
        return cells;
    }

    private static void WriteHistogram(Utf8JsonWriter w, long[]? histogram)
    {
        w.WriteStartArray();
        if (histogram is not null)
            for (var i = 0; i < histogram.Length; i++)
                if (histogram[i] != 0)
                {
                    w.WriteNumberValue(i);
                    w.WriteNumberValue(histogram[i]);
                }
        w.WriteEndArray();
    }

    private static long[]? ReadHistogram(ref Utf8JsonReader r)
    {
        Next(ref r, JsonTokenType.StartArray);
        long[]? h = null;
        while (r.Read() && r.TokenType == JsonTokenType.Number)
        {
            var bucket = r.GetInt32();
            Next(ref r, JsonTokenType.Number);
            h ??= new long[DurationBuckets.Count];
            h[bucket] = r.GetInt64();
        }
        return h;
    }

    private static void Next(ref Utf8JsonReader r, JsonTokenType expected)
    {
        if (!r.Read() || r.TokenType != expected) throw new JsonException($"Grid-month cells: expected {expected}, found {r.TokenType}.");
    }

    internal static void Fill(Tally t, Span<long> f)
    {
        f[0] = t.Received; f[1] = t.Accepted; f[2] = t.NotAccepted; f[3] = t.RespondedInTime; f[4] = t.RespondedLate;
        f[5] = t.ResponseOverdue; f[6] = t.Resolved; f[7] = t.ClosedUnresolved; f[8] = t.OpenOverdue; f[9] = t.Overdue;
        f[10] = t.Reopened; f[11] = t.Satisfied; f[12] = t.BasicallySatisfied; f[13] = t.Unsatisfied; f[14] = t.NotRated;
        f[15] = t.Voided; f[16] = t.Open; f[17] = t.ResponseMinutes; f[18] = t.ResolutionMinutes;
    }

    internal static Tally Tally(ReadOnlySpan<long> f)
    {
        var t = new Tally();
        Set(t, f);
        return t;
    }

    /// <summary>Sets the counts of <paramref name="t"/> (not its histograms) from <paramref name="f"/>, in <see cref="Fill"/>'s order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static void Set(Tally t, ReadOnlySpan<long> f)
    {
        t.Received = f[0]; t.Accepted = f[1]; t.NotAccepted = f[2]; t.RespondedInTime = f[3]; t.RespondedLate = f[4];
        t.ResponseOverdue = f[5]; t.Resolved = f[6]; t.ClosedUnresolved = f[7]; t.OpenOverdue = f[8]; t.Overdue = f[9];
        t.Reopened = f[10]; t.Satisfied = f[11]; t.BasicallySatisfied = f[12]; t.Unsatisfied = f[13]; t.NotRated = f[14];
        t.Voided = f[15]; t.Open = f[16]; t.ResponseMinutes = f[17]; t.ResolutionMinutes = f[18];
    }

    private sealed record LegacyCell(string Category, IssueChannel Channel, SlaClass Sla, Tally Tally);
}
