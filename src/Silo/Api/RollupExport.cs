using System.Globalization;
using System.Text;
using GridGov.Grains.Rollups;
using MiniExcelLibs;

namespace GridGov.Silo.Api;

/// <summary>
/// Rollup lists as CSV (UTF-8 with a BOM, so Excel shows Chinese) and XLSX (MiniExcel), with the same columns in
/// the same order (<see cref="Columns"/>): each header is the English key, a space, and the Chinese label. Counts are
/// whole numbers; rates are percentages with one decimal; durations are hours; an empty cell means "no data".
/// </summary>
public static class RollupExport
{
    public sealed record Column(string Key, string Label, Func<RollupUnitView, object?> Value)
    {
        public string Header => $"{Key} {Label}";
    }

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("level", "层级", u => u.Level),
        new("id", "编号", u => u.Id),
        new("name", "名称", u => u.Name),
        new("nameEn", "英文名称", u => u.NameEn),
        new("streetId", "街道编号", u => u.StreetId),
        new("communityId", "社区编号", u => u.CommunityId),
        new("rank", "排名", u => u.Rank),
        new("received", "收到", u => u.Figures.Received),
        new("accepted", "受理", u => u.Figures.Accepted),
        new("notAccepted", "不予受理", u => u.Figures.NotAccepted),
        new("resolved", "已解决", u => u.Figures.Resolved),
        new("closedUnresolved", "未解决办结", u => u.Figures.ClosedUnresolved),
        new("open", "在办", u => u.Figures.Open),
        new("overdue", "曾超期", u => u.Figures.Overdue),
        new("openPastDue", "超期在办", u => u.Figures.OpenPastDue),
        new("decided", "已判定", u => u.Figures.Decided),
        new("respondedInTime", "按时响应", u => u.Figures.RespondedInTime),
        new("respondedLate", "超时响应", u => u.Figures.RespondedLate),
        new("responseOverdue", "超时未响应", u => u.Figures.ResponseOverdue),
        new("reopened", "重新办理", u => u.Figures.Reopened),
        new("satisfied", "满意", u => u.Figures.Satisfied),
        new("basicallySatisfied", "基本满意", u => u.Figures.BasicallySatisfied),
        new("unsatisfied", "不满意", u => u.Figures.Unsatisfied),
        new("notRated", "未评价", u => u.Figures.NotRated),
        new("voided", "作废", u => u.Figures.Voided),
        new("resolutionRate", "解决率(%)", u => Percent(u.Figures.Resolution)),
        new("responseRate", "响应率(%)", u => Percent(u.Figures.Response)),
        new("satisfactionRate", "满意率(%)", u => Percent(u.Figures.Satisfaction)),
        new("weightedSatisfactionRate", "加权满意率(%)", u => Percent(u.Figures.WeightedSatisfaction)),
        new("compositeScore", "综合得分(%)", u => Percent(u.Figures.Composite)),
        new("meanHoursToResolve", "平均解决时长(小时)", u => Hours(u.Figures.MeanToResolve)),
        new("p90HoursToResolve", "90%解决时长(小时)", u => Hours(u.Figures.P90ToResolve)),
    ];

    public static byte[] Csv(IEnumerable<RollupUnitView> units)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Columns.Select(c => Field(c.Header))).Append("\r\n");
        foreach (var u in units)
            text.AppendJoin(',', Columns.Select(c => Field(Text(c.Value(u))))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IEnumerable<RollupUnitView> units, string sheetName)
    {
        var rows = units.Select(u => (IDictionary<string, object?>)Columns.ToDictionary(c => c.Header, c => c.Value(u))).ToList();
        using var stream = new MemoryStream();
        if (rows.Count > 0) stream.SaveAs(rows, sheetName: sheetName, excelType: ExcelType.XLSX);
        else
        {
            // No rows to take the headers from: an empty table still names its columns.
            using var empty = new System.Data.DataTable();
            foreach (var c in Columns) empty.Columns.Add(c.Header, typeof(string));
            stream.SaveAs(empty, sheetName: sheetName, excelType: ExcelType.XLSX);
        }
        return stream.ToArray();
    }

    /// <summary>The shown rate ("98.6%") as a number (98.6), so CSV, XLSX and JSON agree to the digit.</summary>
    private static double? Percent(RollupRate rate) =>
        rate.Value is null ? null : double.Parse(rate.Display.TrimEnd('%'), CultureInfo.InvariantCulture);

    private static object? Hours(RollupDuration d) => d.Minutes is not { } m ? null
        : d.MoreThan ? ">" + Math.Round(m / 60, 2).ToString(CultureInfo.InvariantCulture)
        : Math.Round(m / 60, 2);

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
