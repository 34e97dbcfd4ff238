namespace GridGov.Grains.Domain;

/// <summary>What kind of rule a command broke; the API maps each to a status code.</summary>
public enum RuleKind
{
    /// <summary>The input itself is wrong (400).</summary>
    Invalid,
    /// <summary>Something named does not exist (404).</summary>
    NotFound,
    /// <summary>Valid input that the current state does not allow (409).</summary>
    Conflict,
    /// <summary>The caller may not do this to this issue (403).</summary>
    Forbidden,
}

/// <summary>A command broke a domain rule. Thrown before anything is changed.</summary>
[GenerateSerializer]
public sealed class DomainRuleException(RuleKind kind, string code, string message) : Exception(message)
{
    [Id(0)] public RuleKind Kind { get; } = kind;
    [Id(1)] public string Code { get; } = code;

    public static DomainRuleException Invalid(string code, string message) => new(RuleKind.Invalid, code, message);
    public static DomainRuleException NotFound(string code, string message) => new(RuleKind.NotFound, code, message);
    public static DomainRuleException Conflict(string code, string message) => new(RuleKind.Conflict, code, message);
    public static DomainRuleException Forbidden(string code, string message) => new(RuleKind.Forbidden, code, message);
}
