using GridGov.Grains.Rollups;

namespace GridGov.Grains.Years;

/// <summary>
/// A period's rollup as published: for an open year, read now; for a closed year, the frozen figures, with
/// <see cref="Current"/> the same structure's figures now, so changes that arrived after closing show as amendments.
/// </summary>
public sealed record YearRollup(DistrictRollup Published, DistrictRollup? Current, ClosedYear? Closed)
{
    /// <summary>The current figures when they differ from the published ones, else null.</summary>
    public static RollupFigures? Amended(RollupFigures published, RollupFigures? current) =>
        current is not null && current != published ? current : null;
}

/// <summary>Reads rollups through closed years: what every rollup endpoint serves.</summary>
public sealed class YearRollups(RollupReader reader, ClosedYears years)
{
    /// <summary>What slices by category are named from.</summary>
    public Domain.CategoryCatalogue Categories => reader.Categories;

    public async Task<YearRollup> Read(string districtId, RollupPeriod period, CancellationToken ct = default)
    {
        var structure = await reader.Structure(districtId);
        var closed = years.IsOver(structure.TimeZone, period.Year) ? await years.Find(districtId, period.Year, ct) : null;
        if (closed is null) return new(await reader.Read(structure, period, ct), null, null);
        // Amendments are read over the structure the year was closed with, so every published unit has its counterpart.
        return new(closed.Rollup(period), await reader.Read(closed.Structure, period, ct), closed);
    }
}
