namespace GridGov.Tests.Fixtures;

/// <summary>One host shared by the tests of a collection; each test works in a district of its own.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public GridGovHost Host { get; } = new(HostSettings.Fresh());

    public Task InitializeAsync()
    {
        _ = Host.Server; // starts the host and its silo
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<HostFixture>
{
    public const string Name = "shared host";
}
