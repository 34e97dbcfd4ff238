using GridGov.Grains;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Deltas;
using GridGov.Grains.Grids;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.WritePath;

/// <summary>
/// Outbox delivery is exactly-once at the receiver: deltas handed straight to a community's Receive (as a
/// retry, out of order, or after commits piled up) change its figures once, and a gap is repaired from the
/// sender's own counters.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class DeltaDeliveryTests(HostFixture fixture)
{
    private static readonly Actor Admin = new(ActorRole.Admin, "admin");

    private GridGovHost Host => fixture.Host;

    [Fact]
    public async Task A_delta_delivered_twice_is_applied_once()
    {
        var d = await Imported();
        var community = Community(d);
        var streetKey = UnitKey.Street(d.Street(1));
        var sender = $"{d.Id}-made-up-grid";
        var before = await community.GetSnapshot();

        Assert.Equal(1, await community.Receive(Made(sender, 1, 1, received: 3, commit: 7)));
        var once = await community.GetSnapshot();
        Assert.Equal(before.Version + 1, once.Version);
        Assert.Equal(3, once.Children[sender].Total().Received);
        Assert.Equal(before.Counters.Total().Received + 3, once.Counters.Total().Received);
        Assert.Equal(7, once.Origins[sender]);
        Assert.Equal(1, (await community.GetContribution(streetKey.Key)).Seq);

        // The same delta again, as a retry after a lost answer would bring it: the same number back, nothing changed.
        Assert.Equal(1, await community.Receive(Made(sender, 1, 1, received: 3, commit: 7)));
        var twice = await community.GetSnapshot();
        Assert.Equal(once.Version, twice.Version);
        CountersAssert.Equal(once.Counters, twice.Counters);
        CountersAssert.Equal(once.Children[sender], twice.Children[sender]);
        Assert.Equal(1, (await community.GetContribution(streetKey.Key)).Seq); // nothing more forwarded

        // The next number still applies, and the parent got each change once.
        Assert.Equal(2, await community.Receive(Made(sender, 2, 2, received: 2, commit: 8)));
        Assert.Equal(5, (await community.GetSnapshot()).Children[sender].Total().Received);
        var street = await Poll.Until(Aggregate(UnitLevel.Street, d.Street(1)).GetSnapshot,
            s => s.Origins.GetValueOrDefault(sender) >= 8, "the street to apply both deltas");
        Assert.Equal(5, street.Children[d.Community(1, 1)].Total().Received);
    }

    [Fact]
    public async Task A_delta_out_of_order_is_a_gap_and_the_receiver_resynchronises_from_the_sender()
    {
        var d = await Imported();
        var community = Community(d);
        var communityKey = UnitKey.Community(d.Community(1, 1));
        var gridId = d.Grid(1, 1, 1);
        var grid = Host.Grains.GetGrain<IGridGrain>(gridId);

        var first = await grid.Submit(Issue(gridId, "first"), null);
        await Poll.Until(community.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= first.Commit, "the community to apply the first issue");
        var sent = (await grid.GetContribution(communityKey.Key)).Seq;
        Assert.Equal(1, sent);

        // A wrong number 2 in line is applied as it comes (the receiver cannot know better)...
        Assert.Equal(2, await community.Receive(Made(gridId, 2, 2, received: 40, commit: first.Commit)));
        Assert.Equal(41, (await community.GetSnapshot()).Children[gridId].Total().Received);

        // ...then number 4 arrives before 3: a gap. The community replaces the grid's whole contribution with the
        // grid's own account and answers with the grid's own number, not 4.
        Assert.Equal(sent, await community.Receive(Made(gridId, 4, 4, received: 100, commit: first.Commit + 50)));
        var gridNow = await grid.GetSnapshot();
        var resynced = await community.GetSnapshot();
        CountersAssert.Equal(gridNow.Counters.Collapsed(), resynced.Children[gridId]);
        Assert.Equal(1, resynced.Children[gridId].Total().Received);
        Assert.Equal(first.Commit, resynced.Origins[gridId]);

        // The grid's real next delta (number 2 as the grid counts) applies on top, once.
        var second = await grid.Submit(Issue(gridId, "second"), null);
        var caughtUp = await Poll.Until(community.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= second.Commit, "the community to apply the second issue");
        CountersAssert.Equal((await grid.GetSnapshot()).Counters.Collapsed(), caughtUp.Children[gridId]);
        Assert.Equal(2, caughtUp.Children[gridId].Total().Received);
        Assert.Equal(sent + 1, (await grid.GetContribution(communityKey.Key)).Seq);

        // The street got the wrong delta and the correction: it ends equal to the community.
        var street = Aggregate(UnitLevel.Street, d.Street(1));
        var streetView = await Poll.Until(street.GetSnapshot,
            s => CountersAssert.AreEqual(caughtUp.Counters, s.Children.GetValueOrDefault(d.Community(1, 1))),
            "the street to equal the community");
        Assert.Equal(2, streetView.Counters.Total().Received);
    }

    [Fact]
    public async Task A_receiver_behind_a_piled_up_outbox_catches_up_with_each_change_applied_once()
    {
        var d = await Imported();
        var community = Community(d);
        var gridId = d.Grid(1, 1, 1);
        var grid = Host.Grains.GetGrain<IGridGrain>(gridId);

        // Eight submissions at once (group-committed while deliveries are in flight), then actions on some.
        var submitted = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => grid.Submit(Issue(gridId, $"issue {i}"), null)));
        foreach (var r in submitted.Take(3)) await grid.Act(r.Issue.Id, new IssueCommand(IssueAction.Respond, Admin, "called back"));
        await grid.Act(submitted[0].Issue.Id, new IssueCommand(IssueAction.Resolve, Admin, "fixed"));
        await grid.Act(submitted[1].Issue.Id, new IssueCommand(IssueAction.Close, Admin, "not ours"));
        var gridNow = await grid.GetSnapshot();

        var caughtUp = await Poll.Until(community.GetSnapshot, s => s.Origins.GetValueOrDefault(gridId) >= gridNow.Commit, "the community to catch up");
        CountersAssert.Equal(gridNow.Counters.Collapsed(), caughtUp.Children[gridId]);
        var total = caughtUp.Children[gridId].Total();
        Assert.Equal((8, 1, 1, 3, 6), (total.Received, total.Resolved, total.ClosedUnresolved, total.RespondedInTime, total.Open));

        // The whole history delivered again in one message: a duplicate, nothing changes.
        var communityKey = UnitKey.Community(d.Community(1, 1));
        var sent = (await grid.GetContribution(communityKey.Key)).Seq;
        var replay = new Delta { Sender = gridId, FromSeq = 1, ToSeq = sent, Counters = gridNow.Counters.Copy(), Origins = { [gridId] = gridNow.Commit } };
        Assert.Equal(sent, await community.Receive(replay));
        var after = await community.GetSnapshot();
        Assert.Equal(caughtUp.Version, after.Version);
        CountersAssert.Equal(gridNow.Counters.Collapsed(), after.Children[gridId]);

        // Up the tree each level holds the grid's changes once.
        var street = await Poll.Until(Aggregate(UnitLevel.Street, d.Street(1)).GetSnapshot,
            s => s.Origins.GetValueOrDefault(gridId) >= gridNow.Commit, "the street to catch up");
        CountersAssert.Equal(gridNow.Counters.Collapsed(), street.Counters);
        var district = await Poll.Until(Aggregate(UnitLevel.District, d.Id).GetSnapshot,
            s => s.Origins.GetValueOrDefault(gridId) >= gridNow.Commit, "the district to catch up");
        CountersAssert.Equal(gridNow.Counters.Collapsed(), district.Counters);

        // The grid's deputy holds one card per issue and the same counters.
        var deputyId = d.Deputy(1);
        var deputy = await Poll.Until(Host.Grains.GetGrain<IDeputyGrain>(deputyId).GetSnapshot,
            s => s.Origins.GetValueOrDefault(gridId) >= gridNow.Commit, "the deputy to catch up");
        Assert.Equal(submitted.Select(r => r.Issue.Id).Order(), deputy.Issues.Select(c => c.Id).Order());
        CountersAssert.Equal(gridNow.Counters, deputy.Counters);
    }

    private async Task<TestDistrict> Imported()
    {
        var d = TestDistrict.Create();
        await new ApiClient(Host.Client("admin")).Import(d.Structure);
        return d;
    }

    private IAggregateGrain Community(TestDistrict d) => Aggregate(UnitLevel.Community, d.Community(1, 1));

    private IAggregateGrain Aggregate(UnitLevel level, string id) => Host.Grains.AggregateOf(new UnitKey(level, id));

    private static NewIssue Issue(string gridId, string title) =>
        new(gridId, "roads", IssueChannel.Hotline, SlaClass.General, title);

    /// <summary>A hand-made delta: <paramref name="received"/> issues received today in one cell.</summary>
    private Delta Made(string sender, long from, long to, int received, long commit)
    {
        var counters = new CounterSet();
        var at = Host.Settings.Time.GetUtcNow();
        var calendar = DistrictCalendar.Shanghai;
        counters.Add(calendar.MonthKey(at), calendar.DayKey(at), new CellKey("roads", IssueChannel.Hotline, SlaClass.General),
            new Tally { Received = received }, +1);
        return new Delta { Sender = sender, FromSeq = from, ToSeq = to, Counters = counters, Origins = { [sender] = commit } };
    }
}
