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

    private sealed record FigureColumn(string Key, string Label, Func<RollupFigures, object?> Value);

    private static readonly IReadOnlyList<Column> UnitColumns =
    [
        new("level", "层级", u => u.Level),
        new("id", "编号", u => u.Id),
        new("name", "名称", u => u.Name),
        new("nameEn", "英文名称", u => u.NameEn),
        new("streetId", "街道编号", u => u.StreetId),
        new("communityId", "社区编号", u => u.CommunityId),
        new("rank", "排名", u => u.Rank),
    ];

    private static readonly IReadOnlyList<FigureColumn> FigureColumns =
    [
        new("received", "收到", f => f.Received),
        new("accepted", "受理", f => f.Accepted),
        new("notAccepted", "不予受理", f => f.NotAccepted),
        new("resolved", "已解决", f => f.Resolved),
        new("closedUnresolved", "未解决办结", f => f.ClosedUnresolved),
        new("open", "在办", f => f.Open),
        new("overdue", "曾超期", f => f.Overdue),
        new("openPastDue", "超期在办", f => f.OpenPastDue),
        new("decided", "已判定", f => f.Decided),
        new("respondedInTime", "按时响应", f => f.RespondedInTime),
        new("respondedLate", "超时响应", f => f.RespondedLate),
        new("responseOverdue", "超时未响应", f => f.ResponseOverdue),
        new("reopened", "重新办理", f => f.Reopened),
        new("satisfied", "满意", f => f.Satisfied),
        new("basicallySatisfied", "基本满意", f => f.BasicallySatisfied),
        new("unsatisfied", "不满意", f => f.Unsatisfied),
        new("notRated", "未评价", f => f.NotRated),
        new("voided", "作废", f => f.Voided),
        new("resolutionRate", "解决率(%)", f => Percent(f.Resolution)),
        new("responseRate", "响应率(%)", f => Percent(f.Response)),
        new("satisfactionRate", "满意率(%)", f => Percent(f.Satisfaction)),
        new("weightedSatisfactionRate", "加权满意率(%)", f => Percent(f.WeightedSatisfaction)),
        new("compositeScore", "综合得分(%)", f => Percent(f.Composite)),
        new("meanHoursToResolve", "平均解决时长(小时)", f => Hours(f.MeanToResolve)),
        new("p90HoursToResolve", "90%解决时长(小时)", f => Hours(f.P90ToResolve)),
    ];

    /// <summary>The columns of every list: the unit, then its (for a closed year: published) figures.</summary>
    public static readonly IReadOnlyList<Column> Columns =
        [.. UnitColumns, .. FigureColumns.Select(c => new Column(c.Key, c.Label, u => c.Value(u.Figures)))];

    /// <summary>
    /// A closed year's lists add these after <see cref="Columns"/>: whether the unit's figures were amended after closing
    /// ("yes"/"no"), then every figure as it is now ("amended.received 修正后收到"): the published figures where nothing changed.
    /// </summary>
    public static readonly IReadOnlyList<Column> AmendedColumns =
    [
        new("amended", "已修正", u => u.Amended is null ? "no" : "yes"),
        .. FigureColumns.Select(c => new Column("amended." + c.Key, "修正后" + c.Label, u => c.Value(u.Amended ?? u.Figures))),
    ];

    public static IReadOnlyList<Column> ColumnsFor(bool amended) => amended ? [.. Columns, .. AmendedColumns] : Columns;

    public static byte[] Csv(IEnumerable<RollupUnitView> units, bool amended = false)
    {
        var columns = ColumnsFor(amended);
        return CsvFile(columns.Select(c => c.Header).ToList(), units.Select(u => columns.Select(c => c.Value(u))));
    }

    public static byte[] Xlsx(IEnumerable<RollupUnitView> units, string sheetName, bool amended = false)
    {
        var columns = ColumnsFor(amended);
        var rows = units.Select(u => (IDictionary<string, object?>)columns.ToDictionary(c => c.Header, c => c.Value(u))).ToList();
        return SaveXlsx(rows, columns.Select(c => c.Header).ToList(), sheetName);
    }

    /// <summary>Rows (header -> value) as one sheet; an empty table still names its columns.</summary>
    public static byte[] SaveXlsx(IReadOnlyList<IDictionary<string, object?>> rows, IReadOnlyList<string> headers, string sheetName)
    {
        using var stream = new MemoryStream();
        if (rows.Count > 0) stream.SaveAs(rows, sheetName: sheetName, excelType: ExcelType.XLSX);
        else
        {
            using var empty = new System.Data.DataTable();
            foreach (var h in headers) empty.Columns.Add(h, typeof(string));
            stream.SaveAs(empty, sheetName: sheetName, excelType: ExcelType.XLSX);
        }
        return stream.ToArray();
    }

    /// <summary>A CSV file: UTF-8 with a BOM (so Excel shows Chinese), CRLF line ends, RFC 4180 quoting.</summary>
    public static byte[] CsvFile(IReadOnlyList<string> headers, IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', headers.Select(Field)).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(v => Field(Text(v)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
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
