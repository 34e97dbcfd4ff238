using System.Globalization;

namespace GridGov.Silo.Api;

/// <summary>
/// Ledgers as CSV (UTF-8 with BOM) and XLSX, by <see cref="RollupExport"/>'s conventions: each header is the English
/// key, a space, and the Chinese label; times are the district's local time ("yyyy-MM-dd HH:mm"); empty means none.
/// </summary>
public static class LedgerExport
{
    public sealed record Column(string Key, string Label, Func<LedgerRow, TimeZoneInfo, object?> Value)
    {
        public string Header => $"{Key} {Label}";
    }

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("id", "编号", (r, _) => r.Id),
        new("cohortMonth", "统计月份", (r, _) => r.CohortMonth),
        new("gridId", "网格编号", (r, _) => r.GridId),
        new("grid", "网格", (r, _) => r.Grid),
        new("community", "社区", (r, _) => r.Community),
        new("street", "街道", (r, _) => r.Street),
        new("category", "类别", (r, _) => r.CategoryName),
        new("channel", "渠道", (r, _) => r.ChannelName),
        new("sla", "时限类别", (r, _) => r.Sla),
        new("receivedAt", "收到时间", (r, z) => Local(r.ReceivedAt, z)),
        new("acceptedAt", "受理时间", (r, z) => Local(r.AcceptedAt, z)),
        new("firstResponseAt", "首次响应时间", (r, z) => Local(r.FirstResponseAt, z)),
        new("resolvedAt", "解决时间", (r, z) => Local(r.ResolvedAt, z)),
        new("closedAt", "办结时间", (r, z) => Local(r.ClosedAt, z)),
        new("status", "状态", (r, _) => r.StatusName),
        new("outcome", "办理结果", (r, _) => r.Outcome),
        new("overdue", "超期", (r, _) => r.Overdue ? "是" : "否"),
        new("reopenCount", "重新办理次数", (r, _) => r.ReopenCount),
        new("rating", "评价", (r, _) => r.RatingName),
        new("deputyId", "代表编号", (r, _) => r.DeputyId),
        new("deputy", "代表", (r, _) => r.Deputy),
        new("contactName", "联系人", (r, _) => r.ContactName),
        new("contactPhone", "联系电话", (r, _) => r.ContactPhone),
    ];

    public static byte[] Csv(IEnumerable<LedgerRow> rows, TimeZoneInfo zone) =>
        RollupExport.CsvFile(Columns.Select(c => c.Header).ToList(), rows.Select(r => Columns.Select(c => c.Value(r, zone))));

    public static byte[] Xlsx(IEnumerable<LedgerRow> rows, TimeZoneInfo zone) =>
        RollupExport.SaveXlsx(rows.Select(r => (IDictionary<string, object?>)Columns.ToDictionary(c => c.Header, c => c.Value(r, zone))).ToList(),
            Columns.Select(c => c.Header).ToList(), "ledger");

    private static string? Local(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;
}
