using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;

namespace GridGov.Domain.Tests;

/// <summary>The grid's bookkeeping of month ends: when a snapshot is due, what it holds, and when it leaves with its month.</summary>
public sealed class GridBookMonthEndTests
{
    private static readonly Actor Staff = new(ActorRole.Admin, "admin-1");

    private static DateTimeOffset L(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_month_end_is_snapshotted_once_and_leaves_state_with_its_month()
    {
        var state = new GridState { Profile = new GridProfile("g", "网格", "Grid", "d", "s", "c", ["dep-1"]) };
        var book = new GridBook(state, SlaPolicy.Default);
        var (id, _) = book.Submit(new NewIssue("g", "water", IssueChannel.Hotline, SlaClass.General, "t"), null, L(3, 20), [new DeputyLoad("dep-1", 0, true)]);
        book.Act(id, new IssueCommand(IssueAction.Respond, Staff), L(3, 21), []);

        // Nothing is due within March; at the first write in April, March's end (open, due Mar 27: past due).
        Assert.Single(book.DueMonthEnds(L(3, 31)), e => e.Month == 202602 && e.Snapshot.Count == 0);
        book.RecordMonthEnds(L(3, 31));
        Assert.Empty(book.DueMonthEnds(L(3, 31, 23)));
        book.Act(id, new IssueCommand(IssueAction.Resolve, Staff, "fixed"), L(4, 1), []);
        book.RecordMonthEnds(L(4, 1));
        Assert.Equal(new Dictionary<int, OpenCount> { [202603] = new(1, 1) }, state.MonthEnds[202603]);
        Assert.Equal(202603, state.MonthEndsThrough);
        Assert.Empty(book.DueMonthEnds(L(4, 5)));
        Assert.Equal([202603], book.HeldMonths());

        // Rated: settled and archived; then March (counters and snapshot) can move to storage, and April's end needs a
        // snapshot of nothing. An idle grid catches up on every month end passed.
        book.Act(id, new IssueCommand(IssueAction.Rate, Actor.Resident, null, null, Rating.Satisfied), L(4, 2), []);
        Assert.Empty(book.SettledMonths(L(4, 2))); // still held until archived
        book.Forget(book.Settled().Select(i => i.Id));
        Assert.Equal([202603], book.SettledMonths(L(4, 2)));
        book.DropMonth(202603);
        Assert.Empty(book.HeldMonths());
        Assert.Empty(state.MonthEnds);
        Assert.Equal([202604, 202605], book.DueMonthEnds(L(6, 2)).Select(e => e.Month));
    }
}
