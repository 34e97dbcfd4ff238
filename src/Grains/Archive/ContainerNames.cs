namespace GridGov.Grains.Archive;

/// <summary>Blob container names from the table prefix: valid names (3-63 of a-z, 0-9 and single hyphens).</summary>
public static class ContainerNames
{
    /// <summary>"{prefix}-{suffix}", the prefix lower-cased and cut to letters and digits ("gridgov" if none are left).</summary>
    public static string For(string tablePrefix, string suffix)
    {
        var stem = new string(tablePrefix.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z' or >= '0' and <= '9').ToArray());
        if (stem.Length == 0) stem = "gridgov";
        var room = 62 - suffix.Length;
        return (stem.Length > room ? stem[..room] : stem) + "-" + suffix;
    }
}
