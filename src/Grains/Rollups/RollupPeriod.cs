using System.Globalization;
using GridGov.Grains.Domain;

namespace GridGov.Grains.Rollups;

/// <summary>
/// The months a rollup covers, by cohort month (yyyyMM, in the district's time zone): a whole year, one month
/// ("202603") or a quarter ("Q1".."Q4") of that year.
/// </summary>
public sealed record RollupPeriod(int Year, string Label, int FromMonth, int ToMonth)
{
    public IEnumerable<int> Months => Enumerable.Range(0, (ToMonth / 100 - FromMonth / 100) * 12 + ToMonth % 100 - FromMonth % 100 + 1)
        .Select(n => DistrictCalendar.AddMonths(FromMonth, n));

    public bool Contains(int month) => month >= FromMonth && month <= ToMonth;

    public static RollupPeriod Of(int year, string? period = null)
    {
        if (year is < 2000 or > 2999) throw DomainRuleException.Invalid("year", "A year is 2000-2999.");
        var p = period?.Trim() ?? "";
        if (p.Length == 0 || p == year.ToString(CultureInfo.InvariantCulture))
            return new(year, year.ToString(CultureInfo.InvariantCulture), year * 100 + 1, year * 100 + 12);
        if (p.Length == 2 && (p[0] is 'Q' or 'q') && p[1] is >= '1' and <= '4')
        {
            var q = p[1] - '0';
            return new(year, $"{year}Q{q}", year * 100 + q * 3 - 2, year * 100 + q * 3);
        }
        if (p.Length == 6 && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month / 100 == year && month % 100 is >= 1 and <= 12)
            return new(year, p, month, month);
        throw DomainRuleException.Invalid("period", $"A period is a month of {year} (yyyyMM), a quarter (Q1-Q4), or empty for the whole year.");
    }
}
