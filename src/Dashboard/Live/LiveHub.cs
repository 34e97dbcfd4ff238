using System.Security.Claims;
using GridGov.Grains;
using GridGov.Grains.Access;
using GridGov.Grains.Aggregates;
using GridGov.Grains.Alerts;
using GridGov.Grains.Deputies;
using GridGov.Grains.Domain.Units;
using GridGov.Grains.Grids;
using GridGov.Grains.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GridGov.Dashboard.Live;

/// <summary>
/// /hubs/live. Operators, admins and displays watch any scope within their own; deputies watch the grids
/// they are placed in. Every subscribe answers with a full snapshot, so a client that reconnects and
/// subscribes again is correct at once.
/// </summary>
[Authorize(Policy = "viewer")]
public sealed class LiveHub(IGrainFactory grains, LiveSubscriptions subscriptions, IOptions<GridGovOptions> options) : Hub
{
    /// <summary>Watch a scope's figures and events. Returns (and also sends as StatsChanged) the snapshot.</summary>
    public async Task<StatsChanged> Subscribe(string scope, string id)
    {
        var stats = await Authorized(scope, id);
        foreach (var group in new[] { LiveSubscriptions.Stats(stats.Unit), LiveSubscriptions.Events(stats.Unit) })
            if (subscriptions.Add(Context.ConnectionId, group)) await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var snapshot = StatsChanged.Of(stats, options.Value);
        await Clients.Caller.SendAsync("StatsChanged", snapshot);
        return snapshot;
    }

    public async Task Unsubscribe(string scope, string id)
    {
        if (!TryUnit(scope, id, out var unit)) return;
        foreach (var group in new[] { LiveSubscriptions.Stats(unit), LiveSubscriptions.Events(unit) })
            if (subscriptions.Remove(Context.ConnectionId, group)) await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>Watch the heat view: every grid of a scope. Returns (and sends as HeatChanged) all its grids.</summary>
    public async Task<HeatChanged> SubscribeHeat(string scope, string id)
    {
        var stats = await Authorized(scope, id);
        if (!stats.Unit.IsAggregate) throw new HubException("A heat view is of a district, street or community.");
        var group = LiveSubscriptions.Heat(stats.Unit);
        if (subscriptions.Add(Context.ConnectionId, group)) await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var gridIds = await GridsOf(stats.Unit);
        var cells = (await Task.WhenAll(gridIds.Select(g => grains.GetGrain<IGridGrain>(g).GetLiveStats())))
            .Where(s => s is not null).Select(s => HeatCell.Of(s!)).ToList();
        var snapshot = new HeatChanged(scope, id, cells);
        await Clients.Caller.SendAsync("HeatChanged", snapshot);
        return snapshot;
    }

    public async Task UnsubscribeHeat(string scope, string id)
    {
        if (!TryUnit(scope, id, out var unit)) return;
        var group = LiveSubscriptions.Heat(unit);
        if (subscriptions.Remove(Context.ConnectionId, group)) await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>A deputy's own issues, live (deputies only): answers with the whole list, then pushes DeputyIssues.</summary>
    public async Task<IReadOnlyList<DeputyCard>> SubscribeMyIssues()
    {
        var caller = Me();
        if (caller.Role != CallerRole.Deputy) throw new HubException("Only deputies have issues of their own.");
        var deputyId = caller.Id;
        var group = LiveSubscriptions.Deputy(deputyId);
        if (subscriptions.Add(Context.ConnectionId, group)) await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var snapshot = await grains.GetGrain<IDeputyGrain>(deputyId).GetSnapshot();
        return snapshot.Issues.OrderBy(c => c.DueAt).Select(DeputyCard.Of).ToList();
    }

    /// <summary>The open alerts of a district within the caller's scope (viewers).</summary>
    public async Task<IReadOnlyList<AlertMessage>> Alerts(string districtId)
    {
        var stats = await Authorized("district", districtId, allowBelow: true);
        var caller = Me();
        var open = await grains.GetGrain<IAlertBoardGrain>(stats.Unit.Id).Open();
        return open.Where(a => AccessRules.MaySeeAlert(caller, a.Scopes)).Select(AlertMessage.Of).ToList();
    }

    /// <summary>Acknowledge an alert (operators and admins): recorded with who and when; it leaves every screen.</summary>
    public async Task<bool> AcknowledgeAlert(string districtId, string alertId)
    {
        var caller = Me();
        if (!AccessRules.MayAcknowledgeAlerts(caller)) throw new HubException("Only operators acknowledge alerts.");
        var board = grains.GetGrain<IAlertBoardGrain>(districtId);
        var alert = (await board.Open()).FirstOrDefault(a => a.Id == alertId);
        if (alert is null || !AccessRules.MaySeeAlert(caller, alert.Scopes)) return false;
        return await board.Acknowledge(alertId, caller.Id);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private Caller Me() => Caller.From(Context.User ?? new ClaimsPrincipal());

    /// <summary>The scope's live stats if the caller may watch it; with <paramref name="allowBelow"/>, a scoped operator
    /// may name the district above their scope (they then see only their part).</summary>
    private async Task<LiveStats> Authorized(string scope, string id, bool allowBelow = false)
    {
        if (!TryUnit(scope, id, out var unit))
            throw new HubException("Scope is district, street, community or grid, with an id.");
        var stats = unit.Level == UnitLevel.Grid
            ? await grains.GridOf(unit).GetLiveStats()
            : await grains.AggregateOf(unit).GetLiveStats();
        if (stats is null) throw new HubException($"No {scope} '{id}'.");
        var caller = Me();
        if (caller.Role == CallerRole.Deputy)
        {
            var grid = unit.Level == UnitLevel.Grid ? await grains.GridOf(unit).GetProfile() : null;
            return grid is not null && AccessRules.MaySee(caller, grid) ? stats : throw new HubException("Deputies watch the grids they are placed in.");
        }
        // A scoped viewer may name the district above their scope for its alerts: they see only their part.
        if (allowBelow && caller.Scope is not null && AccessRules.MayReadRollups(caller)) return stats;
        UnitKey[] above = stats.Parent is { } parent ? [parent, .. stats.Ancestors] : [.. stats.Ancestors];
        return AccessRules.MayWatch(caller, unit, above) ? stats : throw new HubException("This is outside your scope.");
    }

    /// <summary>The grids under a scope, walking the aggregates' children.</summary>
    private async Task<IReadOnlyList<string>> GridsOf(UnitKey unit)
    {
        var snapshot = await grains.AggregateOf(unit).GetSnapshot();
        if (snapshot.Profile is not { } p) return [];
        if (p.Level == UnitLevel.Community) return p.Children.Select(c => c.Id).ToList();
        var below = await Task.WhenAll(p.Children.Select(c => GridsOf(p.Key.Child(c.Id))));
        return below.SelectMany(g => g).ToList();
    }

    /// <summary>A watchable unit (district, street, community or grid) from the hub's (scope, id) arguments.</summary>
    private static bool TryUnit(string scope, string id, out UnitKey unit)
    {
        unit = default;
        if (!UnitKey.TryParseLevel(scope, out var level) || level == UnitLevel.Deputy || string.IsNullOrWhiteSpace(id) || id.Length > 64) return false;
        unit = new UnitKey(level, id);
        return true;
    }
}
