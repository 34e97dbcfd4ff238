using Azure.Data.Tables;
using GridGov.Silo.Hosting;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.FrontDoor;

/// <summary>A storage account is marked with the format it holds; a host refuses one of another format and says what to do.</summary>
public sealed class StorageFormatTests
{
    private static ClusterSettings Fresh() => new()
    {
        StorageConnectionString = TestStorage.ConnectionString,
        TablePrefix = "F" + Guid.NewGuid().ToString("N")[..10],
    };

    [Fact]
    public async Task A_fresh_account_is_marked_and_then_accepted()
    {
        var settings = Fresh();
        Assert.Null(await StorageFormat.Check(settings));
        var marker = await new TableClient(settings.StorageConnectionString, settings.TablePrefix + "Meta").GetEntityAsync<TableEntity>("storage", "format");
        Assert.Equal(StorageFormat.Current, marker.Value.GetInt32("Version"));
        Assert.Null(await StorageFormat.Check(settings));
    }

    [Fact]
    public async Task Another_format_is_refused_with_what_to_do()
    {
        var settings = Fresh();
        var meta = new TableClient(settings.StorageConnectionString, settings.TablePrefix + "Meta");
        await meta.CreateAsync();
        await meta.AddEntityAsync(new TableEntity("storage", "format") { ["Version"] = StorageFormat.Current + 1 });

        var refusal = await StorageFormat.Check(settings);

        Assert.NotNull(refusal);
        Assert.Contains($"format {StorageFormat.Current + 1}", refusal);
        Assert.Contains("./gridgov reset", refusal);
    }

    [Fact]
    public async Task State_without_a_marker_is_from_before_markers_and_refused()
    {
        var settings = Fresh();
        var state = new TableClient(settings.StorageConnectionString, settings.TablePrefix + "State");
        await state.CreateAsync();
        await state.AddEntityAsync(new TableEntity("gridgov_grid_g1", "grid"));

        Assert.Contains("./gridgov reset", await StorageFormat.Check(settings));
    }
}
