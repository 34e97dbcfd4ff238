namespace GridGov.Grains.Domain;

public enum ActorRole
{
    System,
    Admin,
    Operator,
    Deputy,
    Resident,
    Display,
}

/// <summary>Who did something: recorded in every history entry.</summary>
[GenerateSerializer, Immutable]
public sealed record Actor([property: Id(0)] ActorRole Role, [property: Id(1)] string Id)
{
    public static readonly Actor System = new(ActorRole.System, "system");
    public static readonly Actor Resident = new(ActorRole.Resident, "resident");
    /// <summary>"deputy:ID", as histories show it: an actor, not a unit (<see cref="Units.UnitKey"/>).</summary>
    public override string ToString() => $"{Names.Of(Role)}:{Id}";
}
