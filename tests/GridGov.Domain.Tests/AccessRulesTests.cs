using GridGov.Grains.Domain.Units;
using GridGov.Grains.Access;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;

namespace GridGov.Domain.Tests;

/// <summary>
/// The authorization table: one row per rule of docs/api.md and role. Grid g1 lies in community c1 of street s1, with
/// deputies d1 and d2; issue i1 there is assigned to d1; issue i2 there was filed by d2 at a reception and is assigned to d1.
/// Rows marked "changed" are the four places where the code used to differ from the README.
/// </summary>
public sealed class AccessRulesTests
{
    private static readonly GridProfile G1 = new("g1", "一格", "Grid 1", "dist", "s1", "c1", ["d1", "d2"]);
    private static readonly ScopeProfile C1 = new(UnitLevel.Community, "c1", "社区", "C1", UnitKey.Street("s1"), []);
    private static readonly ScopeProfile S1 = new(UnitLevel.Street, "s1", "街道", "S1", UnitKey.District("dist"), []);
    private static readonly ScopeProfile District = new(UnitLevel.District, "dist", "区", "District", null, []);

    private static readonly Dictionary<string, Caller> Callers = new()
    {
        ["admin"] = new(CallerRole.Admin, "a", null),
        ["operator"] = new(CallerRole.Operator, "o", null),
        ["operator of s1"] = new(CallerRole.Operator, "o", UnitKey.Street("s1")),
        ["operator of c1"] = new(CallerRole.Operator, "o", UnitKey.Community("c1")),
        ["operator of s2"] = new(CallerRole.Operator, "o", UnitKey.Street("s2")),
        ["display"] = new(CallerRole.Display, "w", null),
        ["display of s2"] = new(CallerRole.Display, "w", UnitKey.Street("s2")),
        ["deputy d1"] = new(CallerRole.Deputy, "d1", null),
        ["deputy d2"] = new(CallerRole.Deputy, "d2", null),
        ["deputy d9"] = new(CallerRole.Deputy, "d9", null),
        ["resident"] = Caller.Anonymous,
    };

    private static Issue Issue(string id, Actor filedBy)
    {
        var issue = IssueLifecycle.Submit(id, new NewIssue("g1", "roads", IssueChannel.Hotline, SlaClass.General, "路灯不亮",
            "详细描述", new Contact("张三", "13800001234"), FiledBy: filedBy), DateTimeOffset.UnixEpoch, autoAccept: true, "d1", SlaPolicy.Default);
        return issue;
    }

    private static readonly Issue I1 = Issue("g1-1", Actor.Resident);
    private static readonly Issue I2 = Issue("g1-2", new Actor(ActorRole.Deputy, "d2"));

    public static TheoryData<string, string, bool> Grid => new()
    {
        { "a grid: admins", "admin", true },
        { "a grid: operators of the whole district", "operator", true },
        { "a grid: operators whose street holds it", "operator of s1", true },
        { "a grid: operators whose community holds it", "operator of c1", true },
        { "a grid: not operators of another street", "operator of s2", false },
        { "a grid: displays of its scope", "display", true },
        { "a grid: not displays of another street", "display of s2", false },
        { "a grid: deputies placed in it", "deputy d1", true },
        { "a grid: not deputies placed elsewhere", "deputy d9", false },
        { "a grid: not residents", "resident", false },
    };

    [Theory, MemberData(nameof(Grid))]
    public void Who_sees_a_grid(string rule, string caller, bool allowed) => Assert.True(AccessRules.MaySee(Callers[caller], G1) == allowed, rule);

    public static TheoryData<string, string, string, bool> Units => new()
    {
        { "a community: operators of its street", "operator of s1", "c1", true },
        { "a community: operators of itself", "operator of c1", "c1", true },
        { "a street: not operators of a community in it", "operator of c1", "s1", false },
        { "the district: not scoped operators", "operator of s1", "dist", false },
        { "the district: district-wide displays", "display", "dist", true },
        { "a street: not deputies", "deputy d1", "s1", false },
        { "a community: not other streets' displays", "display of s2", "c1", false },
    };

    [Theory, MemberData(nameof(Units))]
    public void Who_sees_a_community_street_or_district(string rule, string caller, string unit, bool allowed)
    {
        var profile = unit switch { "c1" => C1, "s1" => S1, _ => District };
        Assert.True(AccessRules.MaySee(Callers[caller], profile) == allowed, rule);
    }

