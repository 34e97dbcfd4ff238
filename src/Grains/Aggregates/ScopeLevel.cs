namespace GridGov.Grains.Aggregates;

/// <summary>The levels above a grid: each aggregates its children's deltas.</summary>
public enum ScopeLevel
{
    Community,
    Street,
    District,
}

/// <summary>Scope keys ("community:ID") name aggregate grains and outbox receivers alike.</summary>
public static class ScopeKeys
{
    public static string Of(ScopeLevel level, string id) => $"{level.ToString().ToLowerInvariant()}:{id}";

    public static bool TryParse(string key, out ScopeLevel level, out string id)
    {
        var i = key.IndexOf(':');
        id = i > 0 ? key[(i + 1)..] : "";
        return Enum.TryParse(i > 0 ? key[..i] : "", ignoreCase: true, out level) && id.Length > 0;
    }
}
