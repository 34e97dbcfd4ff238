using GridGov.Grains.Domain;

namespace GridGov.Silo.Demo;

/// <summary>
/// Settings of the demo traffic generator, bound from "Demo:Traffic". Arrivals run in real time; the delays of
/// deputies and residents are simulated durations divided by <see cref="TimeScale"/>.
/// </summary>
public sealed record DemoTrafficOptions
{
    public const string Section = "Demo:Traffic";

    /// <summary>Null: follow Demo:Enabled (on in <c>./gridgov run</c>).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The district whose grids residents file into; its structure is read from the district grain.</summary>
    public string DistrictId { get; set; } = "demo";

    /// <summary>Mean arrivals per real minute across the whole district (a Poisson process); 0 files nothing.</summary>
    public double IssuesPerMinute { get; set; } = 30;

    /// <summary>Simulated time per unit of real time: 360 means one real minute stands for six hours.</summary>
    public double TimeScale { get; set; } = 360;

    /// <summary>Seed of the generator; null picks one at start (and logs it, so a run can be repeated).</summary>
    public int? Seed { get; set; }

    /// <summary>Most issues followed at once (the schedule's bound); filing pauses while it is full.</summary>
    public int MaxPending { get; set; } = 5000;

    /// <summary>Most grain calls in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>At start, take up the district's held issues (left open by an earlier run) and carry them on.</summary>
    public bool AdoptOpenIssues { get; set; } = true;

    public TrafficMix Mix { get; set; } = new();
}

/// <summary>
/// What residents raise and how their issues end, as relative weights (a weight of 0 switches an entry off)
/// and percentages. Configuration merges into the defaults: <c>Demo:Traffic:Mix:Categories:water=20</c>.
/// </summary>
public sealed record TrafficMix
{
    /// <summary>Weights by category code (the hotline catalogue); property management and roads lead, as in 12345 reports.</summary>
    public Dictionary<string, double> Categories { get; set; } = new()
    {
        ["property"] = 18, ["roads"] = 10, ["elderly"] = 8, ["water"] = 7, ["refuse"] = 7, ["environment"] = 6,
        ["transit"] = 6, ["sewage"] = 5, ["building"] = 5, ["security"] = 5, ["other"] = 5, ["education"] = 4,
        ["employment"] = 4, ["assistance"] = 4, ["food-drug"] = 3, ["hukou"] = 3,
    };

    public Dictionary<IssueChannel, double> Channels { get; set; } = new()
    {
        [IssueChannel.Hotline] = 35, [IssueChannel.Online] = 30, [IssueChannel.Reception] = 10,
        [IssueChannel.LiaisonStation] = 10, [IssueChannel.DeputyVisit] = 8, [IssueChannel.Appointment] = 7,
    };

    public Dictionary<SlaClass, double> Sla { get; set; } = new()
    {
        [SlaClass.General] = 80, [SlaClass.Utilities] = 12, [SlaClass.Complex] = 5, [SlaClass.Emergency] = 3,
    };

    /// <summary>Ratings of a resolved issue; a closed-unresolved one is rated worse (see <see cref="TrafficPlan"/>).</summary>
    public Dictionary<Rating, double> Ratings { get; set; } = new()
    {
        [Rating.Satisfied] = 82, [Rating.BasicallySatisfied] = 13, [Rating.Unsatisfied] = 5,
    };

    /// <summary>Share of issues the deputy marks as in progress before resolving (else resolved straight after contact).</summary>
    public double StartPercent { get; set; } = 80;

    /// <summary>Share suspended for a while (waiting for a department, materials, a site survey) and resumed.</summary>
    public double SuspendPercent { get; set; } = 5;

    /// <summary>Share closed unresolved, with a reason, in a grid of average difficulty.</summary>
    public double CloseUnresolvedPercent { get; set; } = 3;

    /// <summary>Share of closed issues the resident rates.</summary>
    public double RatePercent { get; set; } = 65;

    /// <summary>How unevenly issues spread over grids (log-normal sigma of a grid's busyness; 0 = even).</summary>
    public double GridSpread { get; set; } = 0.6;

    /// <summary>How unevenly grids succeed (log-normal sigma of a grid's difficulty, which scales closing unresolved and unsatisfied).</summary>
    public double DifficultySpread { get; set; } = 0.5;
}
