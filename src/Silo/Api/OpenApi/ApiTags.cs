namespace GridGov.Silo.Api.OpenApi;

/// <summary>The operation groups of the API, as the document describes them.</summary>
public static class ApiTags
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["Issues"] = "Residents submit issues; staff read and act on them within their scope.",
        ["Tracking"] = "A resident follows and rates an issue with its tracking code.",
        ["Photos"] = "Photos of an issue, uploaded by the resident or staff, served through signed links.",
        ["Grids"] = "A grid's figures and issues.",
        ["Deputies"] = "A deputy's figures, issues and leave.",
        ["Districts, streets, communities"] = "The figures of each level above a grid and of its children.",
        ["Structure"] = "A district's streets, communities, grids and deputies, as imported.",
        ["Displays"] = "Wall-screen tokens for the command center.",
        ["Rollups"] = "Year, quarter and month figures per unit and per deputy, as JSON, CSV or XLSX.",
        ["Years"] = "Closing a year freezes its published figures.",
        ["Ledger"] = "The issue ledger (台账) of a unit and period.",
        ["Public"] = "What residents need without a token.",
        ["Categories"] = "The category catalogue issues are filed under, with names in Chinese and English.",
    };
}
