namespace GridGov.Silo.Replay;

/// <summary>
/// How a district's year moves: fewer issues around the Spring Festival (February) and the October holidays, more
/// in the hot, rainy summer; and which categories swell when (water, sewage, roads and leaking roofs in the rainy
/// season, dust in spring and heating smog in winter, refuse after the festival, unpaid wages before it, schools at
/// term start). Category base weights are those of the hotline reports (property management and roads lead).
/// </summary>
public static class Seasons
{
    /// <summary>Relative volume by month (January first); normalised by the plan.</summary>
    public static readonly double[] Months = [0.85, 0.62, 0.98, 1.00, 1.04, 1.10, 1.20, 1.18, 1.02, 0.86, 0.97, 0.95];

    public static readonly IReadOnlyDictionary<string, double> Categories = new Dictionary<string, double>
    {
        ["property"] = 18, ["roads"] = 10, ["elderly"] = 8, ["water"] = 7, ["refuse"] = 7, ["environment"] = 6,
        ["transit"] = 6, ["sewage"] = 5, ["building"] = 5, ["security"] = 5, ["other"] = 5, ["education"] = 4,
        ["employment"] = 4, ["assistance"] = 4, ["food-drug"] = 3, ["hukou"] = 3,
    };

    /// <summary>A category's weight in <paramref name="month"/> (1-12) relative to its base.</summary>
    public static double Factor(string category, int month) => (category, month) switch
    {
        ("water", >= 6 and <= 8) => 1.6,
        ("water", 5 or 9) => 1.2,
        ("sewage", >= 6 and <= 8) => 1.8,
        ("roads" or "building", >= 6 and <= 8) => 1.3,
        ("environment", >= 3 and <= 5) => 1.4,
        ("environment", 11 or 12 or 1) => 1.3,
        ("refuse", 2) => 1.6,
        ("refuse", 10) => 1.3,
        ("elderly", 12 or 1 or 2) => 1.3,
        ("education", 9) => 1.6,
        ("education", 3) => 1.4,
        ("education", 7 or 8) => 0.5,
        ("employment", 1) => 1.8,
        ("employment", 2) => 1.5,
        ("transit", >= 7 and <= 9) => 1.2,
        _ => 1,
    };

    /// <summary>Residents file on weekdays more than at weekends.</summary>
    public static double Weekday(DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.55 : 1;

    /// <summary>Relative volume by local hour: office hours, peaks mid-morning and mid-afternoon, little at night.</summary>
    public static readonly double[] Hours =
        [0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.3, 0.7, 1.2, 1.5, 1.5, 1.2, 0.8, 1.0, 1.3, 1.4, 1.2, 1.0, 0.8, 0.7, 0.6, 0.4, 0.2, 0.1];
}
