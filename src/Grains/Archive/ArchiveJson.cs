using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridGov.Grains.Archive;

/// <summary>How archived records are written: camelCase JSON with enum names, stable across versions.</summary>
internal static class ArchiveJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Azure Table string properties hold at most 32K UTF-16 characters: longer text is split.</summary>
    public const int ChunkChars = 30_000;

    public static IEnumerable<string> Chunks(string text)
    {
        for (var i = 0; i < text.Length; i += ChunkChars) yield return text.Substring(i, Math.Min(ChunkChars, text.Length - i));
    }
}
