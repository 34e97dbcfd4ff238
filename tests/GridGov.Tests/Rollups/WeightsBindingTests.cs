using GridGov.Grains;
using GridGov.Grains.Domain;
using Microsoft.Extensions.Configuration;

namespace GridGov.Tests.Rollups;

public sealed class WeightsBindingTests
{
    [Fact]
    public void Weights_bound_from_configuration_leave_the_defaults_of_other_hosts_alone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GridGov:Weights:Response"] = "0.2",
            ["GridGov:Weights:Resolution"] = "0.3",
            ["GridGov:Weights:Satisfaction"] = "0.5",
        }).Build();
        var bound = new GridGovOptions();
        configuration.GetSection("GridGov").Bind(bound);
        Assert.Equal(new ScoreWeights(0.2, 0.3, 0.5), bound.Weights);
        Assert.Equal(new ScoreWeights(0.1, 0.5, 0.4), ScoreWeights.Default);
        Assert.Equal(ScoreWeights.Default, new GridGovOptions().Weights);
    }
}
