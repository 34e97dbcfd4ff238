using System.Runtime.CompilerServices;
using System.Text;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// A <see cref="GridYear"/> as bytes: version, held months, the category names once, then per month its cells (category
/// index, channel, SLA class, a bit mask of the non-zero counts and those counts, the non-zero histogram buckets) and
/// its month-end snapshot. Numbers are LEB128 varints, zigzag-encoded so that a negative count survives; only
/// non-zero fields are written: a demo-size year of a grid is a few kilobytes, decoded without any text parsing.
/// </summary>
public static class GridYearCodec
{
    public const byte Version = 1;

    public static byte[] Encode(GridYear year)
    {
        using var bytes = new MemoryStream();
        using var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true);
        w.Write(Version);
        Int(w, year.Held.Count);
        foreach (var m in year.Held) Int(w, m);
        var categories = year.Months.Values.SelectMany(m => m.Keys).Select(k => k.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        Int(w, categories.Count);
        foreach (var c in categories) w.Write(c);
        var months = year.Months.Keys.Union(year.MonthEnds.Keys).Order().ToList();
        Int(w, months.Count);
        Span<long> f = stackalloc long[TallyFields.Count];
        foreach (var month in months)
        {
            Int(w, month);
            var cells = year.Months.GetValueOrDefault(month) ?? [];
            Int(w, cells.Count);
            foreach (var (key, t) in cells)
            {
                Int(w, index[key.Category]);
                Int(w, (int)key.Channel);
                Int(w, (int)key.Sla);
                TallyFields.Fill(t, f);
                var mask = 0;
                for (var i = 0; i < f.Length; i++) if (f[i] != 0) mask |= 1 << i;
                Int(w, mask);
                for (var i = 0; i < f.Length; i++) if (f[i] != 0) Long(w, f[i]);
                Histogram(w, t.ResponseHistogram);
                Histogram(w, t.ResolutionHistogram);
            }
            var end = year.MonthEnds.GetValueOrDefault(month) ?? [];
            Int(w, end.Count);
            foreach (var (cohort, count) in end.OrderBy(c => c.Key))
            {
                Int(w, cohort);
                Long(w, count.Open);
                Long(w, count.PastDue);
            }
        }
        w.Flush();
        return bytes.ToArray();
    }

    /// <summary>The whole year as objects: one tally per cell (the store's read-modify-write path).</summary>
    public static GridYear Decode(ReadOnlySpan<byte> data)
    {
        var year = new Decoder();
        Walk(data, year);
        return year.Year;
    }

    /// <summary>
    /// Reads <paramref name="data"/> front to back into <paramref name="visitor"/>: the held months, then month by month
    /// its cells (only for months the visitor wants; the tally it is given is one scratch object, refilled for every
    /// cell: nothing is allocated per cell) and its month-end snapshot. Compiled optimized from the first call: a cold
    /// host's first rollup runs it over every cell of the district, long before tiered compilation would step in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Walk<TVisitor>(ReadOnlySpan<byte> data, TVisitor visitor) where TVisitor : IGridYearVisitor
    {
        var r = new Reader(data);
        if (r.Byte() is var version && version != Version) throw new InvalidDataException($"Grid-year blob version {version} is not {Version}.");
        for (var n = r.Int(); n > 0; n--) visitor.Held(r.Int());
        var categories = new string[r.Int()];
        for (var i = 0; i < categories.Length; i++) categories[i] = r.String();
        Span<long> f = stackalloc long[TallyFields.Count];
        var (scratch, response, resolution) = (new Tally(), new long[DurationBuckets.Count], new long[DurationBuckets.Count]);
        for (var months = r.Int(); months > 0; months--)
        {
            var month = r.Int();
            var count = r.Int();
            var wanted = count > 0 && visitor.Wants(month);
            for (; count > 0; count--)
            {
                var key = new CellKey(categories[r.Int()], (IssueChannel)r.Int(), (SlaClass)r.Int());
                var mask = r.Int();
                for (var i = 0; i < f.Length; i++) f[i] = (mask & (1 << i)) != 0 ? r.Long() : 0;
                TallyFields.Set(scratch, f);
                scratch.ResponseHistogram = r.Histogram(response);
                scratch.ResolutionHistogram = r.Histogram(resolution);
                if (wanted) visitor.Cell(month, key, scratch);
            }
            for (var cohorts = r.Int(); cohorts > 0; cohorts--) visitor.MonthEnd(month, r.Int(), new OpenCount(r.Long(), r.Long()));
        }
    }

    /// <summary>Builds a <see cref="GridYear"/>: each cell's scratch tally copied into a tally of its own.</summary>
    private sealed class Decoder : IGridYearVisitor
    {
        public GridYear Year { get; } = new();

        public void Held(int month) => Year.Held.Add(month);

        public bool Wants(int month) => true;

        public void Cell(int month, CellKey key, Tally tally)
        {
            if (!Year.Months.TryGetValue(month, out var cells)) Year.Months[month] = cells = [];
            cells[key] = tally.Copy();
        }

        public void MonthEnd(int month, int cohort, OpenCount count)
        {
            if (!Year.MonthEnds.TryGetValue(month, out var end)) Year.MonthEnds[month] = end = [];
            end[cohort] = count;
        }
    }

    private static void Histogram(BinaryWriter w, long[]? histogram)
    {
        var buckets = histogram?.Count(x => x != 0) ?? 0;
        Int(w, buckets);
        if (buckets == 0) return;
        for (var i = 0; i < histogram!.Length; i++)
            if (histogram[i] != 0)
            {
                Int(w, i);
                Long(w, histogram[i]);
            }
    }

    private static void Int(BinaryWriter w, int value) => w.Write7BitEncodedInt(value);

    private static void Long(BinaryWriter w, long value) => w.Write7BitEncodedInt64((value << 1) ^ (value >> 63));

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public byte Byte() => _data[_at++];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Int() => (int)ULong();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long Long()
        {
            var v = ULong();
            return (long)(v >> 1) ^ -(long)(v & 1);
        }

        public string String()
        {
            var length = Int();
            var s = Encoding.UTF8.GetString(_data.Slice(_at, length));
            _at += length;
            return s;
        }

        /// <summary>The histogram refilled into <paramref name="into"/> (cleared first), or null if it has no buckets.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long[]? Histogram(long[] into)
        {
            var buckets = Int();
            if (buckets == 0) return null;
            Array.Clear(into);
            for (; buckets > 0; buckets--)
            {
                var i = Int();
                into[i] = Long();
            }
            return into;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong ULong()
        {
            ulong v = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 63) throw new InvalidDataException("A grid-year blob has a malformed number.");
                var b = _data[_at++];
                v |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return v;
            }
        }
    }
}
