namespace GridGov.Silo.Auth;

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

/// <summary>Authorization policies: every endpoint names one of these (or allows anonymous residents explicitly).</summary>
public static class Policies
{
    /// <summary>Admins only: structure, configuration, void.</summary>
    public const string Admin = "admin";
    /// <summary>Admins and operators (operators limited to their scope).</summary>
    public const string Operator = "operator";
    /// <summary>Admins, operators and deputies: anyone who works issues.</summary>
    public const string Staff = "staff";
    /// <summary>Staff and wall-screen displays: read-only figures.</summary>
    public const string Viewer = "viewer";
}
