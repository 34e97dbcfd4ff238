using System.Text.Json;
using Azure.Storage.Blobs;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Rollups;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Rollups;

/// <summary>
/// The grid-year blob: its binary form reads back exactly what was written, and the store over Azurite keeps the
/// marker's rules (a saved month leaves it, held months go to the blob of their year, a year never written reads as
/// "no marker"), carries the earlier table form's data over, survives two writers at once, and deletes a year.
/// </summary>
public sealed class GridYearStoreTests
{
    [Fact]
    public void The_binary_form_round_trips_every_field_snapshot_and_held_month()
    {
        var random = new Random(11);
        var year = new GridYear();
        foreach (var month in new[] { 202501, 202502, 202507, 202512 })
        {
            year.Months[month] = RandomCells(random);
            year.MonthEnds[month] = new Dictionary<int, OpenCount> { [202411] = new(1, 1), [month] = new(random.Next(1, 50), random.Next(0, 3)) };
        }
        year.MonthEnds[202508] = new Dictionary<int, OpenCount> { [202507] = new(2, 0) }; // a snapshot without cells
        year.Months[202503] = new Dictionary<CellKey, Tally> { [new("roads", IssueChannel.Online, SlaClass.Emergency)] = new() { Received = -2, Open = long.MaxValue } };
        year.Held.UnionWith([202511, 202512]);

        var bytes = GridYearCodec.Encode(year);
        var back = GridYearCodec.Decode(bytes);

        Assert.Equal(Canonical(year), Canonical(back));
        Assert.Equal([202511, 202512], back.Held);
        Assert.Throws<InvalidDataException>(() => GridYearCodec.Decode(bytes.Prepend((byte)9).ToArray()));
    }

    [Fact]
    public void A_packed_year_gives_a_periods_cells_and_totals_and_held_months_win()
    {
        var random = new Random(13);
        var year = new GridYear();
        foreach (var month in new[] { 202501, 202502, 202503, 202504, 202512 }) year.Months[month] = RandomCells(random);
        year.MonthEnds[202503] = new Dictionary<int, OpenCount> { [202503] = new(3, 1) };
        year.Held.Add(202512);
        var packed = new PackedGridYear(2025, GridYearCodec.Encode(year));
        var q1 = RollupPeriod.Of(2025, "Q1");
        // The grain holds March too, with other figures: its copy wins over the stored one.
        var held = Counters(202503, RandomCells(random));

        var counters = new GridCounters(q1, [packed], held);

        var expected = new CounterSet();
        expected.Months[202501] = year.Months[202501];
        expected.Months[202502] = year.Months[202502];
        expected.Months[202503] = held.Months[202503];
        Assert.Equal(JsonSerializer.Serialize(expected.Total()), JsonSerializer.Serialize(counters.Total));
        var visited = counters.ToCounterSet();
        Assert.Equal([202501, 202502, 202503], visited.Months.Keys.Order());
        foreach (var month in visited.Months.Keys) Assert.Equal(Canonical(expected.Months[month]), Canonical(visited.Months[month]));
        Assert.Equal([202512], packed.Held);
        Assert.Equal(new OpenCount(3, 1), packed.MonthEnds[202503][202503]);
        Assert.Equal(JsonSerializer.Serialize(Tally.Sum(year.Months[202504].Values)), JsonSerializer.Serialize(packed.MonthTotals[202504]));
    }

    [Fact]
    public async Task The_store_keeps_the_marker_rules_and_deletes_a_year()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var blobs = new BlobServiceClient(TestStorage.ConnectionString);
        var store = new BlobGridMonthStore(blobs, $"t{id}-gridmonths");
        var random = new Random(5);

        Assert.Null((await store.Read("new", 202501, 202512)).Held); // never written: the reader must ask the grain

