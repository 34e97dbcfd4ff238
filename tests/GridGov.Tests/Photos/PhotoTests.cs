using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using GridGov.Silo.Api;
using GridGov.Silo.Photos;
using GridGov.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridGov.Tests.Photos;

/// <summary>
/// Photos on issues over the real host and real Azurite blobs. Grid s1-c1-g1 has deputies d1 and d4; a submitted issue
/// there is assigned to d1. What is stored is checked by listing the photo container's blobs directly, not only through
/// the API.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class PhotoTests(HostFixture fixture)
{
    private GridGovHost Host => fixture.Host;

    // Tiny valid images (3 x 2 pixels), made with Pillow and checked to decode.
    private static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/" +
        "wAALCAACAAMBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAA//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AN//Z");
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFUlEQVR42mM8ISfHwMDAwMDAxAADABMuAQjbG1iiAAAAAElFTkSuQmCC");
    private static readonly byte[] WebP = Convert.FromBase64String(
        "UklGRjYAAABXRUJQVlA4ICoAAACQAQCdASoDAAIAAsBMJaACdLoAA5gA/u2QP4hd7G2//PTP62/j/xkAAAA=");
    private static readonly byte[] WebPLossless = Convert.FromBase64String("UklGRh4AAABXRUJQVlA4TBEAAAAvAkAAAAdQjyLXo/+BiOh/AAA=");
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODdhAwACAIEAAMgeHgAAAAAAAAAAACwAAAAAAwACAAAIBgABCBwYEAA7");

    private sealed record World(TestDistrict District, SubmittedIssue Issue, HttpClient Resident, HttpClient Deputy)
    {
        public string Code => Issue.TrackingCode;
    }

    /// <summary>A district of its own with one issue in s1-c1-g1, assigned to d1 (d4 is placed in that grid too).</summary>
    private async Task<World> Given()
    {
        var d = TestDistrict.Create(deputiesOfGrid: (id, s, c, g) => (s, c, g) == (1, 1, 1) ? [$"{id}-d1", $"{id}-d4"] : [$"{id}-d{(s - 1) * 2 + c}"]);
        await new ApiClient(Host.Client("admin")).Import(d.Structure);
        var resident = Host.Client();
        var issue = await new ApiClient(resident).Submit(d.Grid(1, 1, 1));
        Assert.Equal(d.Deputy(1), issue.AssignedDeputyId);
        return new World(d, issue, resident, Host.Client("deputy", d.Deputy(1)));
    }

    // ---- upload, list, fetch -----------------------------------------------------------------------------------

    [Fact]
    public async Task Resident_deputy_and_operator_upload_and_both_sides_list_and_fetch_through_signed_links()
    {
        var w = await Given();
        var before = Host.Settings.Time.GetUtcNow();

        var byResident = await Upload(w.Resident, $"/api/track/{w.Code}/photos", Png, "IMG_0001.png", "image/png");
        var byDeputy = await Upload(w.Deputy, $"/api/issues/{w.Issue.Id}/photos", Jpeg, "site.jpg", "image/jpeg");
        var byOperator = await Upload(Host.Client("operator", scope: $"street:{w.District.Street(1)}"), $"/api/issues/{w.Issue.Id}/photos",
            WebP, "photo.webp", "image/webp");
        var byAdmin = await Upload(Host.Client("admin"), $"/api/issues/{w.Issue.Id}/photos", WebPLossless, "x.bin", "application/octet-stream");

        Assert.Equal(("image/png", Png.Length, "resident", 3, 2), (byResident.ContentType, (int)byResident.Size, byResident.UploadedBy, byResident.Width!.Value, byResident.Height!.Value));
        Assert.Equal(("image/jpeg", Jpeg.Length, "deputy", 3, 2), (byDeputy.ContentType, (int)byDeputy.Size, byDeputy.UploadedBy, byDeputy.Width!.Value, byDeputy.Height!.Value));
        Assert.Equal(("image/webp", WebP.Length, "operator", 3, 2), (byOperator.ContentType, (int)byOperator.Size, byOperator.UploadedBy, byOperator.Width!.Value, byOperator.Height!.Value));
        Assert.Equal(("image/webp", "admin", 3, 2), (byAdmin.ContentType, byAdmin.UploadedBy, byAdmin.Width!.Value, byAdmin.Height!.Value));
        Assert.InRange(byResident.UploadedAt, before, Host.Settings.Time.GetUtcNow());
        // Tiny photos are not enlarged for their thumbnail.
        Assert.Equal((3, 2), (byResident.Thumbnail.Width, byResident.Thumbnail.Height!.Value));

        // Staff who may read the issue and the resident see the same four photos.
        var uploaded = new[] { byResident, byDeputy, byOperator, byAdmin }.ToDictionary(p => p.Id);
        var asStaff = await List(w.Deputy, $"/api/issues/{w.Issue.Id}/photos");
        var asOperator = await List(Host.Client("operator", scope: $"community:{w.District.Community(1, 1)}"), $"/api/issues/{w.Issue.Id}/photos");
        var asResident = await List(w.Resident, $"/api/track/{w.Code}/photos");
        foreach (var listing in new[] { asStaff, asOperator, asResident })
        {
            Assert.Equal(uploaded.Keys.Order(), listing.Select(p => p.Id).Order());
            foreach (var p in listing)
                Assert.Equal((uploaded[p.Id].ContentType, uploaded[p.Id].Size, uploaded[p.Id].UploadedBy), (p.ContentType, p.Size, p.UploadedBy));
        }

        // Each link is into the app, signed and short-lived, and fetches the very bytes with the sniffed content type.
        var anonymous = Host.CreateClient();
        var bytesOf = new Dictionary<string, byte[]> { [byResident.Id] = Png, [byDeputy.Id] = Jpeg, [byOperator.Id] = WebP, [byAdmin.Id] = WebPLossless };
        foreach (var p in asResident)
        {
            Assert.StartsWith($"/photos/{w.Issue.Id}/{p.Id}?exp=", p.Url);
            Assert.Contains("&sig=", p.Url);
            Assert.InRange(p.UrlExpiresAt, DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11.5));
            var response = await anonymous.GetAsync(p.Url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(p.ContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytesOf[p.Id], await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl?.Private, $"Cache-Control: {response.Headers.CacheControl}");
        }

        // Storage URLs are never handed out.
        var raw = await w.Resident.GetStringAsync($"/api/track/{w.Code}/photos") + await w.Deputy.GetStringAsync($"/api/issues/{w.Issue.Id}/photos");
        Assert.DoesNotContain("devstoreaccount1", raw);
        Assert.DoesNotContain("http", raw);

        // What is stored: one blob per photo, "{issueId}/{photoId}.{ext}", with the sniffed content type.
        var blobs = await Blobs(w.Issue.Id);
        Assert.Equal(
            new[] { $"{w.Issue.Id}/{byResident.Id}.png", $"{w.Issue.Id}/{byDeputy.Id}.jpg", $"{w.Issue.Id}/{byOperator.Id}.webp", $"{w.Issue.Id}/{byAdmin.Id}.webp" }.Order(),
            blobs.Keys.Order());
        Assert.Equal("image/png", blobs[$"{w.Issue.Id}/{byResident.Id}.png"]);
        Assert.Equal("image/jpeg", blobs[$"{w.Issue.Id}/{byDeputy.Id}.jpg"]);
    }

    [Fact]
    public async Task An_expired_or_tampered_link_is_403()
    {
        var w = await Given();
        var photo = await Upload(w.Resident, $"/api/track/{w.Code}/photos", Jpeg, "a.jpg", "image/jpeg");
        var other = await Upload(w.Deputy, $"/api/issues/{w.Issue.Id}/photos", Png, "b.png", "image/png");
        var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(photo.Url)).StatusCode);

        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + photo.Url).Query);
        var (exp, sig) = (long.Parse(query["exp"]!), query["sig"]!);
        var path = $"/photos/{w.Issue.Id}/{photo.Id}";
        var tamperedSig = (sig[0] == 'A' ? 'B' : 'A') + sig[1..];

        await AssertProblem(await anonymous.GetAsync($"{path}?exp={exp}&sig={tamperedSig}"), HttpStatusCode.Forbidden, "photo.link-invalid");
        await AssertProblem(await anonymous.GetAsync($"{path}?exp={exp + 3600}&sig={sig}"), HttpStatusCode.Forbidden, "photo.link-invalid");
        await AssertProblem(await anonymous.GetAsync($"/photos/{w.Issue.Id}/{other.Id}?exp={exp}&sig={sig}"), HttpStatusCode.Forbidden, "photo.link-invalid");
        await AssertProblem(await anonymous.GetAsync($"{path}?exp={exp}"), HttpStatusCode.Forbidden, "photo.link-invalid");
        await AssertProblem(await anonymous.GetAsync(path), HttpStatusCode.Forbidden, "photo.link-invalid");
        await AssertProblem(await anonymous.GetAsync($"{path}?exp=abc&sig={sig}"), HttpStatusCode.Forbidden, "photo.link-invalid");

        // Signed with the host's own key but past its expiry; and a validly signed link that reaches too far ahead.
        var links = Host.Services.GetRequiredService<PhotoLinks>();
        var expired = links.Sign(w.Issue.Id, photo.Id, DateTimeOffset.UtcNow.AddSeconds(-1));
        await AssertProblem(await anonymous.GetAsync(expired.Url), HttpStatusCode.Forbidden, "photo.link-expired");
        var tooLong = links.Sign(w.Issue.Id, photo.Id, DateTimeOffset.UtcNow.AddDays(1));
        await AssertProblem(await anonymous.GetAsync(tooLong.Url), HttpStatusCode.Forbidden, "photo.link-invalid");

        // A valid signature for a photo that does not exist is 404.
        var missing = links.Sign(w.Issue.Id, Guid.CreateVersion7().ToString("N"));
        await AssertProblem(await anonymous.GetAsync(missing.Url), HttpStatusCode.NotFound, "photo.unknown");
    }

    // ---- refused uploads store nothing -------------------------------------------------------------------------

    [Fact]
    public async Task A_wrong_type_is_415_whatever_its_name_and_declared_type_and_stores_nothing()
    {
        var w = await Given();
        var text = Encoding.UTF8.GetBytes("这不是照片 / not a photo at all");
        var staff = $"/api/issues/{w.Issue.Id}/photos";
        var resident = $"/api/track/{w.Code}/photos";

        await AssertProblem(await w.Resident.PostAsync(resident, Form(Gif, "photo.jpg", "image/jpeg")), HttpStatusCode.UnsupportedMediaType, "photo.type");
        await AssertProblem(await w.Resident.PostAsync(resident, Form(text, "photo.jpg", "image/jpeg")), HttpStatusCode.UnsupportedMediaType, "photo.type");
        await AssertProblem(await w.Deputy.PostAsync(staff, Form(Gif, "photo.png", "image/png")), HttpStatusCode.UnsupportedMediaType, "photo.type");
        await AssertProblem(await w.Deputy.PostAsync(staff, Form(text, "photo.webp", "image/webp")), HttpStatusCode.UnsupportedMediaType, "photo.type");
        // A JPEG's first two bytes only, and a RIFF that is not WebP.
        await AssertProblem(await w.Deputy.PostAsync(staff, Form(Jpeg[..2], "photo.jpg", "image/jpeg")), HttpStatusCode.UnsupportedMediaType, "photo.type");
        await AssertProblem(await w.Deputy.PostAsync(staff, Form([.. "RIFF\0\0\0\0WAVEfmt "u8.ToArray(), 0, 0], "photo.webp", "image/webp")),
            HttpStatusCode.UnsupportedMediaType, "photo.type");
        // Not a form at all, a form without the "photo" field, an empty photo.
        await AssertProblem(await w.Deputy.PostAsync(staff, new ByteArrayContent(Jpeg) { Headers = { ContentType = new("image/jpeg") } }),
            HttpStatusCode.UnsupportedMediaType, "photo.form");
        await AssertProblem(await w.Deputy.PostAsync(staff, Form(Jpeg, "photo.jpg", "image/jpeg", field: "picture")), HttpStatusCode.BadRequest, "photo.missing");
        await AssertProblem(await w.Resident.PostAsync(resident, Form([], "photo.jpg", "image/jpeg")), HttpStatusCode.BadRequest, "photo.empty");

        Assert.Empty(await Blobs(w.Issue.Id));
        Assert.Empty(await List(w.Deputy, staff));
    }

    [Fact]
    public async Task An_oversize_photo_is_413_and_stores_nothing_and_the_limit_itself_is_accepted()
    {
        var w = await Given();
        var max = (int)Host.Services.GetRequiredService<IOptions<PhotoOptions>>().Value.MaxBytes;
        var tooLarge = JpegOfSize(max + 1);
        var staff = $"/api/issues/{w.Issue.Id}/photos";
        var resident = $"/api/track/{w.Code}/photos";

        // With a Content-Length (refused before reading) and streamed without one (refused on the first byte over).
        await AssertProblem(await w.Resident.PostAsync(resident, Form(tooLarge, "big.jpg", "image/jpeg")), HttpStatusCode.RequestEntityTooLarge, "photo.too-large");
        await AssertProblem(await w.Deputy.PostAsync(staff, Form(tooLarge, "big.jpg", "image/jpeg")), HttpStatusCode.RequestEntityTooLarge, "photo.too-large");
        await AssertProblem(await w.Deputy.PostAsync(staff, StreamedForm(tooLarge, "big.jpg")), HttpStatusCode.RequestEntityTooLarge, "photo.too-large");
        // Oversize and of a wrong type: the size is refused first, and still nothing is stored.
        await AssertProblem(await w.Resident.PostAsync(resident, Form(new byte[max + 1], "big.jpg", "image/jpeg")), HttpStatusCode.RequestEntityTooLarge, "photo.too-large");
        Assert.Empty(await Blobs(w.Issue.Id));

        var atTheLimit = await Upload(w.Deputy, staff, JpegOfSize(max), "limit.jpg", "image/jpeg");
        Assert.Equal(max, atTheLimit.Size);
        Assert.Single(await Blobs(w.Issue.Id));
    }

    [Fact]
    public async Task An_issue_takes_at_most_the_configured_number_of_photos_409()
    {
        var w = await Given();
        var limit = Host.Services.GetRequiredService<IOptions<PhotoOptions>>().Value.MaxPerIssue;
        for (var i = 0; i < limit; i++)
            await Upload(i % 2 == 0 ? w.Resident : w.Deputy, i % 2 == 0 ? $"/api/track/{w.Code}/photos" : $"/api/issues/{w.Issue.Id}/photos", Png, $"{i}.png", "image/png");

        await AssertProblem(await w.Resident.PostAsync($"/api/track/{w.Code}/photos", Form(Png, "more.png", "image/png")), HttpStatusCode.Conflict, "photo.limit");
        await AssertProblem(await w.Deputy.PostAsync($"/api/issues/{w.Issue.Id}/photos", Form(Jpeg, "more.jpg", "image/jpeg")), HttpStatusCode.Conflict, "photo.limit");

        Assert.Equal(limit, (await Blobs(w.Issue.Id)).Count);
        Assert.Equal(limit, (await List(w.Deputy, $"/api/issues/{w.Issue.Id}/photos")).Count);
    }

    // ---- who may ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Readers_without_access_to_the_issue_get_no_listing_no_link_and_store_nothing()
    {
        var w = await Given();
        var d = w.District;
        var photo = await Upload(w.Resident, $"/api/track/{w.Code}/photos", Png, "a.png", "image/png");
        var staff = $"/api/issues/{w.Issue.Id}/photos";
        var otherStreet = Host.Client("operator", scope: $"street:{d.Street(2)}");
        var otherCommunity = Host.Client("operator", scope: $"community:{d.Community(1, 2)}");
        var otherDeputy = Host.Client("deputy", d.Deputy(2)); // placed in s1-c2 only
        var display = Host.CreateClient();
        display.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new ApiClient(Host.Client("admin")).DisplayToken("lobby"));
        var wrongCode = $"{w.Issue.Id}.{(w.Code.EndsWith("AAAAAAAAAA") ? "BBBBBBBBBB" : "AAAAAAAAAA")}";

        foreach (var (who, client, status, code) in new[]
                 {
                     ("operator of another street", otherStreet, HttpStatusCode.Forbidden, "scope"),
                     ("operator of another community", otherCommunity, HttpStatusCode.Forbidden, "scope"),
                     ("another deputy", otherDeputy, HttpStatusCode.Forbidden, "scope"),
                     ("display", display, HttpStatusCode.Forbidden, (string?)null),
                     ("no token", Host.CreateClient(), HttpStatusCode.Unauthorized, null),
                 })
        {
            var listed = await client.GetAsync(staff);
            Assert.DoesNotContain("/photos/", await listed.Content.ReadAsStringAsync());
            await AssertProblem(listed, status, code, who);
            await AssertProblem(await client.PostAsync(staff, Form(Jpeg, "x.jpg", "image/jpeg")), status, code, who);
        }

        // A resident with a wrong tracking code, or an issue id alone, learns nothing.
        foreach (var bad in new[] { wrongCode, w.Issue.Id, $"{w.Issue.Id}." })
        {
            var listed = await w.Resident.GetAsync($"/api/track/{bad}/photos");
            Assert.DoesNotContain("/photos/", await listed.Content.ReadAsStringAsync());
            await AssertProblem(listed, HttpStatusCode.NotFound, "tracking-code.unknown", bad);
            await AssertProblem(await w.Resident.PostAsync($"/api/track/{bad}/photos", Form(Jpeg, "x.jpg", "image/jpeg")),
                HttpStatusCode.NotFound, "tracking-code.unknown", bad);
        }

        // d4 is placed in the issue's grid, so reads its summary, but not its photos; only the assigned deputy (d1) adds photos.
        var asGridDeputy = await Host.Client("deputy", d.Deputy(4)).GetAsync(staff);
        Assert.DoesNotContain("/photos/", await asGridDeputy.Content.ReadAsStringAsync());
        await AssertProblem(asGridDeputy, HttpStatusCode.Forbidden, "scope");
        await AssertProblem(await Host.Client("deputy", d.Deputy(4)).PostAsync(staff, Form(Jpeg, "x.jpg", "image/jpeg")),
            HttpStatusCode.Forbidden, "deputy.not-assigned");

        Assert.Equal(new[] { $"{w.Issue.Id}/{photo.Id}.png" }, (await Blobs(w.Issue.Id)).Keys);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_photo_form()
    {
        using var doc = JsonDocument.Parse(await Host.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/issues/{id}/photos", "/api/track/{code}/photos" })
        {
            var form = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data");
            Assert.Equal("binary", form.GetProperty("schema").GetProperty("properties").GetProperty("photo").GetProperty("format").GetString());
            Assert.True(paths.GetProperty(path).TryGetProperty("get", out _));
        }
        Assert.True(paths.TryGetProperty("/photos/{issueId}/{photoId}", out _));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /// <summary>A JPEG (SOI and a JFIF header) padded with zeros to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] JpegOfSize(int size)
    {
        var bytes = new byte[size];
        Jpeg.AsSpan(0, 20).CopyTo(bytes);
        return bytes;
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType, string field = "photo")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    /// <summary>A form whose length is not known up front: sent chunked, without a Content-Length.</summary>
    private static MultipartFormDataContent StreamedForm(byte[] bytes, string fileName)
    {
        var file = new StreamContent(new UnseekableStream(bytes));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "photo", fileName } };
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private static async Task<PhotoView> Upload(HttpClient client, string path, byte[] bytes, string fileName, string contentType)
    {
        var response = await client.PostAsync(path, Form(bytes, fileName, contentType));
        await ApiClient.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<PhotoView>(ApiClient.Json))!;
    }

    private static async Task<List<PhotoView>> List(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await ApiClient.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<PhotoView>>(ApiClient.Json))!;
    }

    /// <summary>The blobs stored under the issue, name to content type, read straight from the host's photo container.</summary>
    private async Task<Dictionary<string, string>> Blobs(string issueId)
    {
        var container = new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient($"{Host.Settings.TablePrefix.ToLowerInvariant()}-photos");
        var blobs = new Dictionary<string, string>();
        if (!await container.ExistsAsync()) return blobs;
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = issueId + "/" }))
            blobs[blob.Name] = blob.Properties.ContentType;
        return blobs;
    }

    /// <summary>A problem-details answer with this status; its "code" is checked when given.</summary>
    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? code = null, string? who = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{who}: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}: {body}";
        Assert.True(response.StatusCode == status, $"wanted {(int)status}; {what}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"wanted application/problem+json; {what}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == (int)status, $"wanted \"status\": {(int)status}; {what}");
        Assert.True(problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.Length > 0,
            $"wanted a \"code\"; {what}");
        if (code is not null) Assert.True(code == c.GetString(), $"wanted code {code}; {what}");
    }
}
