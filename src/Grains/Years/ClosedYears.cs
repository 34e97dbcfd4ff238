using System.Collections.Concurrent;
using GridGov.Grains.Domain;
using GridGov.Grains.Rollups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGov.Grains.Years;

/// <summary>
/// Closing a district's year, and finding closed years fast: a loaded year is kept in memory for good (it is
/// immutable); "not closed" is remembered for <see cref="NotClosedFor"/> only, since another silo may close it
/// meanwhile. A year not yet over in the district's time zone is never looked up: it cannot be closed.
/// </summary>
public sealed class ClosedYears(
    ClosedYearStore store,
    RollupReader reader,
    IOptions<GridGovOptions> options,
    [FromKeyedServices(GridGovTime.Key)] TimeProvider time)
{
    public static readonly TimeSpan NotClosedFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string District, int Year), ClosedYear> _closed = new();
    private readonly ConcurrentDictionary<(string District, int Year), long> _notClosedUntil = new();

    /// <summary>The closed year, or null while it is open.</summary>
    public async Task<ClosedYear?> Find(string districtId, int year, CancellationToken ct = default)
    {
        var key = (districtId, year);
        if (_closed.TryGetValue(key, out var known)) return known;
        // Cache expiry is the machine's clock, not the domain clock (tests move that one by years).
        if (_notClosedUntil.TryGetValue(key, out var until) && Environment.TickCount64 < until) return null;
        var loaded = await store.Load(districtId, year, ct);
        if (loaded is null)
        {
            _notClosedUntil[key] = Environment.TickCount64 + (long)NotClosedFor.TotalMilliseconds;
            return null;
        }
        return _closed.GetOrAdd(key, loaded);
    }

    /// <summary>Is the year over in the district's time zone (only then can it be closed)?</summary>
    public bool IsOver(string timeZone, int year) => DistrictCalendar.For(timeZone).Year(time.GetUtcNow()) > year;

    /// <summary>
    /// Freezes every grid's counters of <paramref name="year"/> and its month-end snapshots of open issues (cohorts of
    /// the year) as they are now, with the structure and scoring rules,
    /// and stores them for good. Unknown district: 404; year not over, or already closed: 409.
    /// </summary>
    public async Task<ClosedYear> Close(string districtId, int year, string closedBy, CancellationToken ct = default)
    {
        var period = RollupPeriod.Of(year);
        var structure = await reader.Structure(districtId);
        if (!IsOver(structure.TimeZone, year))
            throw DomainRuleException.Conflict("year.notOver", $"{year} is not over yet in {structure.TimeZone}; a year closes once it has ended.");
        if (await Find(districtId, year, ct) is not null) throw ClosedYearStore.AlreadyClosed(districtId, year);
        var grids = await reader.ReadGrids(structure, period, ct);
        var o = options.Value;
        var closed = new ClosedYear
        {
            DistrictId = districtId, Year = year, ClosedAt = time.GetUtcNow(), ClosedBy = closedBy, Structure = structure,
            Weights = o.Weights, MinimumDecidedToRank = o.MinimumDecidedToRank,
            Grids = grids.ToDictionary(g => g.Key, g => g.Value.Counters.ToCounterSet()),
            MonthEnds = grids.ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, IReadOnlyDictionary<int, OpenCount>>)g.Value.MonthEnds
                .ToDictionary(m => m.Key, m => (IReadOnlyDictionary<int, OpenCount>)m.Value.Where(c => period.Contains(c.Key) && c.Value != default)
                    .ToDictionary(c => c.Key, c => c.Value))),
        };
        await store.Save(closed, ct);
        _notClosedUntil.TryRemove((districtId, year), out _);
        return _closed.GetOrAdd((districtId, year), closed);
    }
}
