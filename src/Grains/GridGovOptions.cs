using GridGov.Grains.Domain;

namespace GridGov.Grains;

/// <summary>Settings of the domain, bound from the "GridGov" configuration section.</summary>
public sealed class GridGovOptions
{
    public SlaPolicy Sla { get; set; } = new();
    /// <summary>Fresh instances (here and for Sla): the configuration binder sets a bound record's init properties in place, and binding into
    /// the shared <see cref="ScoreWeights.Default"/> changed the defaults of every later host in the process.</summary>
    public ScoreWeights Weights { get; set; } = new();
    /// <summary>Categories added to the built-in catalogue (or renaming one of its codes): GridGov:Categories:0:Code, NameZh, NameEn.</summary>
    public List<Category> Categories { get; set; } = [];
    /// <summary>The catalogue issues are filed under, named by and served from (GET /api/categories).</summary>
    public CategoryCatalogue Catalogue => CategoryCatalogue.Default.With(Categories);
    /// <summary>Months an aggregate keeps: the live year plus the one before.</summary>
    public int LiveMonths { get; set; } = 24;
    /// <summary>How often a grid with running clocks or undelivered deltas is woken if no activation holds it.</summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>A grid whose resolution rate falls under this (with enough decided cases to rank) raises an alert.</summary>
    public double AlertResolutionBelow { get; set; } = 0.9;
    /// <summary>Units with fewer decided cases than this are listed apart as "too few to rank".</summary>
    public int MinimumDecidedToRank { get; set; } = 20;
    /// <summary>
    /// The mean time between two storage writes of one community, street or district under load (after a quiet spell a
    /// few go at once, see GroupCommit.WriteBurst): deltas arriving meanwhile share the next write. Nobody watching waits
    /// for it (hints show each change at once); only the durable climb and a child's next delivery do. At 500 events/s a
    /// community hears of 2-4 deltas a second: at 1 s the 153 aggregates of the demo district still made a fifth of all
    /// storage writes, competing with the grid writes that HTTP answers wait on (bench/RESULTS.md).
    /// </summary>
    public TimeSpan AggregateWriteGap { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>The same for a deputy's list: its grids' outboxes hold the deltas durably until the deputy stored them,
    /// and its screens do not wait for the write (see Live/CardsAhead). 322 demo deputies at 500 events/s hear of about 1.5
    /// deltas a second each: at 2 s they made another fifth of the storage writes.</summary>
    public TimeSpan DeputyWriteGap { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How many closed issues awaiting a rating a grid holds before it parks them in the archive, those closed
    /// <see cref="ParkClosedAfter"/> ago or more, in one write (see GridBook.ToPark). A rating or the end of the rating
    /// window brings an issue back.</summary>
    public int ParkAwaitingRatingAt { get; set; } = 32;
    /// <summary>How long a closed issue stays in its grid's state before it may be parked: a rating that follows at once
    /// does not pay for a read from the archive.</summary>
    public TimeSpan ParkClosedAfter { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The most rows a ledger export (CSV, XLSX) holds; a bigger one answers 413 and points to the JSON pages.</summary>
    public int LedgerExportRows { get; set; } = 100_000;
    /// <summary>Whether grids raise alerts (off for a replayed year: history is not news).</summary>
    public bool RaiseAlerts { get; set; } = true;
}
