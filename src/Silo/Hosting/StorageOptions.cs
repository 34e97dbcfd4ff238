namespace GridGov.Silo.Hosting;

/// <summary>Where state lives and which cluster this silo joins ("Storage" and "Cluster" sections).</summary>
public sealed class ClusterSettings
{
    /// <summary>Azure Storage connection string; UseDevelopmentStorage=true reaches Azurite on its default ports.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";
    /// <summary>Fixed per deployment: changing it orphans all stored grain state.</summary>
    public string ServiceId { get; set; } = "gridgov";
    public string ClusterId { get; set; } = "gridgov-dev";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Prefix of the archive tables, so test fixtures sharing one Azurite keep apart.</summary>
    public string TablePrefix { get; set; } = "GridGov";

    public static ClusterSettings From(IConfiguration configuration) => configuration.GetSection("Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
}
