using GridGov.Grains.Access;
namespace GridGov.Silo.Auth;

/// <summary>`gridgov token --role ROLE [--deputy ID] [--scope street:ID|community:ID] [--days N]`: prints a token.</summary>
public static class TokenCommand
{
    public static int Run(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var role = Arg("--role");
        if (role is not (GridGovClaims.Roles.Admin or GridGovClaims.Roles.Operator or GridGovClaims.Roles.Deputy or GridGovClaims.Roles.Display))
        {
            Console.Error.WriteLine("usage: gridgov token --role admin|operator|deputy|display [--deputy ID] [--scope street:ID|community:ID] [--days N]");
            return 2;
        }
        if (role == GridGovClaims.Roles.Deputy && Arg("--deputy") is null)
        {
            Console.Error.WriteLine("a deputy token needs --deputy ID");
            return 2;
        }
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
        var settings = configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        var days = int.TryParse(Arg("--days"), out var d) ? d : 1;
        Console.WriteLine(new TokenIssuer(settings).Issue(role, Arg("--deputy"), Arg("--scope"), TimeSpan.FromDays(days)));
        return 0;
    }
}
