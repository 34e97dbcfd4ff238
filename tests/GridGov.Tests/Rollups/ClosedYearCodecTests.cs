using System.Diagnostics;
using System.Text.Json;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Rollups;
using GridGov.Grains.Years;
using GridGov.Tests.Fixtures;
using Xunit.Abstractions;

namespace GridGov.Tests.Rollups;

/// <summary>
/// A closed year read back from its stored form rebuilds the very rollups it was closed with, for every period and
/// level (open at period end included), at the demo district's size; the output reports how big and how fast that is.
/// </summary>
public sealed class ClosedYearCodecTests(ITestOutputHelper output)
{
    [Fact]
    public void A_stored_closed_year_rebuilds_every_rollup_exactly()
    {
        var structure = DemoDistrict.Create("codec");
        var random = new Random(20261231);
        var channels = Enum.GetValues<IssueChannel>();
        var slas = Enum.GetValues<SlaClass>();
        var categories = CategoryCatalogue.Default.All.Select(c => c.Code).ToArray();
        var grids = new Dictionary<string, CounterSet>();
        var monthEnds = new Dictionary<string, IReadOnlyDictionary<int, IReadOnlyDictionary<int, OpenCount>>>();
        foreach (var grid in structure.Streets.SelectMany(s => s.Communities).SelectMany(c => c.Grids))
        {
            // Open at each month's end: a few of the year's cohorts up to that month, some past due.
            var ends = new Dictionary<int, IReadOnlyDictionary<int, OpenCount>>();
            for (var month = 202601; month <= 202612; month++)
            {
                var cohorts = new Dictionary<int, OpenCount>();
                for (var ago = 0; ago < 3 && month - ago >= 202601; ago++)
                    if (random.Next(3) > 0)
                    {
                        var open = random.Next(1, 5);
                        cohorts[month - ago] = new OpenCount(open, random.Next(0, open + 1));
                    }
                if (cohorts.Count > 0) ends[month] = cohorts;
            }
            monthEnds[grid.Id] = ends;
            var set = new CounterSet();
            for (var month = 202601; month <= 202612; month++)
                for (var cell = 0; cell < 12; cell++)
                    set.Add(month, month * 100 + 1, new CellKey(categories[random.Next(categories.Length)], channels[random.Next(channels.Length)],
                        slas[random.Next(slas.Length)]), RandomTally(random), 1);
            set.Days.Clear();
            grids[grid.Id] = set;
        }
        var year = new ClosedYear
        {
            DistrictId = structure.Id, Year = 2026, ClosedAt = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero), ClosedBy = "admin:test",
            Structure = structure, Weights = ScoreWeights.Default, MinimumDecidedToRank = 20, Grids = grids,
            MonthEnds = monthEnds,
        };

        var clock = Stopwatch.StartNew();
        var bytes = ClosedYearCodec.Encode(year);
        var encoded = clock.Elapsed;
        clock.Restart();
        var back = ClosedYearCodec.Decode(new MemoryStream(bytes));
        var decoded = clock.Elapsed;
        output.WriteLine($"{grids.Count} grids x 12 months x <=12 cells: {bytes.Length / 1024.0:0} KiB stored, encode {encoded.TotalMilliseconds:0} ms, decode {decoded.TotalMilliseconds:0} ms");

        Assert.Equal((year.DistrictId, year.Year, year.ClosedAt, year.ClosedBy, year.MinimumDecidedToRank, year.Weights),
            (back.DistrictId, back.Year, back.ClosedAt, back.ClosedBy, back.MinimumDecidedToRank, back.Weights));
        Assert.Equal(Json(year.Structure), Json(back.Structure));
        foreach (var period in new[] { "", "Q1", "Q2", "Q3", "Q4", "202602", "202612" }.Select(p => RollupPeriod.Of(2026, p)))
        {
            clock.Restart();
            var (was, now) = (year.Rollup(period), back.Rollup(period));
            foreach (var level in Enum.GetValues<UnitLevel>())
            {
                var units = was.Level(level);
                Assert.Equal(Json(units.Select(u => (u.Id, u.Rank, u.Figures))), Json(now.Level(level).Select(u => (u.Id, u.Rank, u.Figures))));
            }
            Assert.Equal(Json(was.District.ByCategory()), Json(now.District.ByCategory()));
            Assert.Equal(Json(was.District.ByChannel()), Json(now.District.ByChannel()));
            Assert.Same(now, back.Rollup(period)); // built once, then served from memory
            // Open at period end: the snapshots at the period's last month's end, cohorts of the period only, summed.
            var atEnd = monthEnds.Values.Select(e => OpenAtMonthEnd.Within(e.GetValueOrDefault(period.ToMonth), period.FromMonth, period.ToMonth))
                .Aggregate(new OpenCount(), (a, b) => a + b);
            Assert.True(now.PeriodEnded);
            Assert.Equal((atEnd.Open, atEnd.PastDue), (now.District.Figures.OpenAtPeriodEnd!.Value, now.District.Figures.OpenPastDueAtPeriodEnd!.Value));
        }
        Assert.True(year.Rollup(RollupPeriod.Of(2026)).District.Figures.Received > 0);
        Assert.True(year.Rollup(RollupPeriod.Of(2026)).District.Figures.OpenAtPeriodEnd > 0);
    }

    private static Tally RandomTally(Random r)
    {
        var t = new Tally { Received = r.Next(1, 6) };
        t.Accepted = t.Received - r.Next(0, 2);
        t.NotAccepted = t.Received - t.Accepted;
        t.Resolved = r.Next(0, (int)t.Accepted + 1);
        t.ClosedUnresolved = t.Accepted - t.Resolved;
        t.RespondedInTime = t.Accepted;
        t.Satisfied = r.Next(0, (int)t.Resolved + 1);
        t.Reopened = r.Next(0, 2);
        t.ResponseMinutes = 60 * t.Accepted;
        t.ResolutionMinutes = r.Next(30, 10_000) * t.Resolved;
        for (var i = 0; i < t.Resolved; i++)
        {
            var one = new Tally { ResolutionHistogram = DurationBuckets.One(TimeSpan.FromMinutes(r.Next(30, 10_000))) };
            t.Add(one);
        }
        return t;
    }

    private static string Json(object o) => JsonSerializer.Serialize(o, ApiClient.Json);
}
