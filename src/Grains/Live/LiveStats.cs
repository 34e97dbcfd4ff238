using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Units;

namespace GridGov.Grains.Live;

/// <summary>
/// What a scope (grid, community, street, district) shows live: its figures for the year and today (by
/// acceptance), a 30-day trend, its children's year figures, and which grid commits it now covers.
/// A full state, not a delta: a later one replaces an earlier one, so coalescing loses nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveStats(
    [property: Id(0)] UnitKey Unit,
    [property: Id(1)] UnitKey? Parent,
    [property: Id(2)] string Name,
    [property: Id(3)] string NameEn,
    /// <summary>Grows with every change the scope applies.</summary>
    [property: Id(4)] long Version,
    [property: Id(5)] int Year,
    [property: Id(6)] int Today,
    [property: Id(7)] Tally YearTally,
    [property: Id(8)] Tally TodayTally,
    [property: Id(9)] IReadOnlyList<TrendPoint> Trend,
    [property: Id(10)] IReadOnlyList<ChildFigures> Children,
    /// <summary>Grid id -> newest commit of that grid included; only grids that moved since the scope's last publication.</summary>
    [property: Id(11)] IReadOnlyDictionary<string, long> Commits,
    /// <summary>For a grid: its community, street and district (heat views subscribe by those).</summary>
    [property: Id(12)] IReadOnlyList<UnitKey> Ancestors);

[GenerateSerializer, Immutable]
public sealed record TrendPoint([property: Id(0)] int Day, [property: Id(1)] long Accepted, [property: Id(2)] long Resolved, [property: Id(3)] double? ResolutionRate);

[GenerateSerializer, Immutable]
public sealed record ChildFigures([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string NameEn, [property: Id(3)] Tally Year);

/// <summary>Something that happened to an issue, as the command center may see it: no personal data.</summary>
[GenerateSerializer, Immutable]
public sealed record IssueEvent(
    [property: Id(0)] string Kind,
    [property: Id(1)] string IssueId,
    [property: Id(2)] string GridId,
    [property: Id(3)] string Category,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] IReadOnlyList<UnitKey> Scopes,
    [property: Id(6)] string? DeputyId = null);

/// <summary>A batch for one host: the latest stats per scope and the events since the last batch.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveBatch(
    [property: Id(0)] IReadOnlyList<LiveStats> Stats,
    [property: Id(1)] IReadOnlyList<IssueEvent> Events,
    [property: Id(2)] IReadOnlyList<Alerts.Alert> Alerts,
    [property: Id(3)] IReadOnlyList<DeputyUpdate> Deputies);

/// <summary>A deputy's list changed: cards of issues assigned or changed, ids of issues that left it.</summary>
[GenerateSerializer, Immutable]
public sealed record DeputyUpdate(
    [property: Id(0)] string DeputyId,
    [property: Id(1)] IReadOnlyList<Domain.Deltas.IssueCard> Changed,
    [property: Id(2)] IReadOnlyList<string> Removed);
