using GridGov.Grains.Domain;
using GridGov.Grains.Domain.Grids;
using GridGov.Grains.Live;

namespace GridGov.Grains.Grids;

/// <summary>The command center's view of what a commit did: new history entries as events, without personal data.</summary>
public static class GridEvents
{
    public static List<IssueEvent> Of(GridState before, GridState after)
    {
        var events = new List<IssueEvent>();
        if (after.Profile is not { } p) return events;
        var scopes = p.Units;
        foreach (var id in after.Touched)
        {
            if (!after.Issues.TryGetValue(id, out var issue)) continue;
            // An issue back from parking has told its steps before.
            var seen = before.Issues.GetValueOrDefault(id)?.History.Count ?? before.Parked.GetValueOrDefault(id)?.HistoryCount ?? 0;
            foreach (var h in issue.History.Skip(seen))
                if (Kind(h) is { } kind)
                    events.Add(new IssueEvent(
                        kind == "assigned" && h.DeputyId is { } d && !p.Deputies.Contains(d) ? "assignedOutsideGrid" : kind,
                        id, p.Id, issue.Category, h.At, scopes, h.DeputyId));
        }
        return events;
    }

    private static string? Kind(HistoryEntry h) => h.Action switch
    {
        "accept" => h.To == IssueStatus.Assigned ? "assigned" : "accepted",
        "reassign" when h.By.Role == ActorRole.System => "autoReassigned",
        "reassign" => "assigned",
        "resolve" => "resolved",
        "close" => "closed",
        "reopen" => "reopened",
        "rate:unsatisfied" => "ratedUnsatisfied",
        "overdue" => "overdue",
        _ => null,
    };
}
