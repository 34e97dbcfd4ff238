using System.Net.Http.Headers;
using GridGov.Grains.Domain.Structure;
using GridGov.Grains.Access;
using GridGov.Silo.Auth;

namespace GridGov.Tests.FrontDoor;

/// <summary>
/// The first <c>./gridgov run</c> is killed in the middle of the demo import; the next start on the same data folder
/// finishes it, and every unit of the district answers.
/// </summary>
[Trait("Stage", "process")]
public sealed class InterruptedImportTests
{
    [Fact]
    public async Task The_next_start_finishes_an_import_the_host_was_killed_in()
    {
        var data = Directory.CreateTempSubdirectory("gridgov-import-").FullName;
        var ports = RunPorts.Free();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string[] options = [$"--Auth:SigningKey={key}", "--Demo:Traffic:Enabled=false", "--Logging:LogLevel:GridGov.Grains.Structure=Debug"];

        await using (var first = RunScript.Start(data, ports, options))
        {
            // The deputies are configured; the grids and aggregates are next: the import is half done.
            await first.Line(l => l.Contains("deputies configured"), TimeSpan.FromMinutes(3), "saying the deputies are configured");
            RunScript.Kill(first.RecordedPids()["host"], RunScript.SigKill);
            await first.Exited(TimeSpan.FromSeconds(15));
            Assert.DoesNotContain(first.Lines, l => l.Contains("GridGov is running"));
            Assert.DoesNotContain(first.Lines, l => l.Contains("grids configured"));
        }

        await using var second = RunScript.Start(data, ports, options);
        await second.Running();
        Assert.Contains(second.Lines, l => l.Contains("the interrupted import is finished"));
        using var http = new HttpClient { BaseAddress = second.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            new TokenIssuer(new AuthSettings { SigningKey = key }).Issue(GridGovClaims.Roles.Admin));
        Assert.Empty(await DistrictUnits.NotAnswering(http, DemoDistrict.Create()));
    }
}
