namespace GridGov.Tests.Fixtures;

/// <summary>The Azurite the test command started (GRIDGOV_TEST_STORAGE); the default ports otherwise.</summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("GRIDGOV_TEST_STORAGE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";
}
