using System.Text.Json;

namespace GridGov.Grains.Domain;

/// <summary>The wire names of enum values (camelCase), the same in the API, messages and history.</summary>
public static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
