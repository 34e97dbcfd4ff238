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
        Span<long> f = stackalloc long[GridMonthEntity.Fields];
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
                GridMonthEntity.Fill(t, f);
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

    public static GridYear Decode(ReadOnlySpan<byte> data)
    {
        var r = new Reader(data);
        if (r.Byte() is var version && version != Version) throw new InvalidDataException($"Grid-year blob version {version} is not {Version}.");
        var year = new GridYear();
        for (var n = r.Int(); n > 0; n--) year.Held.Add(r.Int());
        var categories = new string[r.Int()];
        for (var i = 0; i < categories.Length; i++) categories[i] = r.String();
        Span<long> f = stackalloc long[GridMonthEntity.Fields];
        for (var months = r.Int(); months > 0; months--)
        {
            var month = r.Int();
            var count = r.Int();
            if (count > 0)
            {
                var cells = new Dictionary<CellKey, Tally>(count);
                for (; count > 0; count--)
                {
                    var key = new CellKey(categories[r.Int()], (IssueChannel)r.Int(), (SlaClass)r.Int());
                    var mask = r.Int();
                    for (var i = 0; i < f.Length; i++) f[i] = (mask & (1 << i)) != 0 ? r.Long() : 0;
                    var t = GridMonthEntity.Tally(f);
                    t.ResponseHistogram = r.Histogram();
                    t.ResolutionHistogram = r.Histogram();
                    cells[key] = t;
                }
                year.Months[month] = cells;
            }
            var cohorts = r.Int();
            if (cohorts == 0) continue;
            var end = new Dictionary<int, OpenCount>(cohorts);
            for (; cohorts > 0; cohorts--) end[r.Int()] = new OpenCount(r.Long(), r.Long());
            year.MonthEnds[month] = end;
        }
        return year;
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

        public int Int() => (int)ULong();

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

        public long[]? Histogram()
        {
            var buckets = Int();
            if (buckets == 0) return null;
            var h = new long[DurationBuckets.Count];
            for (; buckets > 0; buckets--)
            {
                var i = Int();
                h[i] = Long();
            }
            return h;
        }

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
