namespace GridGov.Grains.Domain;

/// <summary>
/// Days, months and years as the district counts them: in its own time zone (default Asia/Shanghai),
/// whatever the server's zone. Keys are integers: yyyyMMdd for days, yyyyMM for months.
/// </summary>
public sealed class DistrictCalendar(TimeZoneInfo zone)
{
    /// <summary>The zone of a district imported without one (the default of the structure's and profiles' TimeZone).</summary>
    public const string DefaultZone = "Asia/Shanghai";

    /// <summary>The calendar of <see cref="DefaultZone"/>.</summary>
    public static readonly DistrictCalendar Shanghai = new(TimeZoneInfo.FindSystemTimeZoneById(DefaultZone));

    public TimeZoneInfo Zone { get; } = zone;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DistrictCalendar> Known = new();

    public static DistrictCalendar For(string timeZoneId) =>
        Known.GetOrAdd(timeZoneId, id => new DistrictCalendar(TimeZoneInfo.FindSystemTimeZoneById(id)));

    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    public int DayKey(DateTimeOffset at) { var l = Local(at); return l.Year * 10000 + l.Month * 100 + l.Day; }

    public int MonthKey(DateTimeOffset at) { var l = Local(at); return l.Year * 100 + l.Month; }

    public int Year(DateTimeOffset at) => Local(at).Year;

    /// <summary>The day keys of the <paramref name="count"/> days ending with the day of <paramref name="at"/>, oldest first.</summary>
    public IReadOnlyList<int> LastDays(DateTimeOffset at, int count)
    {
        var today = Local(at).Date;
        return Enumerable.Range(0, count).Select(i => today.AddDays(i - count + 1))
            .Select(d => d.Year * 10000 + d.Month * 100 + d.Day).ToList();
    }

    /// <summary>The first instant of month <paramref name="monthKey"/> (yyyyMM) in the district's zone.</summary>
    public DateTimeOffset StartOf(int monthKey)
    {
        var local = new DateTime(monthKey / 100, monthKey % 100, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The instant month <paramref name="monthKey"/> ends: the first instant of the next month.</summary>
    public DateTimeOffset EndOf(int monthKey) => StartOf(AddMonths(monthKey, 1));

    public static int MonthOfDay(int dayKey) => dayKey / 100;

    public static int AddMonths(int monthKey, int months)
    {
        var total = monthKey / 100 * 12 + (monthKey % 100 - 1) + months;
        return total / 12 * 100 + total % 12 + 1;
    }
}
