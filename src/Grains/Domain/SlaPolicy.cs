namespace GridGov.Grains.Domain;

/// <summary>Time limits of one SLA class: to resolve, and to first contact the resident.</summary>
[GenerateSerializer, Immutable]
public sealed record SlaLimits([property: Id(0)] TimeSpan Resolve, [property: Id(1)] TimeSpan FirstResponse);

/// <summary>The district's time limits and rating rules; all configurable, defaults from the hotline conventions.</summary>
[GenerateSerializer, Immutable]
public sealed record SlaPolicy
{
    [Id(0)] public SlaLimits Emergency { get; init; } = new(TimeSpan.FromHours(2), TimeSpan.FromHours(2));
    [Id(1)] public SlaLimits Utilities { get; init; } = new(TimeSpan.FromHours(24), TimeSpan.FromHours(24));
    [Id(2)] public SlaLimits General { get; init; } = new(TimeSpan.FromDays(7), TimeSpan.FromHours(24));
    [Id(3)] public SlaLimits Complex { get; init; } = new(TimeSpan.FromDays(15), TimeSpan.FromHours(24));
    /// <summary>How long a resident may rate a closed issue; after it the issue counts as "not rated".</summary>
    [Id(4)] public TimeSpan RatingWindow { get; init; } = TimeSpan.FromDays(7);
    /// <summary>How many times an unsatisfied rating may reopen one issue.</summary>
    [Id(5)] public int ReopenLimit { get; init; } = 1;

    public static readonly SlaPolicy Default = new();

    public SlaLimits For(SlaClass sla) => sla switch
    {
        SlaClass.Emergency => Emergency,
        SlaClass.Utilities => Utilities,
        SlaClass.General => General,
        SlaClass.Complex => Complex,
        _ => throw new ArgumentOutOfRangeException(nameof(sla)),
    };
}
