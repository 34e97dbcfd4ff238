using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Grains.Rollups;

namespace GridGov.Silo.Api;

/// <summary>
/// The issues of one grid whose cohort month (acceptance, else receipt, in the district's time zone) lies in a period:
/// those the grid still holds, then its archive partitions (by month of receipt) from <see cref="AcceptanceLagMonths"/>
/// before the period to its end, and older ones, one month at a time, while the grid's counters say the period has more
/// issues than were found (an issue accepted long after its receipt). Held issues are read first and win: an issue
/// archived in between is seen twice, never missed.
/// </summary>
public sealed class LedgerReader(IGrainFactory grains, IIssueArchive archive, Microsoft.Extensions.Options.IOptions<GridGov.Grains.GridGovOptions> options)
{
    /// <summary>Months before the period whose receipts are always searched for issues accepted later (manual acceptance).</summary>
    public const int AcceptanceLagMonths = 2;
    /// <summary>How far back receipts are searched when the counters say issues are still missing.</summary>
    public const int LookBackMonths = 24;
    private const int ArchivePage = 500;

    /// <param name="expected">How many issues the grid's counters give the period (received and voided, by cohort month).</param>
    public async Task<IReadOnlyList<LedgerRow>> Grid(LedgerPlace place, RollupPeriod period, DistrictCalendar calendar,
        IReadOnlyDictionary<string, string> deputyNames, long expected, CancellationToken ct)
    {
        var issues = new Dictionary<string, Issue>();
        foreach (var i in await grains.GetGrain<IGridGrain>(place.GridId).GetHeldIssues()) issues[i.Id] = i;
        var oldest = DistrictCalendar.AddMonths(period.FromMonth, -AcceptanceLagMonths);
        for (var month = oldest; month <= period.ToMonth; month = DistrictCalendar.AddMonths(month, 1)) await Read(month);
        var furthest = DistrictCalendar.AddMonths(period.FromMonth, -LookBackMonths);
        while (InPeriod().Count() < expected && oldest > furthest) await Read(oldest = DistrictCalendar.AddMonths(oldest, -1));
        return InPeriod()
            .OrderBy(x => x.Issue.ReceivedAt).ThenBy(x => x.Issue.Id, StringComparer.Ordinal)
            .Select(x => LedgerRow.Of(x.Issue, place, x.Month, deputyNames, options.Value.Catalogue)).ToList();

        IEnumerable<(Issue Issue, int Month)> InPeriod() =>
            issues.Values.Select(i => (Issue: i, Month: calendar.MonthKey(i.CohortTime))).Where(x => period.Contains(x.Month));

        async Task Read(int month)
        {
            string? token = null;
            do
            {
                var page = await archive.List(place.GridId, month, token, ArchivePage, ct);
                foreach (var i in page.Issues) issues.TryAdd(i.Id, i);
                token = page.Continuation;
            } while (token is not null);
        }
    }
}
