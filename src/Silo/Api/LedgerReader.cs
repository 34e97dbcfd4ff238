using GridGov.Grains.Archive;
using GridGov.Grains.Domain;
using GridGov.Grains.Grids;
using GridGov.Grains.Rollups;

namespace GridGov.Silo.Api;

/// <summary>
/// The issues of one grid whose cohort month (acceptance, else receipt, in the district's time zone) lies in a period:
/// those the grid still holds, then its archive partitions (by month of receipt) from <see cref="AcceptanceLagMonths"/>
/// before the period to its end. Held issues are read first and win: an issue archived in between is seen twice, never missed.
/// </summary>
public sealed class LedgerReader(IGrainFactory grains, IIssueArchive archive)
{
    /// <summary>Months before the period whose receipts are searched for issues accepted later (manual acceptance).</summary>
    public const int AcceptanceLagMonths = 2;
    private const int ArchivePage = 500;

    public async Task<IReadOnlyList<LedgerRow>> Grid(LedgerPlace place, RollupPeriod period, DistrictCalendar calendar,
        IReadOnlyDictionary<string, string> deputyNames, CancellationToken ct)
    {
        var issues = new Dictionary<string, Issue>();
        foreach (var i in await grains.GetGrain<IGridGrain>(place.GridId).GetHeldIssues()) issues[i.Id] = i;
        for (var month = DistrictCalendar.AddMonths(period.FromMonth, -AcceptanceLagMonths); month <= period.ToMonth; month = DistrictCalendar.AddMonths(month, 1))
        {
            string? token = null;
            do
            {
                var page = await archive.List(place.GridId, month, token, ArchivePage, ct);
                foreach (var i in page.Issues) issues.TryAdd(i.Id, i);
                token = page.Continuation;
            } while (token is not null);
        }
        return issues.Values.Select(i => (Issue: i, Month: calendar.MonthKey(i.CohortTime)))
            .Where(x => period.Contains(x.Month))
            .OrderBy(x => x.Issue.ReceivedAt).ThenBy(x => x.Issue.Id, StringComparer.Ordinal)
            .Select(x => LedgerRow.Of(x.Issue, place, x.Month, deputyNames)).ToList();
    }
}
