namespace GridGov.Grains.Access;

/// <summary>How much of an issue a caller may read.</summary>
public enum IssueReach
{
    None,
    /// <summary>Its place, category, title, status and clock: no description, address, contact, history or photos.</summary>
    Summary,
    /// <summary>All of it but the resident's contact, which <see cref="AccessRules.MaySeeContact"/> decides.</summary>
    Full,
}
