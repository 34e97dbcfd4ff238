namespace GridGov.Grains.Domain.Units;

/// <summary>
/// A unit by level and id: the one place its key strings are made and read. The key ("community:ID") names aggregate
/// grains, outbox receivers, SignalR groups, operators' scopes and the scope keys in answers. A unit's address, what a
/// delta's sender says, is its key, except a grid's: grids send under their bare id. Ids never hold ':' (the
/// structure's id rule, in StructureValidation), so an address without a level is a grid's.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct UnitKey([property: Id(0)] UnitLevel Level, [property: Id(1)] string Id)
{
    private const char Separator = ':';

    public static UnitKey Grid(string id) => new(UnitLevel.Grid, id);
    public static UnitKey Community(string id) => new(UnitLevel.Community, id);
    public static UnitKey Street(string id) => new(UnitLevel.Street, id);
    public static UnitKey District(string id) => new(UnitLevel.District, id);
    public static UnitKey Deputy(string id) => new(UnitLevel.Deputy, id);

    /// <summary>A community, street or district: a unit that sums its children's deltas.</summary>
    public bool IsAggregate => Level is UnitLevel.Community or UnitLevel.Street or UnitLevel.District;

    /// <summary>The level of an aggregate's children: a community's grids, a street's communities, a district's streets.</summary>
    public UnitLevel ChildLevel => Level switch
    {
        UnitLevel.Community => UnitLevel.Grid,
        UnitLevel.Street => UnitLevel.Community,
        UnitLevel.District => UnitLevel.Street,
        _ => throw new InvalidOperationException($"A {Name(Level)} has no child units."),
    };

    public UnitKey Child(string id) => new(ChildLevel, id);

    /// <summary>"community:ID".</summary>
    public string Key => Name(Level) + Separator + Id;

    /// <summary>What a delta from this unit names as its sender: a grid's bare id, else the key.</summary>
    public string Address => Level == UnitLevel.Grid ? Id : Key;

    public override string ToString() => Key;

    /// <summary>The level's name in keys and on the wire: "grid", "community", "street", "district", "deputy".</summary>
    public static string Name(UnitLevel level) => level switch
    {
        UnitLevel.Grid => "grid",
        UnitLevel.Community => "community",
        UnitLevel.Street => "street",
        UnitLevel.District => "district",
        UnitLevel.Deputy => "deputy",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>A level by its name (<see cref="Name"/>), case-insensitive.</summary>
    public static bool TryParseLevel(string? name, out UnitLevel level)
    {
        foreach (var candidate in Enum.GetValues<UnitLevel>())
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        level = default;
        return false;
    }

    /// <summary>Reads a key ("community:ID"): false for anything else, an empty id included.</summary>
    public static bool TryParse(string? key, out UnitKey unit)
    {
        unit = default;
        var i = key?.IndexOf(Separator) ?? -1;
        if (i <= 0 || i == key!.Length - 1 || !TryParseLevel(key[..i], out var level)) return false;
        unit = new UnitKey(level, key[(i + 1)..]);
        return true;
    }

    public static UnitKey Parse(string key) =>
        TryParse(key, out var unit) ? unit : throw new FormatException($"'{key}' is not a unit key (level:id).");

    /// <summary>Reads a delta's sender (<see cref="Address"/>).</summary>
    public static UnitKey OfAddress(string address) => TryParse(address, out var unit) ? unit : Grid(address);
}
