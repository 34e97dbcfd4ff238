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

if (await StorageFormat.Check(ClusterSettings.From(builder.Configuration)) is { } refusal)
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
