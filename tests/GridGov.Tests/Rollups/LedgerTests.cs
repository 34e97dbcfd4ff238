using System.Net;
using System.Text;
using GridGov.Silo.Api;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GridGov.Tests.Rollups;

/// <summary>The issue ledger (台账) over HTTP: every issue of a unit and period once, held or archived; contacts masked in
/// JSON, CSV (BOM, Chinese intact) and XLSX (valid Open XML, the same rows); operators only within their scope.</summary>
[Collection(SharedHost.Name)]
public sealed class LedgerTests(HostFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private GridGovHost Host => fixture.Host;

    /// <summary>The documented columns (README, "Ledger").</summary>
    private static readonly string[] Header =
    [
        "id 编号", "cohortMonth 统计月份", "gridId 网格编号", "grid 网格", "community 社区", "street 街道", "category 类别", "channel 渠道",
        "sla 时限类别", "receivedAt 收到时间", "acceptedAt 受理时间", "firstResponseAt 首次响应时间", "resolvedAt 解决时间", "closedAt 办结时间",
        "status 状态", "outcome 办理结果", "overdue 超期", "reopenCount 重新办理次数", "rating 评价", "deputyId 代表编号", "deputy 代表",
        "contactName 联系人", "contactPhone 联系电话",
    ];

    private static readonly string[] Secrets = ["张三丰", "三丰", "13812341234", "李四", "13998765432", "98765432", "12341234"];

    private async Task<(TestDistrict D, SubmittedIssue A, SubmittedIssue B, SubmittedIssue C, int Year)> Seed()
    {
        var d = TestDistrict.Create();
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var a = await admin.Submit(d.Grid(1, 1, 1), "路灯不亮", "roads", "hotline", contact: new { name = "张三丰", phone = "138-1234-1234" });
        var b = await admin.Submit(d.Grid(1, 2, 1), "电梯故障", "property", "liaisonStation", contact: new { name = "李四", phone = "13998765432" });
        var c = await admin.Submit(d.Grid(2, 1, 1), "噪音扰民", "security", "online");
        Host.Settings.Time.Advance(TimeSpan.FromHours(1));
        await admin.Act(a.Id, "respond", "已联系居民");
        await admin.Act(b.Id, "respond", "已联系居民");
        await admin.Act(a.Id, "resolve", "已更换灯泡");
        await new ApiClient(Host.Client()).Rate(a.TrackingCode, "satisfied"); // settled: a now lives in the archive
        var year = TimeZoneInfo.ConvertTime(Host.Settings.Time.GetUtcNow(), Shanghai).Year;
        return (d, a, b, c, year);
    }

    [Fact]
    public async Task A_ledger_lists_each_issue_once_with_contacts_masked_in_json_csv_and_xlsx()
    {
        var (d, a, b, c, year) = await Seed();
        var admin = new ApiClient(Host.Client("admin"));
        // a was rated, so settled and archived: the ledger must find it in the archive, not in its grid.
        Assert.DoesNotContain(await Host.Grains.GetGrain<GridGov.Grains.Grids.IGridGrain>(d.Grid(1, 1, 1)).GetHeldIssues(), i => i.Id == a.Id);

        var query = $"/api/ledger/{year}?level=district&id={d.Id}";
        var raw = await admin.Http.GetStringAsync(query);
        foreach (var s in Secrets) Assert.DoesNotContain(s, raw);
        var json = await admin.Get<LedgerView>(query);
        Assert.Null(json.Next);
        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Order(), json.Rows.Select(r => r.Id).Order());
        var ra = json.Rows.Single(r => r.Id == a.Id);
        Assert.Equal(("张*", "138****1234"), (ra.ContactName, ra.ContactPhone));
        Assert.Equal(("resolved", "已解决", "satisfied", "满意", "道路交通", "热线"), (ra.Status, ra.StatusName, ra.Rating, ra.RatingName, ra.CategoryName, ra.ChannelName));
        Assert.Equal((d.Grid(1, 1, 1), d.Community(1, 1), d.Street(1), "第1网格", "第1社区", "第1街道"), (ra.GridId, ra.CommunityId, ra.StreetId, ra.Grid, ra.Community, ra.Street));
        Assert.Equal((d.Deputy(1), "代表1"), (ra.DeputyId, ra.Deputy));
        Assert.Equal("已更换灯泡", ra.Outcome);
        Assert.NotNull(ra.ResolvedAt);
        var rb = json.Rows.Single(r => r.Id == b.Id);
        Assert.Equal(("李*", "139****5432", "responded", (string?)null), (rb.ContactName, rb.ContactPhone, rb.Status, rb.Rating));
        var rc = json.Rows.Single(r => r.Id == c.Id);
        Assert.Equal(((string?)null, (string?)null), (rc.ContactName, rc.ContactPhone));
        Assert.Equal(year * 100 + TimeZoneInfo.ConvertTime(rc.AcceptedAt!.Value, Shanghai).Month, rc.CohortMonth);

        // A street's ledger holds its own issues only; a grid's, paged from a token.
        Assert.Equal(new[] { a.Id, b.Id }.Order(), (await admin.Get<LedgerView>($"/api/ledger/{year}?level=street&id={d.Street(1)}")).Rows.Select(r => r.Id).Order());
        // Street 1's grids in structure order: c1-g1 (a), c1-g2, c2-g1 (b), c2-g2. A token is grid index and offset.
        Assert.Equal([b.Id], (await admin.Get<LedgerView>($"/api/ledger/{year}?level=street&id={d.Street(1)}&page=2:0")).Rows.Select(r => r.Id));
        Assert.Equal([b.Id], (await admin.Get<LedgerView>($"/api/ledger/{year}?level=street&id={d.Street(1)}&page=0:1")).Rows.Select(r => r.Id));
        Assert.Empty((await admin.Get<LedgerView>($"/api/ledger/{year}?level=street&id={d.Street(1)}&page=3:0")).Rows);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"/api/ledger/{year}?level=street&id={d.Street(1)}&page=nonsense")).StatusCode);

        var csvResponse = await admin.Http.GetAsync(query + "&format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false).GetString(bytes[3..]);
        foreach (var s in Secrets) Assert.DoesNotContain(s, text);
        var csv = RollupExportTests.ParseCsv(text);
        Assert.Equal(Header, csv[0]);
        Assert.Equal(json.Rows.Select(r => r.Id), csv.Skip(1).Select(r => r[0]));
        var rowA = Header.Zip(csv.Single(r => r[0] == a.Id)).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("张*", rowA["contactName 联系人"]);
        Assert.Equal("138****1234", rowA["contactPhone 联系电话"]);
        Assert.Equal("道路交通", rowA["category 类别"]);
        Assert.Equal("满意", rowA["rating 评价"]);
        Assert.Equal("已解决", rowA["status 状态"]);
        Assert.Equal("否", rowA["overdue 超期"]);
        Assert.Equal(TimeZoneInfo.ConvertTime(ra.ReceivedAt, Shanghai).ToString("yyyy-MM-dd HH:mm"), rowA["receivedAt 收到时间"]);

        var xlsxResponse = await admin.Http.GetAsync(query + "&format=xlsx");
        Assert.Equal(RollupsApi.XlsxType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        var xlsx = await xlsxResponse.Content.ReadAsByteArrayAsync();
        var sheet = XlsxSheet.Read(xlsx, Header.Length);
        Assert.Equal(csv, sheet);
        foreach (var s in Secrets) Assert.DoesNotContain(sheet.SelectMany(r => r), cell => cell.Contains(s));
    }

    [Fact]
    public async Task An_issue_accepted_months_after_its_receipt_is_in_the_ledger_of_its_acceptance_month()
    {
        var d = TestDistrict.Create(autoAccept: false);
        var admin = new ApiClient(Host.Client("admin"));
        await admin.Import(d.Structure);
        var grid = d.Grid(1, 1, 1);
        var late = await admin.Submit(grid, "井盖缺失", "roads", "hotline");
        // Accepted more than the two months of receipts the ledger always searches, then settled into the archive.
        Host.Settings.Time.Advance(TimeSpan.FromDays(100));
        await admin.Act(late.Id, "accept");
        await admin.Act(late.Id, "respond", "已联系居民");
        await admin.Act(late.Id, "resolve", "已补装井盖");
        await new ApiClient(Host.Client()).Rate(late.TrackingCode, "satisfied");
        Assert.DoesNotContain(await Host.Grains.GetGrain<GridGov.Grains.Grids.IGridGrain>(grid).GetHeldIssues(), i => i.Id == late.Id);

        var accepted = TimeZoneInfo.ConvertTime(Host.Settings.Time.GetUtcNow(), Shanghai);
        var ledger = await admin.Get<LedgerView>($"/api/ledger/{accepted.Year}?level=grid&id={grid}&period={accepted:yyyyMM}");

        var row = Assert.Single(ledger.Rows);
        Assert.Equal((late.Id, accepted.Year * 100 + accepted.Month), (row.Id, row.CohortMonth));
    }

    [Fact]
    public async Task Operators_read_ledgers_within_their_scope_only()
    {
        var (d, a, b, c, year) = await Seed();
        var street1 = Host.Client("operator", scope: $"street:{d.Street(1)}");
        var community = Host.Client("operator", scope: $"community:{d.Community(1, 2)}");
        Assert.Equal(new[] { a.Id, b.Id }.Order(),
            (await new ApiClient(street1).Get<LedgerView>($"/api/ledger/{year}?level=street&id={d.Street(1)}")).Rows.Select(r => r.Id).Order());
        Assert.Equal([b.Id], (await new ApiClient(community).Get<LedgerView>($"/api/ledger/{year}?level=community&id={d.Community(1, 2)}")).Rows.Select(r => r.Id));
        Assert.Equal([a.Id], (await new ApiClient(street1).Get<LedgerView>($"/api/ledger/{year}?level=grid&id={d.Grid(1, 1, 1)}&format=json")).Rows.Select(r => r.Id));

        foreach (var (client, path) in new[]
        {
            (street1, $"level=street&id={d.Street(2)}"),
            (street1, $"level=grid&id={d.Grid(2, 1, 1)}&format=csv"),
            (street1, $"level=district&id={d.Id}"),
            (community, $"level=street&id={d.Street(1)}"),
            (community, $"level=community&id={d.Community(1, 1)}"),
            (Host.Client("deputy", d.Deputy(1)), $"level=grid&id={d.Grid(1, 1, 1)}"),
        })
            Assert.True((await client.GetAsync($"/api/ledger/{year}?{path}")).StatusCode == HttpStatusCode.Forbidden, path);

        var admin = new ApiClient(Host.Client("admin"));
        var display = Host.CreateClient();
        display.DefaultRequestHeaders.Authorization = new("Bearer", await admin.DisplayToken("wall"));
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync($"/api/ledger/{year}?level=district&id={d.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client().GetAsync($"/api/ledger/{year}?level=district&id={d.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/api/ledger/{year}?level=grid&id={d.Id}-nosuch")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"/api/ledger/{year}?level=street")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"/api/ledger/{year}?level=district&id={d.Id}&period=Q5")).StatusCode);
    }

    [Fact]
    public async Task An_export_larger_than_the_limit_answers_413_and_the_json_still_pages()
    {
        await using var host = new GridGovHost(HostSettings.Fresh(), s => s.Configure<GridGov.Grains.GridGovOptions>(o => o.LedgerExportRows = 2));
        var d = TestDistrict.Create();
        var admin = new ApiClient(host.Client("admin"));
        await admin.Import(d.Structure);
        var filed = new[] { await admin.Submit(d.Grid(1, 1, 1)), await admin.Submit(d.Grid(1, 1, 2)), await admin.Submit(d.Grid(2, 1, 1)) };
        var year = TimeZoneInfo.ConvertTime(host.Settings.Time.GetUtcNow(), Shanghai).Year;

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var refused = await admin.Http.GetAsync($"/api/ledger/{year}?level=district&id={d.Id}&format={format}");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(("ledger.tooLarge", 3, 2), (problem.GetProperty("code").GetString(), problem.GetProperty("rows").GetInt32(), problem.GetProperty("limit").GetInt32()));
        }
        // Within the limit, a smaller unit exports; the whole district still reads as JSON pages.
        var street = await admin.Http.GetAsync($"/api/ledger/{year}?level=street&id={d.Street(1)}&format=csv");
        Assert.Equal(HttpStatusCode.OK, street.StatusCode);
        var json = await admin.Get<LedgerView>($"/api/ledger/{year}?level=district&id={d.Id}");
        Assert.Equal(filed.Select(f => f.Id).Order(), json.Rows.Select(r => r.Id).Order());
    }
}
