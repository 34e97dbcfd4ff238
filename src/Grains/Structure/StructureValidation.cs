using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Structure;

namespace GridGov.Grains.Structure;

/// <summary>Checks an imported district before anything is changed: ids present, unique, well-formed and referenced.</summary>
public static class StructureValidation
{
    private static readonly System.Text.RegularExpressions.Regex IdPattern = new("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    public static void Validate(DistrictStructure d)
    {
        Id(d.Id, "district");
        if (d.Streets is null || d.Deputies is null) throw Bad("structure.incomplete", "A district needs streets and deputies (either may be empty).");
        try { DistrictCalendar.For(d.TimeZone); }
        catch (TimeZoneNotFoundException) { throw Bad("timezone.unknown", $"Unknown time zone '{d.TimeZone}'."); }
        var seen = new HashSet<string>();
        foreach (var street in d.Streets)
        {
            Unique(seen, Id(street.Id, "street"), "street");
            foreach (var community in street.Communities ?? [])
            {
                Unique(seen, Id(community.Id, "community"), "community");
                foreach (var grid in community.Grids ?? []) Unique(seen, Id(grid.Id, "grid"), "grid");
            }
        }
        var deputies = new HashSet<string>();
        foreach (var deputy in d.Deputies) Unique(deputies, Id(deputy.Id, "deputy"), "deputy");
        var unknown = d.Streets.SelectMany(s => s.Communities ?? []).SelectMany(c => c.Grids ?? [])
            .SelectMany(g => g.Deputies ?? []).FirstOrDefault(id => !deputies.Contains(id));
        if (unknown is not null) throw Bad("deputy.unknown", $"A grid names deputy '{unknown}', who is not in the deputies list.");
    }

    private static string Id(string? id, string what) =>
        id is not null && IdPattern.IsMatch(id) ? id : throw Bad($"{what}.id", $"A {what} id must be 1-64 letters, digits, '-', '_' or '.': '{id}'.");

    private static void Unique(HashSet<string> seen, string id, string what)
    {
        if (!seen.Add(id)) throw Bad($"{what}.duplicate", $"The id '{id}' is used twice.");
    }

    private static DomainRuleException Bad(string code, string message) => DomainRuleException.Invalid(code, message);
}
