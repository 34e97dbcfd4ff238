namespace GridGov.Grains.Domain;

/// <summary>Issue ids read grid-yyyyMM-sequence (month of receipt), so an id routes to its grid and archive partition.</summary>
public static class IssueIds
{
    public static string Compose(string gridId, int monthKey, long sequence) => $"{gridId}-{monthKey}-{sequence:D6}";

    public static bool TryParse(string? id, out string gridId, out int monthKey, out long sequence)
    {
        gridId = ""; monthKey = 0; sequence = 0;
        if (string.IsNullOrEmpty(id)) return false;
        var last = id.LastIndexOf('-');
        if (last <= 0) return false;
        var prev = id.LastIndexOf('-', last - 1);
        if (prev <= 0) return false;
        if (!long.TryParse(id.AsSpan(last + 1), out sequence) || !int.TryParse(id.AsSpan(prev + 1, last - prev - 1), out monthKey))
            return false;
        if (monthKey < 190001 || monthKey > 299912 || monthKey % 100 is 0 or > 12) return false;
        gridId = id[..prev];
        return gridId.Length > 0;
    }
}
