using GridGov.Grains.Domain;

namespace GridGov.Silo.Demo;

/// <summary>One planned action on an issue, <see cref="After"/> the previous one (real time, already scaled).</summary>
public sealed record PlannedStep(IssueAction Action, TimeSpan After, string? Note = null, Rating? Rating = null);

/// <summary>A resident's new issue and what will become of it.</summary>
public sealed record PlannedIssue(NewIssue Issue, IReadOnlyList<PlannedStep> Steps);

/// <summary>
/// The pure half of the demo traffic: which grid, category, channel and SLA class a resident's issue has, and
/// its fate (the deputy's steps, the resident's rating, the redo after an unsatisfied one) with realistic
/// delays. Every draw comes from one seeded <see cref="Random"/>, so a seed repeats a run exactly. Not thread-safe.
/// </summary>
public sealed class TrafficPlan
{
    /// <summary>A fate nests at most this many redos (each after an unsatisfied rating).</summary>
    public const int MaxRedos = 2;

    private readonly Random _random;
    private readonly TrafficMix _mix;
    private readonly double _timeScale;
    private readonly Weighted<string> _grids;
    private readonly Dictionary<string, double> _difficulty = new(StringComparer.Ordinal);
    private readonly Weighted<string> _categories;
    private readonly Weighted<IssueChannel> _channels;
    private readonly Weighted<SlaClass> _sla;