        await store.SaveHeld("new", [202511, 202512, 202601]);
        Assert.Equal([202511, 202512], (await store.Read("new", 202501, 202512)).Held);
        Assert.Equal([202601], (await store.Read("new", 202601, 202612)).Held);
        var november = Counters(202511, RandomCells(random));
        var end = new Dictionary<int, OpenCount> { [202510] = new(1, 0), [202511] = new(7, 2) };
        await store.Save("new", 202511, november, end);
        var read = await store.Read("new", 202511, 202511);
        Assert.Equal(Canonical(november.Months[202511]), Canonical(read.Months[202511]));
        Assert.Equal(end, read.MonthEnds[202511]);
        Assert.Equal([202512], read.Held); // saved: no longer held
        Assert.Equal(Canonical(november.Months[202511]), Canonical((await store.Load("new", 202501, 202612)).Months[202511]));

        // Two writers at once (two silos' stores, one grid): each write lands, on the blob's ETag.
        var other = new BlobGridMonthStore(blobs, $"t{id}-gridmonths");
        var months = Enumerable.Range(1, 8).Select(m => 202600 + m).ToList();
        await Task.WhenAll(months.Select((m, i) => (i % 2 == 0 ? store : other).Save("new", m, Counters(m, RandomCells(random)))));
        Assert.Equal(months, (await store.Read("new", 202601, 202612)).Months.Keys.Order());

        await store.DeleteYear("new", 2025);
        var wiped = await store.Read("new", 202501, 202512);
        Assert.Null(wiped.Held);
        Assert.Empty(wiped.Months);
        Assert.Equal(months.Count, (await store.Read("new", 202601, 202612)).Months.Count);
        Assert.False(await store.HasYear(2025));
        Assert.True(await store.HasYear(2026));
    }

    private static CounterSet Counters(int month, Dictionary<CellKey, Tally> cells)
    {
        var set = new CounterSet();
        set.Months[month] = cells;
        return set;
    }

    private static Dictionary<CellKey, Tally> RandomCells(Random random)
    {
        var cells = new Dictionary<CellKey, Tally>();
        foreach (var category in new[] { "roads", "water", "food-drug", "物业" })
            foreach (var channel in Enum.GetValues<IssueChannel>())
                foreach (var sla in Enum.GetValues<SlaClass>())
                {
                    if (random.Next(3) == 0) continue;
                    cells[new CellKey(category, channel, sla)] = new Tally
                    {
                        Received = random.Next(100), Accepted = random.Next(100), NotAccepted = random.Next(3), RespondedInTime = random.Next(50),
                        RespondedLate = random.Next(5), ResponseOverdue = random.Next(5), Resolved = random.Next(50), ClosedUnresolved = random.Next(5),
                        OpenOverdue = random.Next(5), Overdue = random.Next(5), Reopened = random.Next(3), Satisfied = random.Next(30),
                        BasicallySatisfied = random.Next(10), Unsatisfied = random.Next(3), NotRated = random.Next(10), Voided = random.Next(2),
                        Open = random.Next(2), ResponseMinutes = random.Next(100_000), ResolutionMinutes = random.NextInt64(10_000_000_000),
                        ResponseHistogram = random.Next(3) == 0 ? null : Enumerable.Range(0, DurationBuckets.Count).Select(_ => (long)random.Next(3)).ToArray(),
                        ResolutionHistogram = random.Next(3) == 0 ? null : DurationBuckets.One(TimeSpan.FromHours(random.Next(1000))),
                    };
                }
        return cells;
    }

    private static string Canonical(GridYear y) => JsonSerializer.Serialize(new
    {
        Months = y.Months.OrderBy(m => m.Key).Select(m => (m.Key, Canonical(m.Value))),
        Ends = y.MonthEnds.OrderBy(m => m.Key).Select(m => (m.Key, m.Value.OrderBy(c => c.Key).ToList())),
        Held = y.Held.ToList(),
    }, new JsonSerializerOptions { IncludeFields = true });

    private static string Canonical(Dictionary<CellKey, Tally> cells) => JsonSerializer.Serialize(new SortedDictionary<string, string>(
        cells.ToDictionary(c => $"{c.Key.Category} {c.Key.Channel} {c.Key.Sla}", c =>
        {
            var t = c.Value.Copy();
            if (t.ResponseHistogram?.All(v => v == 0) == true) t.ResponseHistogram = null;
            if (t.ResolutionHistogram?.All(v => v == 0) == true) t.ResolutionHistogram = null;
            return JsonSerializer.Serialize(t);
        }), StringComparer.Ordinal));
}
