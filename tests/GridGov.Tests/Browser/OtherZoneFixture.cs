using GridGov.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace GridGov.Tests.Browser;

/// <summary>
/// A browser host configured away from the defaults: its composite weights are 0.2 / 0.3 / 0.5, its catalogue has one
/// category more (noise, 噪声扰民), and its clock starts at 23:00 on New Year's Eve 2025 in Los Angeles (already 1 January
/// in Shanghai, where the browser is). <see cref="District"/> lives in Los Angeles: one issue filed that evening and rated,
/// and on 2 January 2026 (still the 2nd there, the 3rd in Shanghai) its year 2025 is closed.
/// </summary>
public sealed class OtherZoneFixture : BrowserFixture
{
    public const string Zone = "America/Los_Angeles";
    public static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    public static readonly DateTimeOffset Start = Local(new DateTime(2025, 12, 31, 23, 0, 0));
    /// <summary>When 2025 is closed: 09:00 on 2 January in Los Angeles, 01:00 on 3 January in Shanghai.</summary>
    public static readonly DateTimeOffset ClosedAt = Local(new DateTime(2026, 1, 2, 9, 0, 0));

    public TestDistrict District { get; } = TestDistrict.Create();
    /// <summary>The issue filed on New Year's Eve (category noise), resolved and rated satisfied.</summary>
    public Silo.Api.SubmittedIssue EveIssue { get; private set; } = null!;

    protected override HostSettings Settings() => HostSettings.Fresh() with { Time = new FakeTimeProvider(Start) };

    protected override IReadOnlyDictionary<string, string> Configuration() => new Dictionary<string, string>
    {
        ["GridGov:Weights:Response"] = "0.2",
        ["GridGov:Weights:Resolution"] = "0.3",
        ["GridGov:Weights:Satisfaction"] = "0.5",
        ["GridGov:Categories:0:Code"] = "noise",
        ["GridGov:Categories:0:NameZh"] = "噪声扰民",
        ["GridGov:Categories:0:NameEn"] = "Noise nuisance",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = new ApiClient(Host.Client("admin"));
        var resident = new ApiClient(Host.Client());
        await admin.Import(District.Structure with { TimeZone = Zone });
        EveIssue = await resident.Submit(District.Grid(1, 1, 1), "深夜施工噪声", category: "noise");
        Host.Settings.Time.Advance(TimeSpan.FromMinutes(10));
        await admin.Act(EveIssue.Id, "respond", "called back");
        await admin.Act(EveIssue.Id, "resolve", "stopped");
        await resident.Rate(EveIssue.TrackingCode, "satisfied");
        Host.Settings.Time.Advance(ClosedAt - Host.Settings.Time.GetUtcNow());
        await ApiClient.Expect(await admin.Http.PostAsync($"/api/years/2025/close?district={District.Id}", null), System.Net.HttpStatusCode.OK);
    }

    public static DateTimeOffset Local(DateTime losAngeles) => new(losAngeles, LosAngeles.GetUtcOffset(losAngeles));
}