    public TrafficPlan(TrafficMix mix, IReadOnlyList<string> gridIds, int seed, double timeScale)
    {
        if (gridIds.Count == 0) throw new ArgumentException("The district has no grids.", nameof(gridIds));
        if (!(timeScale > 0)) throw new ArgumentOutOfRangeException(nameof(timeScale), "The time scale must be positive.");
        var unknown = mix.Categories.Keys.Where(c => !CategoryCatalogue.Default.Contains(c)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown categories in the traffic mix: {string.Join(", ", unknown)}.", nameof(mix));
        _random = new Random(seed);
        _mix = mix;
        _timeScale = timeScale;
        // Grids differ: some are busy, some struggle. Drawn once, in document order.
        var busyness = new List<(string, double)>(gridIds.Count);
        foreach (var id in gridIds)
        {
            busyness.Add((id, Math.Exp(mix.GridSpread * Normal())));
            _difficulty[id] = Math.Clamp(Math.Exp(mix.DifficultySpread * Normal()), 0.25, 4);
        }
        _grids = new Weighted<string>(busyness, "grids");
        _categories = new Weighted<string>(mix.Categories.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)), "categories");
        _channels = new Weighted<IssueChannel>(mix.Channels.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)), "channels");
        _sla = new Weighted<SlaClass>(mix.Sla.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)), "SLA classes");
    }

    /// <summary>Real time until the next resident files (exponential gaps); null when the rate is zero.</summary>
    public TimeSpan? NextArrival(double issuesPerMinute)
    {
        if (!(issuesPerMinute > 0)) return null;
        var minutes = -Math.Log(1 - _random.NextDouble()) / issuesPerMinute;
        return TimeSpan.FromMinutes(Math.Min(minutes, 24 * 60));
    }

    public PlannedIssue NextIssue()
    {
        var grid = _grids.Pick(_random);
        var category = _categories.Pick(_random);
        var channel = _channels.Pick(_random);
        var sla = _sla.Pick(_random);
        var titles = Titles.GetValueOrDefault(category) ?? ["其他问题反映"];
        var issue = new NewIssue(grid, category, channel, sla, titles[_random.Next(titles.Length)]);
        return new PlannedIssue(issue, Fate(grid, sla, redos: 0));
    }

    /// <summary>The rest of a held issue's life from its current status (an issue left open by an earlier run).</summary>
    public IReadOnlyList<PlannedStep> Continue(Issue issue)
    {
        var fate = Fate(issue.GridId, issue.Sla, redos: issue.ReopenCount);
        if (issue.Status == IssueStatus.Suspended)
        {
            var finish = fate.ToList().FindIndex(s => s.Action is IssueAction.Resolve or IssueAction.Close);
            return [new PlannedStep(IssueAction.Resume, Scaled(Hours(24, 0.6)), Pick(ResumeNotes)), .. fate.Skip(finish)];
        }
        if (issue.Status.IsClosed() && !issue.AwaitingRating) return [];
        var from = fate.ToList().FindIndex(s => IssueTransitions.IsAllowed(s.Action, issue.Status));
        return from < 0 ? [] : fate.Skip(from).ToList();
    }

    /// <summary>A grid's difficulty (1 = average): it scales closing unresolved and unsatisfied ratings.</summary>
    public double Difficulty(string gridId) => _difficulty.GetValueOrDefault(gridId, 1);

    /// <summary>
    /// respond -> [start] -> [suspend -> resume] -> resolve or close -> [rate] -> [redo after an unsatisfied rating].
    /// Simulated delays by SLA class, log-normal around a median, then divided by the time scale.
    /// </summary>
    private List<PlannedStep> Fate(string gridId, SlaClass sla, int redos)
    {
        var d = Difficulty(gridId);
        var (respond, start, work) = Medians(sla);
        if (redos > 0) (respond, start, work) = (respond / 2, start / 2, work / 2);
        var steps = new List<PlannedStep> { new(IssueAction.Respond, Scaled(Hours(respond, 0.7)), Pick(RespondNotes)) };
        var started = Chance(_mix.StartPercent);
        if (started) steps.Add(new(IssueAction.Start, Scaled(Hours(start, 0.7)), Pick(StartNotes)));
        var workTime = Hours(work, 0.7);
        if (Chance(_mix.SuspendPercent))
        {
            steps.Add(new(IssueAction.Suspend, Scaled(workTime * 0.4), Pick(SuspendNotes)));
            steps.Add(new(IssueAction.Resume, Scaled(Hours(36, 0.6)), Pick(ResumeNotes)));
            workTime *= 0.6;
        }
        var resolved = !Chance(_mix.CloseUnresolvedPercent * d);
        steps.Add(resolved
            ? new(IssueAction.Resolve, Scaled(workTime), Pick(ResolveNotes))
            : new(IssueAction.Close, Scaled(workTime), Pick(CloseReasons)));
        if (!Chance(_mix.RatePercent)) return steps;
        var rating = PickRating(resolved, d);
        steps.Add(new(IssueAction.Rate, Scaled(TimeSpan.FromHours(Math.Min(Hours(10, 1.0).TotalHours, 6 * 24))),
            rating == Rating.Unsatisfied ? Pick(UnsatisfiedComments) : null, rating));
        if (rating == Rating.Unsatisfied && redos < MaxRedos) steps.AddRange(Fate(gridId, sla, redos + 1));
        return steps;
    }

    private Rating PickRating(bool resolved, double difficulty)
    {
        var weights = _mix.Ratings.OrderBy(r => r.Key).Select(r => (r.Key, r.Value * r.Key switch
        {
            Rating.Unsatisfied => difficulty * (resolved ? 1 : 6),
            Rating.Satisfied => resolved ? 1 : 0.4,
            _ => 1,
        }));
        return new Weighted<Rating>(weights, "ratings").Pick(_random);
    }

    /// <summary>Median simulated hours to first contact, to start work after it, and to finish the work.</summary>
    private static (double Respond, double Start, double Work) Medians(SlaClass sla) => sla switch
    {
        SlaClass.Emergency => (0.25, 0.1, 1),
        SlaClass.Utilities => (1.5, 1, 8),
        SlaClass.Complex => (6, 6, 120),
        _ => (4, 3, 30),
    };

    private TimeSpan Hours(double median, double sigma) => TimeSpan.FromHours(median * Math.Exp(sigma * Normal()));

    private TimeSpan Scaled(TimeSpan simulated) => TimeSpan.FromTicks(Math.Max(1, (long)(simulated.Ticks / _timeScale)));

    private bool Chance(double percent) => _random.NextDouble() * 100 < percent;

    private string Pick(string[] notes) => notes[_random.Next(notes.Length)];

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private double Normal()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static readonly Dictionary<string, string[]> Titles = new()
    {
        ["property"] = ["小区电梯频繁故障", "物业费收支不公开", "楼道堆放杂物无人清理", "小区绿化带长期无人养护", "地下车库渗水"],
        ["elderly"] = ["社区养老服务站开放时间太短", "独居老人缺少探访", "老旧小区加装电梯进展慢", "老年食堂用餐排队时间长"],
        ["education"] = ["学校周边上下学时段交通拥堵", "幼儿园学位紧张", "校外培训机构收费不规范"],
        ["water"] = ["自来水水压不足", "自来水浑浊有异味", "小区停水未提前通知", "二次供水水箱未定期清洗"],
        ["refuse"] = ["垃圾分类投放点清运不及时", "垃圾桶破损未更换", "大件垃圾堆放无人处理"],
        ["transit"] = ["公交站台缺少遮雨棚", "公交班次间隔太长", "地铁站口共享单车乱停放"],
        ["roads"] = ["路灯不亮", "人行道地砖破损", "路口红绿灯时长不合理", "道路坑洼积水", "占道经营影响通行"],
        ["hukou"] = ["户籍迁移办理流程不清楚", "居住证办理等待时间长"],
        ["sewage"] = ["下水道堵塞返味", "雨水井盖缺失", "化粪池外溢"],
        ["food-drug"] = ["餐馆后厨卫生差", "药店销售过期药品", "流动摊贩食品安全隐患"],
        ["environment"] = ["工地扬尘严重", "餐饮油烟扰民", "夜间施工噪音扰民"],
        ["security"] = ["小区门禁损坏外来人员随意进出", "楼道监控失灵", "电动车楼道充电存在隐患"],
        ["building"] = ["老旧楼房外墙脱落", "楼顶漏水", "违章搭建影响采光"],
        ["assistance"] = ["低保申请进度咨询", "困难家庭临时救助", "残疾人补贴未按时发放"],
        ["employment"] = ["拖欠农民工工资", "社区就业培训信息不透明", "灵活就业社保缴纳咨询"],
        ["other"] = ["社区活动场地不足", "宠物扰民", "快递柜占用消防通道"],
    };

    private static readonly string[] RespondNotes = ["已电话联系居民，了解具体情况", "已上门走访，现场核实", "已与居民约定时间现场查看", "已联系网格员一同核实"];
    private static readonly string[] StartNotes = ["已协调相关部门处理", "已安排人员现场处置", "已督促物业限期整改", "已报街道协调解决"];
    private static readonly string[] ResolveNotes = ["问题已解决，居民确认", "已完成维修，恢复正常", "已督促整改到位", "相关部门已处理完毕，已向居民反馈", "已协调解决并建立长效机制"];
    private static readonly string[] CloseReasons = ["超出职责范围，已转交相关部门并告知居民", "属历史遗留问题，已纳入规划统筹解决", "涉及诉讼，建议通过司法途径解决", "诉求不符合政策规定，已向居民解释"];
    private static readonly string[] SuspendNotes = ["等待相关部门现场勘查", "需协调产权单位", "等待维修材料到货", "待资金审批"];
    private static readonly string[] ResumeNotes = ["条件具备，恢复办理", "相关部门已反馈，继续办理"];
    private static readonly string[] UnsatisfiedComments = ["问题仍未彻底解决", "处理时间太长", "只答复未解决"];
}

/// <summary>Picks an item with probability proportional to its weight; entries of weight 0 or less never.</summary>
public sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries, string what)
    {
        var kept = entries.Where(e => e.Weight > 0 && double.IsFinite(e.Weight)).ToList();
        if (kept.Count == 0) throw new ArgumentException($"The traffic mix gives no {what} a positive weight.");
        _items = kept.Select(e => e.Item).ToArray();
        _cumulative = new double[kept.Count];
        var sum = 0.0;
        for (var i = 0; i < kept.Count; i++) _cumulative[i] = sum += kept[i].Weight;
    }

    public T Pick(Random random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return _items[Math.Min(i, _items.Length - 1)];
    }
}
