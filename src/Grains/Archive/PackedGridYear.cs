using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>
/// A grid's year as stored, kept encoded (<see cref="GridYearCodec"/>): its held months, month-end snapshots and month
/// totals are read once, its cells are decoded again on every pass into one scratch tally. A rollup over a district year then holds
/// a few kilobytes per grid and no object per cell (a million-issue year has some 600,000 cells). Immutable.
/// </summary>
public sealed class PackedGridYear
{
    private readonly byte[] _bytes;

    public PackedGridYear(int year, byte[] bytes)
    {
        Year = year;
        _bytes = bytes;
        var header = new Header();
        GridYearCodec.Walk(bytes, header);
        Held = header.Held;
        MonthEnds = header.MonthEnds;
        MonthTotals = header.MonthTotals;
    }

    public int Year { get; }

    public IReadOnlyList<int> Held { get; }

    /// <summary>Month -> cohort month -> its issues open (and past due) at that month's end.</summary>
    public IReadOnlyDictionary<int, Dictionary<int, OpenCount>> MonthEnds { get; }

    /// <summary>Month -> its cells summed (what a rollup's totals need, without another pass). Never modify.</summary>
    public IReadOnlyDictionary<int, Tally> MonthTotals { get; }

    /// <summary>Whether both were read from the same stored bytes (then either serves for the other).</summary>
    public bool SameAs(PackedGridYear other) => Year == other.Year && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <summary>Hands every cell of the months <paramref name="wants"/> accepts to <paramref name="cell"/> (a scratch tally: see <see cref="IGridYearVisitor.Cell"/>).</summary>
    public void ForEachCell(Func<int, bool> wants, Action<int, CellKey, Tally> cell) => GridYearCodec.Walk(_bytes, new Cells(wants, cell));

    public GridYear Decode() => GridYearCodec.Decode(_bytes);

    private sealed class Cells(Func<int, bool> wants, Action<int, CellKey, Tally> cell) : IGridYearVisitor
    {
        public bool Wants(int month) => wants(month);

        public void Cell(int month, CellKey key, Tally tally) => cell(month, key, tally);
    }

    private sealed class Header : IGridYearVisitor
    {
        public List<int> Held { get; } = [];
        public Dictionary<int, Dictionary<int, OpenCount>> MonthEnds { get; } = [];
        public Dictionary<int, Tally> MonthTotals { get; } = [];

        void IGridYearVisitor.Held(int month) => Held.Add(month);

        public bool Wants(int month) => true;

        public void Cell(int month, CellKey key, Tally tally)
        {
            if (!MonthTotals.TryGetValue(month, out var total)) MonthTotals[month] = total = new Tally();
            total.Add(tally);
        }

        public void MonthEnd(int month, int cohort, OpenCount count)
        {
            if (!MonthEnds.TryGetValue(month, out var end)) MonthEnds[month] = end = [];
            end[cohort] = count;
        }
    }
}

/// <summary>What the store holds of one grid for a range of months, still packed: one entry per year that has anything.</summary>
public sealed record PackedGridMonths(IReadOnlyList<PackedGridYear> Years)
{
    /// <summary>The held marker of the range's years; null if the grid has never written one for any of them.</summary>
    public IReadOnlyList<int>? Held => Years.Count == 0 ? null : Years.SelectMany(y => y.Held).ToList();

    /// <summary>The same as objects (one tally per cell), limited to <c>[from, to]</c>.</summary>
    public StoredGridMonths Unpack(int fromMonth, int toMonth)
    {
        var months = new Dictionary<int, Dictionary<CellKey, Tally>>();
        var ends = new Dictionary<int, Dictionary<int, OpenCount>>();
        foreach (var year in Years.Select(y => y.Decode()))
        {
            foreach (var (month, cells) in year.Months) if (month >= fromMonth && month <= toMonth) months[month] = cells;
            foreach (var (month, end) in year.MonthEnds) if (month >= fromMonth && month <= toMonth) ends[month] = end;
        }
        return new StoredGridMonths(months, ends, Held);
    }
}
