using GridGov.Grains.Domain;
using GridGov.Silo.Demo;

namespace GridGov.Silo.Replay;

/// <summary>One planned action on an issue at <see cref="At"/> (domain time). <see cref="ExpectRefused"/>: the
/// domain must refuse it (a rating after the window). <see cref="Tag"/> names the path it exercises, for the counts.</summary>
public sealed record ReplayStep(DateTimeOffset At, IssueAction Action, string? Note = null, Rating? Rating = null,
    bool ExpectRefused = false, string? Tag = null);

/// <summary>A resident's issue of the replayed year, filed at <see cref="At"/>, and everything that happens to it.</summary>
public sealed record ReplayIssue(long Index, DateTimeOffset At, NewIssue Issue, IReadOnlyList<ReplayStep> Steps);

/// <summary>Shares of the paths, in percent. The defaults land a year near the reviews' figures.</summary>
public sealed record ReplayRates
{
    /// <summary>Issues accepted in the year at scale 1 (the reviews: 2,652).</summary>
    public double AcceptedPerYear { get; init; } = 2650;
    public double VoidPercent { get; init; } = 0.4;
    /// <summary>Held for an operator's review (triage) rather than accepted at once.</summary>
    public double HeldPercent { get; init; } = 4;
    public double DeclineOfHeldPercent { get; init; } = 40;
    public double StartPercent { get; init; } = 80;
    public double SuspendPercent { get; init; } = 4;
    public double ClosePercent { get; init; } = 1.4;
    public double LateResponsePercent { get; init; } = 3;
    public double OverduePercent { get; init; } = 2;
    public double RatePercent { get; init; } = 70;
    /// <summary>Of ratings: given in the last hours of the window.</summary>
    public double NearWindowPercent { get; init; } = 3;
    /// <summary>Of issues not rated in time: the resident tries after the window (refused).</summary>
    public double LateRatingPercent { get; init; } = 4;
    /// <summary>Of issues rated after a redo (reopened): rated again.</summary>
    public double RerateAfterRedoPercent { get; init; } = 80;

    /// <summary>Issues filed so that about <see cref="AcceptedPerYear"/> x scale are accepted (voids and declines are not).</summary>
    public long Filed(double scale) =>
        (long)Math.Round(AcceptedPerYear * scale / ((1 - VoidPercent / 100) * (1 - HeldPercent * DeclineOfHeldPercent / 10_000)));
}

/// <summary>
/// The pure half of the year replay: which issues residents file in a year (month by month with the seasons, by weekday
/// and hour, into grids of uneven busyness) and the whole life of each, as absolute times on the domain clock. The same
/// seed gives the same year. Times respect the replay's <c>quantum</c> (events run at the start of their quantum), so that
/// what is planned in time stays in time and what is planned late stays late.
/// </summary>
public sealed class ReplayPlan
{
    private readonly int _year;
    private readonly double _scale;
    private readonly int _seed;
    private readonly TimeSpan _quantum;
    private readonly SlaPolicy _policy;
    private readonly TimeZoneInfo _zone;
    private readonly ReplayRates _rates;
    private readonly Weighted<string> _gridPick;
    private readonly Weighted<IssueChannel> _channels;
    private readonly Weighted<SlaClass> _sla;

