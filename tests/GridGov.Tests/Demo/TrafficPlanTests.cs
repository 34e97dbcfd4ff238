using GridGov.Grains.Domain;
using GridGov.Silo.Demo;

namespace GridGov.Tests.Demo;

/// <summary>The pure half of the demo traffic: mix, fates and delays from a seeded random; the bounded schedule.</summary>
public sealed class TrafficPlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] Grids = Enumerable.Range(1, 50).Select(i => $"g{i:00}").ToArray();

    private static TrafficPlan Plan(int seed = 7, double timeScale = 360, TrafficMix? mix = null) =>
        new(mix ?? new TrafficMix(), Grids, seed, timeScale);

    [Fact]
    public void The_same_seed_repeats_every_issue_fate_and_gap()
    {
        var a = Plan(seed: 42);
        var b = Plan(seed: 42);
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(a.NextArrival(30), b.NextArrival(30));
            var x = a.NextIssue();
            var y = b.NextIssue();
            Assert.Equal(x.Issue, y.Issue);
            Assert.Equal(x.Steps, y.Steps);
        }
        Assert.NotEqual(Plan(seed: 1).NextIssue().Steps, Plan(seed: 2).NextIssue().Steps);
    }

    [Fact]
    public void Issues_follow_the_weighted_mix()
    {
        var plan = Plan();
        var issues = Enumerable.Range(0, 20_000).Select(_ => plan.NextIssue().Issue).ToList();
        double Share(Func<NewIssue, bool> which) => issues.Count(which) / (double)issues.Count;

        Assert.InRange(Share(i => i.Channel is IssueChannel.Hotline or IssueChannel.Online), 0.62, 0.68);
        Assert.InRange(Share(i => i.Channel == IssueChannel.Appointment), 0.05, 0.09);
        Assert.InRange(Share(i => i.Sla == SlaClass.General), 0.77, 0.83);
        Assert.InRange(Share(i => i.Sla == SlaClass.Emergency), 0.02, 0.04);
        Assert.InRange(Share(i => i.Category == "property"), 0.16, 0.20);
        Assert.InRange(Share(i => i.Category == "hukou"), 0.02, 0.04);
        Assert.Equal(CategoryCatalogue.Default.All.Select(c => c.Code).Order(), issues.Select(i => i.Category).Distinct().Order());
        Assert.All(issues, i => i.Validate(CategoryCatalogue.Default));
        // Every grid gets issues, unevenly.
        var perGrid = issues.GroupBy(i => i.GridId).Select(g => g.Count()).ToList();
        Assert.Equal(Grids.Length, perGrid.Count);
        Assert.True(perGrid.Max() > 2 * perGrid.Min());
    }

    [Fact]
    public void A_weight_of_zero_switches_an_entry_off_and_unknown_categories_are_refused()
    {
        var mix = new TrafficMix();
        mix.Channels[IssueChannel.Hotline] = 0;
        mix.Sla[SlaClass.Emergency] = 0;
        var plan = Plan(mix: mix);
        var issues = Enumerable.Range(0, 2000).Select(_ => plan.NextIssue().Issue).ToList();
        Assert.DoesNotContain(issues, i => i.Channel == IssueChannel.Hotline || i.Sla == SlaClass.Emergency);

        var bad = new TrafficMix();
        bad.Categories["potholes"] = 5;
        Assert.Throws<ArgumentException>(() => Plan(mix: bad));
        var none = new TrafficMix { Sla = new() { [SlaClass.General] = 0 } };
        Assert.Throws<ArgumentException>(() => Plan(mix: none));
        Assert.Null(Plan().NextArrival(0));
    }

    [Fact]
    public void Every_fate_is_a_valid_life_through_the_real_state_machine()
    {
        var plan = Plan(seed: 3);
        var outcomes = new Dictionary<string, int>();
        void Count(string what) => outcomes[what] = outcomes.GetValueOrDefault(what) + 1;
        const int n = 5000;
        for (var k = 0; k < n; k++)
        {
            var planned = plan.NextIssue();
            var issue = Live(planned.Issue, planned.Steps, T0, out var actions);
            Assert.True(issue.Status.IsClosed(), $"{issue.Id} ends {issue.Status} after {string.Join(", ", actions)}");
            Count(issue.Status.ToString());
            if (actions.Contains(IssueAction.Suspend)) Count("suspended");
            if (issue.ReopenCount > 0) Count("reopened");
            if (issue.Rating is { } r) Count(r.ToString());
        }
        Assert.InRange(outcomes["ClosedUnresolved"], n * 0.015, n * 0.06);
        Assert.InRange(outcomes["suspended"], n * 0.03, n * 0.08);
        Assert.InRange(outcomes["reopened"], n * 0.02, n * 0.12);
        var rated = outcomes["Satisfied"] + outcomes["BasicallySatisfied"] + outcomes["Unsatisfied"];
        Assert.InRange(rated, n * 0.6, n * 0.75);
        Assert.InRange(outcomes["Satisfied"], rated * 0.7, rated * 0.9);
        // A rating is the latest one: most unsatisfied residents rate again after the redo.
        Assert.InRange(outcomes["Unsatisfied"], rated * 0.01, rated * 0.1);
    }

    [Fact]
    public void Delays_are_realistic_and_divided_by_the_time_scale()
    {
        TimeSpan MedianToClose(double scale, SlaClass sla)
        {
            var plan = Plan(timeScale: scale);
            var spans = new List<TimeSpan>();
            while (spans.Count < 1000)
            {
                var p = plan.NextIssue();
                if (p.Issue.Sla != sla) continue;
                Assert.All(p.Steps, s => Assert.True(s.After > TimeSpan.Zero));
                var close = p.Steps.ToList().FindIndex(s => s.Action is IssueAction.Resolve or IssueAction.Close);
                spans.Add(p.Steps.Take(close + 1).Aggregate(TimeSpan.Zero, (sum, s) => sum + s.After));
            }
            return spans.Order().ElementAt(spans.Count / 2);
        }

        // Unscaled: a general issue takes a day or two, an emergency an hour or two.
        Assert.InRange(MedianToClose(1, SlaClass.General), TimeSpan.FromHours(24), TimeSpan.FromHours(60));
        Assert.InRange(MedianToClose(1, SlaClass.Emergency), TimeSpan.FromHours(0.75), TimeSpan.FromHours(3));
        // The default scale: one real minute stands for six hours, so a general issue closes in minutes.
        Assert.InRange(MedianToClose(360, SlaClass.General), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10));
        Assert.Equal(MedianToClose(1, SlaClass.Utilities).TotalMinutes / 60, MedianToClose(60, SlaClass.Utilities).TotalMinutes, 0.01);
    }

    [Theory]
    [InlineData(IssueStatus.Assigned)]
    [InlineData(IssueStatus.Responded)]
    [InlineData(IssueStatus.InProgress)]
    [InlineData(IssueStatus.Suspended)]
    [InlineData(IssueStatus.Resolved)]
    [InlineData(IssueStatus.ClosedUnresolved)]
    public void A_held_issue_is_carried_on_from_its_status(IssueStatus status)
    {
        var plan = Plan(seed: 11);
        var steps = 0;
        for (var k = 0; k < 300; k++)
        {
            var issue = InStatus(status);
            var rest = plan.Continue(issue);
            if (status.IsOpen()) Assert.NotEmpty(rest);
            steps += rest.Count;
            var after = Live(issue, rest, T0.AddDays(1), out _);
            if (status.IsOpen()) Assert.True(after.Status.IsClosed());
        }
        Assert.True(steps > 0);
        var rated = InStatus(IssueStatus.Resolved);
        IssueLifecycle.Apply(rated, new IssueCommand(IssueAction.Rate, Actor.Resident, Rating: Rating.Satisfied), T0.AddDays(1), SlaPolicy.Default);
        Assert.Empty(plan.Continue(rated));
    }

    [Fact]
    public void The_schedule_is_bounded_and_yields_due_steps_in_order()
    {
        var schedule = new TrafficSchedule(capacity: 2);
        PlannedStep[] steps = [new(IssueAction.Respond, TimeSpan.FromMinutes(1)), new(IssueAction.Resolve, TimeSpan.FromMinutes(1), "fixed")];
        Assert.True(schedule.TryReserve());
        Assert.True(schedule.TryReserve());
        Assert.False(schedule.TryReserve());
        schedule.Add(new FollowUp("b", "g", "d", steps, 0, T0.AddMinutes(2), Order: 2));
        schedule.Add(new FollowUp("a", "g", "d", steps, 0, T0.AddMinutes(2), Order: 1));
        Assert.Equal(T0.AddMinutes(2), schedule.NextDue);
        Assert.False(schedule.TryTakeDue(T0.AddMinutes(1), out _));
        Assert.True(schedule.TryTakeDue(T0.AddMinutes(2), out var first));
        Assert.Equal("a", first.IssueId);
        Assert.True(schedule.TryTakeDue(T0.AddMinutes(5), out var second));
        Assert.Equal("b", second.IssueId);
        Assert.Null(schedule.NextDue);
        Assert.Equal(2, schedule.Followed); // taken steps still hold their issues' slots
        schedule.Finish();
        Assert.Equal(1, schedule.Followed);
        Assert.True(schedule.TryReserve());
    }

    /// <summary>Plays planned steps on an issue with the actors the worker uses, as the worker does.</summary>
    private static Issue Live(NewIssue input, IReadOnlyList<PlannedStep> steps, DateTimeOffset at, out List<IssueAction> actions)
    {
        var issue = IssueLifecycle.Submit($"{input.GridId}-202603-000001", "SECRET2345", input, at, autoAccept: true, deputyId: "d1", SlaPolicy.Default);
        return Live(issue, steps, at, out actions);
    }

    private static Issue Live(Issue issue, IReadOnlyList<PlannedStep> steps, DateTimeOffset at, out List<IssueAction> actions)
    {
        actions = [];
        foreach (var step in steps)
        {
            at += step.After;
            var by = step.Action == IssueAction.Rate ? Actor.Resident : new Actor(ActorRole.Deputy, issue.DeputyId!);
            IssueLifecycle.Apply(issue, new IssueCommand(step.Action, by, step.Note, Rating: step.Rating), at, SlaPolicy.Default);
            actions.Add(step.Action);
            if (step.Action == IssueAction.Rate && !issue.Status.IsOpen()) break;
        }
        return issue;
    }

    private static Issue InStatus(IssueStatus status)
    {
        var issue = IssueLifecycle.Submit("g01-202603-000001", "SECRET2345", new NewIssue("g01", "water", IssueChannel.Hotline, SlaClass.General, "停水"),
            T0, autoAccept: true, deputyId: "d1", SlaPolicy.Default);
        var deputy = new Actor(ActorRole.Deputy, "d1");
        var at = T0;
        void Do(IssueAction action, string? note = null) =>
            IssueLifecycle.Apply(issue, new IssueCommand(action, deputy, note), at = at.AddHours(1), SlaPolicy.Default);
        switch (status)
        {
            case IssueStatus.Responded: Do(IssueAction.Respond); break;
            case IssueStatus.InProgress: Do(IssueAction.Respond); Do(IssueAction.Start); break;
            case IssueStatus.Suspended: Do(IssueAction.Respond); Do(IssueAction.Suspend, "waiting"); break;
            case IssueStatus.Resolved: Do(IssueAction.Respond); Do(IssueAction.Resolve, "fixed"); break;
            case IssueStatus.ClosedUnresolved: Do(IssueAction.Respond); Do(IssueAction.Close, "not ours"); break;
        }
        Assert.Equal(status, issue.Status);
        return issue;
    }
}
