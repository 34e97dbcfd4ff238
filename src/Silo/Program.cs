using GridGov.Dashboard;
using GridGov.Silo.Api;
using GridGov.Silo.Auth;
using GridGov.Silo.Demo;
using GridGov.Silo.Health;
using GridGov.Silo.Hosting;
using GridGov.Silo.Photos;
using GridGov.Silo.Replay;

if (args is ["token", .. var tokenArgs]) return TokenCommand.Run(tokenArgs);
if (args is ["replay", .. var replayArgs]) return await ReplayCommand.Run(replayArgs);

var builder = WebApplication.CreateBuilder(args);
builder.AddGridGovSilo();
builder.AddGridGovAuth();
builder.AddGridGovApi();
builder.AddGridGovPhotos();
builder.AddDashboard();
builder.AddDemoDistrict();
builder.AddGridGovHealth();

// Synchronously: with an await here the rest of start-up ran on another thread, and a test host over it (its
// WebApplicationFactory hooks Build) lost its grids' archiving in BoundedStateTests.
if (StorageFormat.Check(ClusterSettings.From(builder.Configuration)).GetAwaiter().GetResult() is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 3;
}

var app = builder.Build();
app.UseGridGovProblems();
app.UseGridGovAuth();
app.MapGridGovApi();
app.MapDashboard();
app.Run();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
