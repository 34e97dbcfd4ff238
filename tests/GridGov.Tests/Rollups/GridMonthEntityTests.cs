using System.Text.Json;
using Azure.Data.Tables;
using GridGov.Grains.Archive;
using GridGov.Grains.Domain;

namespace GridGov.Tests.Rollups;

/// <summary>The grid-month entity's compact cells read back exactly what was written; older named-JSON entities still read.</summary>
public sealed class GridMonthEntityTests
{
    [Fact]
    public void Packed_cells_round_trip_every_field_and_histogram()
    {
        var random = new Random(7);
        var cells = new Dictionary<CellKey, Tally>();
        foreach (var category in new[] { "roads", "water", "food-drug" })
            foreach (var channel in Enum.GetValues<IssueChannel>())
                foreach (var sla in Enum.GetValues<SlaClass>())
                {
                    var t = new Tally
                    {
                        Received = random.Next(100), Accepted = random.Next(100), NotAccepted = random.Next(3), RespondedInTime = random.Next(50),
                        RespondedLate = random.Next(5), ResponseOverdue = random.Next(5), Resolved = random.Next(50), ClosedUnresolved = random.Next(5),
                        OpenOverdue = random.Next(5), Overdue = random.Next(5), Reopened = random.Next(3), Satisfied = random.Next(30),
                        BasicallySatisfied = random.Next(10), Unsatisfied = random.Next(3), NotRated = random.Next(10), Voided = random.Next(2),
                        Open = random.Next(9), ResponseMinutes = random.Next(100_000), ResolutionMinutes = random.NextInt64(10_000_000_000),
                        ResponseHistogram = random.Next(3) == 0 ? null : Enumerable.Range(0, DurationBuckets.Count).Select(_ => (long)random.Next(3)).ToArray(),
                        ResolutionHistogram = random.Next(3) == 0 ? null : DurationBuckets.One(TimeSpan.FromHours(random.Next(1000))),
                    };
                    if (random.Next(4) == 0) t.Open = t.ResolutionMinutes = t.ResponseMinutes = t.Voided = 0; // trailing zeros are cut
                    cells[new CellKey(category, channel, sla)] = t;
                }
        var snapshot = new Dictionary<int, OpenCount> { [202601] = new(3, 1), [202603] = new(12, 0) };
        var row = GridMonthEntity.Month("g1", 202603, cells, snapshot);

        Assert.Equal(Canonical(cells), Canonical(GridMonthEntity.ReadCells(row)));
        Assert.Equal(snapshot, GridMonthEntity.ReadMonthEnd(row));
        Assert.Equal([202601, 202604], GridMonthEntity.ReadHeld(GridMonthEntity.Held("g1", [202604, 202601])));
        Assert.Empty(GridMonthEntity.ReadHeld(GridMonthEntity.Held("g1", [])));
    }

    [Fact]
    public void An_entity_in_the_earlier_named_json_format_still_reads()
    {
        var tally = new Tally { Received = 2, Accepted = 2, Resolved = 1, ResolutionMinutes = 90, ResolutionHistogram = DurationBuckets.One(TimeSpan.FromMinutes(90)) };
        var json = JsonSerializer.Serialize(new[] { new { Category = "roads", Channel = "hotline", Sla = "general", Tally = tally } },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } });
        var row = new TableEntity("g1", "202603") { ["Cells0"] = json };

        var cells = GridMonthEntity.ReadCells(row);
        Assert.Equal(Canonical(new Dictionary<CellKey, Tally> { [new("roads", IssueChannel.Hotline, SlaClass.General)] = tally }), Canonical(cells));
        Assert.Empty(GridMonthEntity.ReadMonthEnd(row));
    }

    private static SortedDictionary<string, string> Canonical(Dictionary<CellKey, Tally> cells) =>
        new(cells.ToDictionary(c => $"{c.Key.Category} {c.Key.Channel} {c.Key.Sla}", c =>
        {
            var t = c.Value.Copy();
            if (t.ResponseHistogram?.All(v => v == 0) == true) t.ResponseHistogram = null;
            if (t.ResolutionHistogram?.All(v => v == 0) == true) t.ResolutionHistogram = null;
            return JsonSerializer.Serialize(t);
        }), StringComparer.Ordinal);
}