    public ReplayPlan(IReadOnlyList<string> gridIds, int year, double scale, int seed, TimeSpan quantum, SlaPolicy policy,
        TimeZoneInfo zone, ReplayRates? rates = null)
    {
        if (gridIds.Count == 0) throw new ArgumentException("The district has no grids.", nameof(gridIds));
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), "The scale must be positive.");
        if (quantum <= TimeSpan.Zero || quantum > TimeSpan.FromHours(1)) throw new ArgumentOutOfRangeException(nameof(quantum), "The quantum must be at most an hour.");
        (_year, _scale, _seed, _quantum, _policy, _zone, _rates) = (year, scale, seed, quantum, policy, zone, rates ?? new ReplayRates());
        var random = new Random(seed);
        _gridPick = new Weighted<string>(gridIds.Select(g => (g, Math.Exp(0.6 * Normal(random)))).ToList(), "grids");
        var mix = new TrafficMix();
        _channels = new Weighted<IssueChannel>(mix.Channels.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)), "channels");
        _sla = new Weighted<SlaClass>(mix.Sla.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)), "SLA classes");
    }

    public int Year => _year;

    /// <summary>Issues filed in the whole year.</summary>
    public long Filed => _rates.Filed(_scale);

    /// <summary>Issues filed in each month (largest remainders, so they add up to <see cref="Filed"/>).</summary>
    public IReadOnlyList<long> PerMonth()
    {
        var sum = Seasons.Months.Sum();
        var exact = Seasons.Months.Select(w => Filed * w / sum).ToArray();
        var counts = exact.Select(e => (long)Math.Floor(e)).ToArray();
        foreach (var m in exact.Select((e, i) => (Remainder: e - Math.Floor(e), i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.i)
                     .Take((int)(Filed - counts.Sum())).Select(x => x.i))
            counts[m]++;
        return counts;
    }

    /// <summary>The local midnight that starts the year, as an instant.</summary>
    public DateTimeOffset YearStart => Start(_year, _zone);

    /// <summary>The local midnight that starts <paramref name="year"/> in <paramref name="zone"/>, as an instant.</summary>
    public static DateTimeOffset Start(int year, TimeZoneInfo zone) => Instant(new DateTime(year, 1, 1), zone);

    /// <summary>Every issue of the year in the order they are filed; generated a month at a time.</summary>
    public IEnumerable<ReplayIssue> Issues()
    {
        var random = new Random(unchecked(_seed * 31 + 7));
        var perMonth = PerMonth();
        long index = 0;
        for (var month = 1; month <= 12; month++)
        {
            var categories = new Weighted<string>(Seasons.Categories.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => (c.Key, c.Value * Seasons.Factor(c.Key, month))), "categories");
            var first = new DateTime(_year, month, 1);
            var days = Enumerable.Range(0, DateTime.DaysInMonth(_year, month)).Select(d => first.AddDays(d)).ToList();
            var dayPick = new Weighted<DateTime>(days.Select(d => (d, Seasons.Weekday(d.DayOfWeek))), "days");
            var hourPick = new Weighted<int>(Seasons.Hours.Select((w, h) => (h, w)), "hours");
            var times = new List<DateTime>((int)perMonth[month - 1]);
            for (var i = 0; i < perMonth[month - 1]; i++)
                times.Add(dayPick.Pick(random).AddHours(hourPick.Pick(random)).AddSeconds(random.Next(3600)));
            times.Sort();
            foreach (var local in times)
            {
                var grid = _gridPick.Pick(random);
                var category = categories.Pick(random);
                var issue = new NewIssue(grid, category, _channels.Pick(random), _sla.Pick(random), Title(category, random));
                var n = index++;
                var at = Instant(local);
                var fate = new Random(unchecked(_seed ^ (int)(n * 2654435761L % int.MaxValue)));
                var held = Chance(fate, _rates.HeldPercent);
                var steps = Fate(fate, issue, at, ref held);
                yield return new ReplayIssue(n, at, issue with { HeldForReview = held }, steps);
            }
        }
    }

    /// <summary>void | review (decline | accept) -> respond -> [start] -> [suspend -> resume] -> resolve | close -> rate | late rate -> [redo].</summary>
    private List<ReplayStep> Fate(Random r, NewIssue issue, DateTimeOffset filed, ref bool held)
    {
        var steps = new List<ReplayStep>();
        if (Chance(r, _rates.VoidPercent))
        {
            held = false;
            steps.Add(new(filed + Hours(r, 1, 48), IssueAction.Void, Pick(r, VoidNotes), Tag: "void"));
            return steps;
        }
        var accepted = filed;
        if (held)
        {
            var review = filed + Hours(r, 0.5, 6);
            if (Chance(r, _rates.DeclineOfHeldPercent))
            {
                steps.Add(new(review, IssueAction.Reject, Pick(r, DeclineNotes), Tag: "decline"));
                return steps;
            }
            steps.Add(new(review, IssueAction.Accept, Tag: "accept"));
            accepted = review;
        }
        Work(r, issue.Sla, accepted, redo: false, steps);
        return steps;
    }

    private void Work(Random r, SlaClass sla, DateTimeOffset from, bool redo, List<ReplayStep> steps)
    {
        var limits = _policy.For(sla);
        var q = _quantum + TimeSpan.FromMinutes(1);
        var (respondMedian, workShare) = sla switch
        {
            SlaClass.Emergency => (0.25, 0.5),
            SlaClass.Utilities => (1.5, 0.4),
            SlaClass.Complex => (6.0, 0.5),
            _ => (4.0, 0.35),
        };
        // Planned times run at the start of their quantum, up to a quantum early: margins of a quantum keep "in time"
        // in time and "late" late.
        var lateResponse = !redo && Chance(r, _rates.LateResponsePercent);
        var respond = lateResponse
            ? limits.FirstResponse * Between(r, 1.1, 2.5) + q
            : Min(TimeSpan.FromHours(respondMedian * Math.Exp(0.7 * Normal(r))), limits.FirstResponse - q);
        if (respond < TimeSpan.FromMinutes(1)) respond = TimeSpan.FromMinutes(1);
        var overdue = !redo && Chance(r, _rates.OverduePercent);
        var finish = overdue
            ? limits.Resolve * Between(r, 1.05, 1.6) + q
            : Min(limits.Resolve * Math.Min(0.95, workShare * Math.Exp(0.5 * Normal(r))), limits.Resolve - q);
        if (finish <= respond) finish = respond + TimeSpan.FromMinutes(1);
        steps.Add(new(from + respond, IssueAction.Respond, Pick(r, RespondNotes), Tag: lateResponse ? "late-response" : null));
        var span = finish - respond;
        if (Chance(r, _rates.StartPercent))
            steps.Add(new(from + respond + span * Between(r, 0.05, 0.3), IssueAction.Start, Pick(r, StartNotes)));
        if (!redo && Chance(r, _rates.SuspendPercent))
        {
            var suspendAt = from + respond + span * Between(r, 0.35, 0.6);
            var pause = Hours(r, 24, 24 * 12);
            steps.Add(new(suspendAt, IssueAction.Suspend, Pick(r, SuspendNotes), Tag: "suspend"));
            steps.Add(new(suspendAt + pause, IssueAction.Resume, Pick(r, ResumeNotes)));
            finish += pause;
        }
        var closed = Chance(r, _rates.ClosePercent);
        var closedAt = from + finish;
        steps.Add(closed
            ? new(closedAt, IssueAction.Close, Pick(r, CloseNotes), Tag: overdue ? "overdue" : null)
            : new(closedAt, IssueAction.Resolve, Pick(r, ResolveNotes), Tag: overdue ? "overdue" : null));

        var window = _policy.RatingWindow;
        if (redo ? Chance(r, _rates.RerateAfterRedoPercent) : Chance(r, _rates.RatePercent))
        {
            var nearEnd = Chance(r, _rates.NearWindowPercent);
            var delay = nearEnd ? window - q - Hours(r, 0.5, 3) : Min(TimeSpan.FromHours(10 * Math.Exp(Normal(r))), TimeSpan.FromDays(5));
            if (delay < TimeSpan.FromMinutes(1)) delay = TimeSpan.FromMinutes(1);
            var rating = redo ? Pick(r, (Rating.Satisfied, 45.0), (Rating.BasicallySatisfied, 30.0), (Rating.Unsatisfied, 25.0))
                : closed ? Pick(r, (Rating.Satisfied, 30.0), (Rating.BasicallySatisfied, 50.0), (Rating.Unsatisfied, 20.0))
                : Pick(r, (Rating.Satisfied, 84.0), (Rating.BasicallySatisfied, 14.0), (Rating.Unsatisfied, 2.0));
            steps.Add(new(closedAt + delay, IssueAction.Rate, rating == Rating.Unsatisfied ? Pick(r, UnsatisfiedNotes) : null, rating,
                Tag: nearEnd ? "near-window-rating" : null));
            if (rating == Rating.Unsatisfied && !redo && _policy.ReopenLimit > 0) Work(r, sla, closedAt + delay, redo: true, steps);
        }
        else if (Chance(r, _rates.LateRatingPercent))
        {
            steps.Add(new(closedAt + window + q + Hours(r, 2, 72), IssueAction.Rate, null, Rating.Satisfied, ExpectRefused: true, Tag: "late-rating"));
        }
    }

    private DateTimeOffset Instant(DateTime local) => Instant(local, _zone);

    private static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static bool Chance(Random r, double percent) => r.NextDouble() * 100 < percent;

    private static double Between(Random r, double low, double high) => low + (high - low) * r.NextDouble();

    private static TimeSpan Hours(Random r, double low, double high) => TimeSpan.FromHours(Between(r, low, high));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static string Pick(Random r, string[] notes) => notes[r.Next(notes.Length)];

    private static T Pick<T>(Random r, params (T Item, double Weight)[] items) => new Weighted<T>(items, "choices").Pick(r);

    private static string Title(string category, Random r)
    {
        var titles = Titles.GetValueOrDefault(category) ?? ["其他问题反映"];
        return titles[r.Next(titles.Length)];
    }

    private static readonly Dictionary<string, string[]> Titles = new()
    {
        ["property"] = ["小区电梯频繁故障", "物业费收支不公开", "楼道堆放杂物无人清理", "地下车库渗水"],
        ["elderly"] = ["社区养老服务站开放时间太短", "独居老人缺少探访", "老年食堂用餐排队时间长"],
        ["education"] = ["学校周边上下学时段交通拥堵", "幼儿园学位紧张"],
        ["water"] = ["自来水水压不足", "自来水浑浊有异味", "小区停水未提前通知"],
        ["refuse"] = ["垃圾分类投放点清运不及时", "大件垃圾堆放无人处理"],
        ["transit"] = ["公交站台缺少遮雨棚", "公交班次间隔太长"],
        ["roads"] = ["路灯不亮", "人行道地砖破损", "道路坑洼积水"],
        ["hukou"] = ["户籍迁移办理流程不清楚", "居住证办理等待时间长"],
        ["sewage"] = ["下水道堵塞返味", "雨水井盖缺失"],
        ["food-drug"] = ["餐馆后厨卫生差", "流动摊贩食品安全隐患"],
        ["environment"] = ["工地扬尘严重", "餐饮油烟扰民", "夜间施工噪音扰民"],
        ["security"] = ["小区门禁损坏外来人员随意进出", "电动车楼道充电存在隐患"],
        ["building"] = ["老旧楼房外墙脱落", "楼顶漏水"],
        ["assistance"] = ["低保申请进度咨询", "困难家庭临时救助"],
        ["employment"] = ["拖欠农民工工资", "灵活就业社保缴纳咨询"],
        ["other"] = ["社区活动场地不足", "宠物扰民"],
    };

    private static readonly string[] VoidNotes = ["重复提交", "误录入"];
    private static readonly string[] DeclineNotes = ["不属于受理范围，已告知居民", "属司法程序事项，已引导居民通过诉讼解决", "信息不全且无法联系居民"];
    private static readonly string[] RespondNotes = ["已电话联系居民，了解具体情况", "已上门走访，现场核实"];
    private static readonly string[] StartNotes = ["已协调相关部门处理", "已督促物业限期整改"];
    private static readonly string[] SuspendNotes = ["等待相关部门现场勘查", "等待维修材料到货", "待资金审批"];
    private static readonly string[] ResumeNotes = ["条件具备，恢复办理", "相关部门已反馈，继续办理"];
    private static readonly string[] ResolveNotes = ["问题已解决，居民确认", "已完成维修，恢复正常", "已督促整改到位"];
    private static readonly string[] CloseNotes = ["超出职责范围，已转交相关部门并告知居民", "属历史遗留问题，已纳入规划统筹解决"];
    private static readonly string[] UnsatisfiedNotes = ["问题仍未彻底解决", "处理时间太长"];
}