    public static TheoryData<string, string, string, IssueReach> Reach => new()
    {
        { "an issue: admins read it all", "admin", "i1", IssueReach.Full },
        { "an issue: operators of its scope read it all", "operator of c1", "i1", IssueReach.Full },
        { "an issue: not operators of another scope", "operator of s2", "i1", IssueReach.None },
        { "an issue: its assigned deputy reads it all", "deputy d1", "i1", IssueReach.Full },
        { "an issue: changed: another deputy of the grid reads a summary only", "deputy d2", "i1", IssueReach.Summary },
        { "an issue: the deputy who filed it reads it all", "deputy d2", "i2", IssueReach.Full },
        { "an issue: not deputies of other grids", "deputy d9", "i1", IssueReach.None },
        { "an issue: not displays", "display", "i1", IssueReach.None },
        { "an issue: not residents (they use the tracking code)", "resident", "i1", IssueReach.None },
    };

    [Theory, MemberData(nameof(Reach))]
    public void How_much_of_an_issue_a_caller_reads(string rule, string caller, string issue, IssueReach reach) =>
        Assert.True(AccessRules.Reach(Callers[caller], issue == "i1" ? I1 : I2, G1) == reach, rule);

    public static TheoryData<string, string, bool> Contact => new()
    {
        { "a contact: operators whose scope holds the grid", "operator of s1", true },
        { "a contact: district-wide operators", "operator", true },
        { "a contact: not operators of another scope", "operator of s2", false },
        { "a contact: the assigned deputy", "deputy d1", true },
        { "a contact: not another deputy of the grid, even its filer", "deputy d2", false },
        { "a contact: changed: not admins", "admin", false },
        { "a contact: not displays", "display", false },
    };

    [Theory, MemberData(nameof(Contact))]
    public void Who_sees_a_residents_contact(string rule, string caller, bool allowed)
    {
        Assert.True(AccessRules.MaySeeContact(Callers[caller], I1, G1) == allowed, rule);
        Assert.True(AccessRules.MaySeeContact(Callers[caller], I2, G1) == allowed, rule);
    }

    public static TheoryData<string, string, bool> Deputies => new()
    {
        { "a deputy's issues and leave: the deputy", "deputy d1", true },
        { "a deputy's issues and leave: not another deputy", "deputy d2", false },
        { "a deputy's issues and leave: admins", "admin", true },
        { "a deputy's issues and leave: district-wide operators", "operator", true },
        { "a deputy's issues and leave: operators whose scope holds one of the deputy's grids", "operator of c1", true },
        { "a deputy's issues and leave: changed: not operators of another scope", "operator of s2", false },
        { "a deputy's issues and leave: not displays", "display", false },
    };

    [Theory, MemberData(nameof(Deputies))]
    public void Who_manages_a_deputy(string rule, string caller, bool allowed) =>
        Assert.True(AccessRules.MayManageDeputy(Callers[caller], "d1", [G1]) == allowed, rule);

    [Theory]
    [InlineData("admin", true)]
    [InlineData("operator of s2", true)]
    [InlineData("display", true)]
    [InlineData("deputy d1", false)]
    [InlineData("resident", false)]
    public void Rollups_are_read_by_admins_operators_and_displays(string caller, bool allowed) =>
        Assert.Equal(allowed, AccessRules.MayReadRollups(Callers[caller]));

    [Theory]
    [InlineData("admin", true)]
    [InlineData("operator of s1", true)]
    [InlineData("display", false)]
    [InlineData("deputy d1", false)]
    public void Alerts_are_acknowledged_by_admins_and_operators(string caller, bool allowed) =>
        Assert.Equal(allowed, AccessRules.MayAcknowledgeAlerts(Callers[caller]));

    [Theory]
    [InlineData("operator of s1", "grid:g1", true)]
    [InlineData("operator of s1", "district:dist", false)]
    [InlineData("display of s2", "grid:g1", false)]
    [InlineData("display", "district:dist", true)]
    [InlineData("deputy d1", "community:c1", false)]
    public void Live_figures_are_watched_within_the_callers_scope(string caller, string unit, bool allowed)
    {
        string[] above = unit switch { "grid:g1" => ["community:c1", "street:s1", "district:dist"], _ => [] };
        Assert.Equal(allowed, AccessRules.MayWatch(Callers[caller], UnitKey.Parse(unit), above.Select(UnitKey.Parse).ToList()));
    }

    [Fact]
    public void Changed_a_deputy_token_without_a_deputy_id_grants_nothing()
    {
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(GridGovClaims.Role, GridGovClaims.Roles.Deputy)], "test", "sub", GridGovClaims.Role));
        var caller = Caller.From(user);
        Assert.Equal(CallerRole.Resident, caller.Role);
        var unassigned = IssueLifecycle.Submit("g1-3", new NewIssue("g1", "roads", IssueChannel.Hotline, SlaClass.General, "t"),
            DateTimeOffset.UnixEpoch, autoAccept: false, null, SlaPolicy.Default);
        Assert.Equal(IssueReach.None, AccessRules.Reach(caller, unassigned, G1));
        Assert.False(AccessRules.MaySeeContact(caller, unassigned, G1));
    }
}
