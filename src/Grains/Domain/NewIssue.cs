namespace GridGov.Grains.Domain;

/// <summary>What a resident (or an operator on their behalf) submits.</summary>
[GenerateSerializer, Immutable]
public sealed record NewIssue(
    [property: Id(0)] string GridId,
    [property: Id(1)] string Category,
    [property: Id(2)] IssueChannel Channel,
    [property: Id(3)] SlaClass Sla,
    [property: Id(4)] string Title,
    [property: Id(5)] string? Description = null,
    [property: Id(6)] Contact? Contact = null,
    [property: Id(7)] Location? Location = null,
    /// <summary>An operator accepts or declines this one by hand even where the district accepts automatically
    /// (an intake that needs triage). Not settable over HTTP; the year replay uses it for its declines.</summary>
    [property: Id(8)] bool HeldForReview = false,
    /// <summary>Who filed it: a resident, or staff on a resident's behalf (a deputy at a reception).</summary>
    [property: Id(9)] Actor? FiledBy = null)
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 4000;
    public const int MaxContactField = 100;
    public const int MaxAddress = 300;

    /// <summary>Throws <see cref="DomainRuleException"/> naming the first field that is missing or too long.</summary>
    public void Validate(CategoryCatalogue categories)
    {
        if (string.IsNullOrWhiteSpace(Title)) throw DomainRuleException.Invalid("title.missing", "A title is required.");
        Limit(Title, MaxTitle, "title");
        Limit(Description, MaxDescription, "description");
        Limit(Contact?.Name, MaxContactField, "contact.name");
        Limit(Contact?.Phone, MaxContactField, "contact.phone");
        Limit(Location?.Address, MaxAddress, "location.address");
        if (!categories.Contains(Category))
            throw DomainRuleException.Invalid("category.unknown", $"Unknown category '{Category}'.");
        if (!Enum.IsDefined(Channel)) throw DomainRuleException.Invalid("channel.unknown", "Unknown channel.");
        if (!Enum.IsDefined(Sla)) throw DomainRuleException.Invalid("sla.unknown", "Unknown SLA class.");
        if (Location is { Latitude: < -90 or > 90 } or { Longitude: < -180 or > 180 })
            throw DomainRuleException.Invalid("location.range", "Latitude or longitude out of range.");
    }

    private static void Limit(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
            throw DomainRuleException.Invalid($"{field}.too-long", $"'{field}' is longer than {max} characters.");
    }
}
