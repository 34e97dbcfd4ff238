namespace GridGov.Silo.Auth;

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
