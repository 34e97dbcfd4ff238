using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GridGov.Grains.Rollups;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;

namespace GridGov.Tests.Rollups;

/// <summary>Rollup lists as CSV (BOM, documented columns, Chinese intact) and XLSX (valid Open XML), holding the JSON's figures.</summary>
[Collection(SharedHost.Name)]
public sealed class RollupExportTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    /// <summary>The documented column order (README, "Rollups").</summary>
    internal static readonly string[] Header =
    [
        "level 层级", "id 编号", "name 名称", "nameEn 英文名称", "streetId 街道编号", "communityId 社区编号", "rank 排名",
        "received 收到", "accepted 受理", "notAccepted 不予受理", "resolved 已解决", "closedUnresolved 未解决办结", "open 在办",
        "overdue 曾超期", "openPastDue 超期在办", "decided 已判定", "respondedInTime 按时响应", "respondedLate 超时响应",
        "responseOverdue 超时未响应", "reopened 重新办理", "satisfied 满意", "basicallySatisfied 基本满意", "unsatisfied 不满意",
        "notRated 未评价", "voided 作废", "resolutionRate 解决率(%)", "responseRate 响应率(%)", "satisfactionRate 满意率(%)",
        "weightedSatisfactionRate 加权满意率(%)", "compositeScore 综合得分(%)", "meanHoursToResolve 平均解决时长(小时)",
        "p90HoursToResolve 90%解决时长(小时)",
    ];

    [Fact]
    public async Task Csv_and_xlsx_hold_the_json_figures_with_chinese_names()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var resident = new ApiClient(Host.Client());
        var issues = new List<SubmittedIssue>();
        foreach (var (grid, n) in new[] { (d.Grid(1, 1, 1), 3), (d.Grid(1, 2, 1), 2), (d.Grid(2, 1, 2), 1) })
            for (var i = 0; i < n; i++) issues.Add(await admin.Submit(grid, $"楼道堆物{i}", "property", "liaisonStation"));
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        foreach (var i in issues.Take(5)) await admin.Act(i.Id, "respond", "已联系居民");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        foreach (var i in issues.Take(3)) await admin.Act(i.Id, "resolve", "已清理");
        await admin.Act(issues[3].Id, "close", "不属职责范围");
        await resident.Rate(issues[0].TrackingCode, "satisfied");
        await resident.Rate(issues[1].TrackingCode, "basicallySatisfied");
        var year = TimeZoneInfo.ConvertTime(Host.Settings.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;

        foreach (var level in new[] { "grid", "community", "street", "district" })
        {
            var query = $"/api/rollups/{year}?level={level}&district={d.Id}";
            var json = await admin.Get<RollupListView>(query);

            var csvResponse = await admin.Http.GetAsync(query + "&format=csv");
            Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"rollup-{d.Id}-{year}-{level}.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var rows = ParseCsv(new UTF8Encoding(false).GetString(bytes[3..]));
            Assert.Equal(Header, rows[0]);
            AssertSameFigures($"csv {level}", json.Units, rows.Skip(1).Select(r => Header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList());

            // Accept: text/csv asks for the same.
            using var accept = new HttpRequestMessage(HttpMethod.Get, query);
            accept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            Assert.Equal(bytes, await (await admin.Http.SendAsync(accept)).Content.ReadAsByteArrayAsync());

            var xlsxResponse = await admin.Http.GetAsync(query + "&format=xlsx");
            Assert.Equal(RollupsApi.XlsxType, xlsxResponse.Content.Headers.ContentType?.MediaType);
            var sheet = XlsxSheet.Read(await xlsxResponse.Content.ReadAsByteArrayAsync(), Header.Length);
            Assert.Equal(Header, sheet[0]);
            AssertSameFigures($"xlsx {level}", json.Units, sheet.Skip(1).Select(r => Header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList());
        }

        // A list with nothing in it still names its columns.
        Assert.Equal(Header, Assert.Single(XlsxSheet.Read(RollupExport.Xlsx([], "grid"), Header.Length)));
        Assert.Equal(string.Join(",", Header) + "\r\n", Encoding.UTF8.GetString(RollupExport.Csv([])[3..]));

        var csv = Encoding.UTF8.GetString(await admin.Http.GetByteArrayAsync($"/api/rollups/{year}?level=community&district={d.Id}&format=csv"));
        Assert.Contains(",第1社区,Community 1,", csv);
        Assert.Contains("名称", csv);
        var district = Encoding.UTF8.GetString(await admin.Http.GetByteArrayAsync($"/api/rollups/{year}?district={d.Id}&format=csv"));
        Assert.Contains($"district,{d.Id},测试区,Test District,", district);
    }

    /// <summary>Every row is a unit of the JSON list, in the same order, with the same counts, rates (as shown) and hours.</summary>
    private static void AssertSameFigures(string what, IReadOnlyList<RollupUnitView> units, IReadOnlyList<Dictionary<string, string>> rows)
    {
        Assert.Equal(units.Count, rows.Count);
        foreach (var (u, row) in units.Zip(rows))
        {
            var f = u.Figures;
            var expected = new Dictionary<string, string>
            {
                ["level 层级"] = u.Level, ["id 编号"] = u.Id, ["name 名称"] = u.Name, ["nameEn 英文名称"] = u.NameEn,
                ["streetId 街道编号"] = u.StreetId ?? "", ["communityId 社区编号"] = u.CommunityId ?? "", ["rank 排名"] = Num(u.Rank),
                ["received 收到"] = Num(f.Received), ["accepted 受理"] = Num(f.Accepted), ["notAccepted 不予受理"] = Num(f.NotAccepted),
                ["resolved 已解决"] = Num(f.Resolved), ["closedUnresolved 未解决办结"] = Num(f.ClosedUnresolved), ["open 在办"] = Num(f.Open),
                ["overdue 曾超期"] = Num(f.Overdue), ["openPastDue 超期在办"] = Num(f.OpenPastDue), ["decided 已判定"] = Num(f.Decided),
                ["respondedInTime 按时响应"] = Num(f.RespondedInTime), ["respondedLate 超时响应"] = Num(f.RespondedLate),
                ["responseOverdue 超时未响应"] = Num(f.ResponseOverdue), ["reopened 重新办理"] = Num(f.Reopened),
                ["satisfied 满意"] = Num(f.Satisfied), ["basicallySatisfied 基本满意"] = Num(f.BasicallySatisfied),
                ["unsatisfied 不满意"] = Num(f.Unsatisfied), ["notRated 未评价"] = Num(f.NotRated), ["voided 作废"] = Num(f.Voided),
                ["resolutionRate 解决率(%)"] = Percent(f.Resolution), ["responseRate 响应率(%)"] = Percent(f.Response),
                ["satisfactionRate 满意率(%)"] = Percent(f.Satisfaction), ["weightedSatisfactionRate 加权满意率(%)"] = Percent(f.WeightedSatisfaction),
                ["compositeScore 综合得分(%)"] = Percent(f.Composite),
                ["meanHoursToResolve 平均解决时长(小时)"] = Hours(f.MeanToResolve), ["p90HoursToResolve 90%解决时长(小时)"] = Hours(f.P90ToResolve),
            };
            foreach (var column in Header)
                Assert.True(Same(expected[column], row[column]), $"{what} {u.Id} {column}: expected '{expected[column]}', got '{row[column]}'");
        }
    }

    /// <summary>Numbers compare as numbers ("98.6" and "98.6000000001" from a spreadsheet are the same), text as text.</summary>
    private static bool Same(string expected, string actual) =>
        expected == actual
        || (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
            && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && Math.Abs(e - a) < 1e-9);

    private static string Num(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Percent(RollupRate r) => r.Value is null ? "" : r.Display.TrimEnd('%');

    private static string Hours(RollupDuration h) => h.Minutes is not { } m ? ""
        : (h.MoreThan ? ">" : "") + Math.Round(m / 60, 2).ToString(CultureInfo.InvariantCulture);

    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r') { }
            else if (ch == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else field.Append(ch);
        }
        Assert.True(field.Length == 0 && row.Count == 0, "the CSV ends with a line break");
        return rows;
    }
}
