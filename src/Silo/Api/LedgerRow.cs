using System.Globalization;
using GridGov.Grains.Domain;
using GridGov.Grains.Rollups;

namespace GridGov.Silo.Api;

/// <summary>Where a grid sits: its names and its community's and street's, for ledger rows.</summary>
public sealed record LedgerPlace(string GridId, string Grid, string CommunityId, string Community, string StreetId, string Street);

/// <summary>
/// One issue in a ledger (台账): its place, kind, times, outcome and rating, with the resident's contact details masked
/// (name: first character and "*"; phone: first three and last four digits). No title, description or address: they
/// are the resident's own words and may name people.
/// </summary>
public sealed record LedgerRow(
    string Id, int CohortMonth, string GridId, string Grid, string CommunityId, string Community, string StreetId, string Street,
    string Category, string CategoryName, string Channel, string ChannelName, string Sla,
    DateTimeOffset ReceivedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    string Status, string StatusName, string? Outcome, bool Overdue, int ReopenCount, string? Rating, string? RatingName,
    string? DeputyId, string? Deputy, string? ContactName, string? ContactPhone)
{
    public static LedgerRow Of(Issue i, LedgerPlace place, int cohortMonth, IReadOnlyDictionary<string, string> deputyNames, CategoryCatalogue categories)
    {
        var (category, _) = categories.Names(i.Category);
        var (channel, _) = RollupLabels.Channel(i.Channel);
        var rating = i.Rating is { } r ? Names.Of(r) : i.RatingExpired ? "notRated" : null;
        return new(i.Id, cohortMonth, place.GridId, place.Grid, place.CommunityId, place.Community, place.StreetId, place.Street,
            i.Category, category, Names.Of(i.Channel), channel, Names.Of(i.Sla),
            i.ReceivedAt, i.AcceptedAt, i.FirstResponseAt, i.ResolvedAt, i.ClosedAt,
            Names.Of(i.Status), StatusLabel(i.Status), i.Outcome, i.Overdue || i.WentOverdue || i.ResponseOverdue, i.ReopenCount,
            rating, RatingLabel(rating), i.DeputyId, i.DeputyId is { } d ? deputyNames.GetValueOrDefault(d) : null,
            MaskName(i.Contact?.Name), MaskPhone(i.Contact?.Phone));
    }

    /// <summary>"张三丰" → "张*": the first character (a whole text element: a surrogate pair stays whole) and one star.</summary>
    public static string? MaskName(string? name)
    {
        var n = name?.Trim();
        if (string.IsNullOrEmpty(n)) return null;
        return StringInfo.GetNextTextElement(n) + "*";
    }

    /// <summary>"13812341234" → "138****1234"; fewer than 8 digits keep only the last two ("****34"); no digits, null.</summary>
    public static string? MaskPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0) return null;
        return digits.Length >= 8 ? digits[..3] + "****" + digits[^4..] : "****" + digits[^Math.Min(2, digits.Length)..];
    }

    private static string StatusLabel(IssueStatus s) => s switch
    {
        IssueStatus.Received => "待受理",
        IssueStatus.Declined => "不予受理",
        IssueStatus.Accepted => "已受理",
        IssueStatus.Assigned => "已交办",
        IssueStatus.Responded => "已联系",
        IssueStatus.InProgress => "办理中",
        IssueStatus.Suspended => "挂起",
        IssueStatus.Resolved => "已解决",
        IssueStatus.ClosedUnresolved => "未解决办结",
        IssueStatus.Voided => "作废",
        _ => Names.Of(s),
    };

    private static string? RatingLabel(string? rating) => rating switch
    {
        "satisfied" => "满意",
        "basicallySatisfied" => "基本满意",
        "unsatisfied" => "不满意",
        "notRated" => "未评价",
        _ => null,
    };
}
