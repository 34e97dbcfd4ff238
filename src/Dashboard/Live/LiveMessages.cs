using GridGov.Dashboard.Figures;
using GridGov.Grains;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Live;

namespace GridGov.Dashboard.Live;

/// <summary>
/// Server -> client "StatsChanged": the whole live state of one scope (year to date by acceptance, today,
/// children, 30-day trend). A full state, so a client that missed versions loses nothing: it keeps the
/// highest version it has seen. <see cref="Commits"/> names the grid commits this message newly covers.
/// </summary>
public sealed record StatsChanged(
    string Scope, string Id, string Name, string NameEn, string Period, long Version,
    TotalsView Totals, RatesView Rates, TotalsView Today, IReadOnlyList<ChildStats> Children, IReadOnlyList<TrendView> Trend,
    IReadOnlyDictionary<string, long> Commits)
{
    public static StatsChanged Of(LiveStats s, GridGovOptions options)
    {
        var w = options.Weights;
        return new StatsChanged(UnitKey.Name(s.Unit.Level), s.Unit.Id, s.Name, s.NameEn, s.Year.ToString(), s.Version,
            TotalsView.Of(s.YearTally), RatesView.Of(s.YearTally, w), TotalsView.Of(s.TodayTally),
            s.Children.Select(c => new ChildStats(c.Id, c.Name, c.NameEn, TotalsView.Of(c.Year), RatesView.Of(c.Year, w),
                Grains.Domain.Rates.Decided(c.Year) >= options.MinimumDecidedToRank)).ToList(),
            s.Trend.Select(t => new TrendView(t.Day, t.Accepted, t.Resolved, RateView.Of(t.ResolutionRate))).ToList(),
            s.Commits);
    }
}

/// <summary>A child unit in a ranking: ranked only with enough decided cases, else "too few to rank".</summary>
public sealed record ChildStats(string Id, string Name, string NameEn, TotalsView Totals, RatesView Rates, bool Ranked);

/// <summary>One day of the trend, by acceptance day.</summary>
public sealed record TrendView(int Day, long Accepted, long Resolved, RateView ResolutionRate);

/// <summary>Server -> client "HeatChanged": grids of a scope whose figures moved (all of them in the snapshot).</summary>
public sealed record HeatChanged(string Scope, string Id, IReadOnlyList<HeatCell> Cells);

public sealed record HeatCell(string GridId, string Name, string NameEn, string CommunityId, long Open, long OpenOverdue, RateView ResolutionRate, long Version)
{
    public static HeatCell Of(LiveStats grid)
    {
        var community = grid.Ancestors.FirstOrDefault(a => a.Level == UnitLevel.Community);
        return new HeatCell(grid.Unit.Id, grid.Name, grid.NameEn, community.Id ?? "",
            grid.YearTally.Open, grid.YearTally.OpenOverdue, RateView.Of(Rates.Of(grid.YearTally).Resolution), grid.Version);
    }
}

/// <summary>Server -> client "IssueEvent": what happened, where, when; never who the resident is.</summary>
public sealed record IssueEventMessage(string Kind, string IssueId, string GridId, string Category, DateTimeOffset At)
{
    public static IssueEventMessage Of(IssueEvent e) => new(e.Kind, e.IssueId, e.GridId, e.Category, e.At);
}

/// <summary>
/// Server -> client "Alert": something an operator should look at; when <see cref="AcknowledgedBy"/> is set it was
/// acknowledged and leaves every screen.
/// </summary>
public sealed record AlertMessage(string Id, string Kind, string GridId, string? IssueId, DateTimeOffset At, string? Detail,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt)
{
    public static AlertMessage Of(Grains.Alerts.Alert a) => new(a.Id, a.Kind, a.GridId, a.IssueId, a.At, a.Detail, a.AcknowledgedBy, a.AcknowledgedAt);
}

/// <summary>Server -> client "DeputyIssues", to the deputy's own connections only: issues assigned or changed, and ids that left the list.</summary>
public sealed record DeputyIssuesChanged(string DeputyId, IReadOnlyList<DeputyCard> Changed, IReadOnlyList<string> Removed)
{
    public static DeputyIssuesChanged Of(DeputyUpdate u) => new(u.DeputyId, u.Changed.Select(DeputyCard.Of).ToList(), u.Removed);
}

/// <summary>An issue as the deputy's list shows it.</summary>
public sealed record DeputyCard(string Id, string GridId, string Title, string Category, string Status, DateTimeOffset? DueAt, bool Overdue, int Version)
{
    public static DeputyCard Of(Grains.Domain.Deltas.IssueCard c) =>
        new(c.Id, c.GridId, c.Title, c.Category, Names.Of(c.Status), c.DueAt, c.Overdue, c.Version);
}
