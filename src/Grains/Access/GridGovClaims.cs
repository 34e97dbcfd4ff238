namespace GridGov.Grains.Access;

/// <summary>The roles and claims GridGov reads from a token.</summary>
public static class GridGovClaims
{
    public const string Role = "role";
    /// <summary>The deputy id of a deputy's token.</summary>
    public const string Deputy = "deputy";
    /// <summary>An operator's or display's scope: "street:ID" or "community:ID"; absent means the whole district.</summary>
    public const string Scope = "scope";

    public static class Roles
    {
        public const string Admin = "admin";
        public const string Operator = "operator";
        public const string Deputy = "deputy";
        public const string Display = "display";
    }
}
