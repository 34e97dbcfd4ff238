using GridGov.Dashboard.Figures;
using GridGov.Grains;
using GridGov.Grains.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGov.Silo.Api;

/// <summary>The periods figures are reported for, in the district's time zone: the live year and today.</summary>
public sealed class Periods([FromKeyedServices(GridGovTime.Key)] TimeProvider time, IOptions<GridGovOptions> options)
{
    public ScoreWeights Weights => options.Value.Weights;

    public int Year(string timeZone) => DistrictCalendar.For(timeZone).Year(time.GetUtcNow());

    public int Month(string timeZone) => DistrictCalendar.For(timeZone).MonthKey(time.GetUtcNow());

    public int Today(string timeZone) => DistrictCalendar.For(timeZone).DayKey(time.GetUtcNow());

    public IReadOnlyList<int> LastDays(string timeZone, int count) => DistrictCalendar.For(timeZone).LastDays(time.GetUtcNow(), count);

    /// <summary>Figures for the year to date and for today, from a unit's counters.</summary>
    public UnitFigures Of(CounterSet counters, string timeZone)
    {
        var year = Year(timeZone);
        return new(FiguresView.Of(year.ToString(), counters.Year(year), Weights), FiguresView.Of(Today(timeZone).ToString(), counters.Day(Today(timeZone)), Weights));
    }
}

/// <summary>A unit's figures: the live year (by acceptance) and today (by acceptance day).</summary>
public sealed record UnitFigures(FiguresView Year, FiguresView Today);
