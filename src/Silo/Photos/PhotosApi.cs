using GridGov.Grains.Access;
using System.Security.Claims;
using GridGov.Grains;
using GridGov.Grains.Domain;
using GridGov.Silo.Api;
using GridGov.Silo.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Photos;

/// <summary>A photo as the API lists it. <see cref="Url"/> is a signed link into the app, valid until <see cref="UrlExpiresAt"/>.</summary>
public sealed record PhotoView(
    string Id, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy, int? Width, int? Height,
    string Url, DateTimeOffset UrlExpiresAt, PhotoThumbnail Thumbnail);

/// <summary>
/// How to show a photo small: the same signed link (no thumbnails are rendered server-side) and the width and height to
/// give the img tag so the photo fits the thumbnail box with its aspect ratio (height null when the header told no size).
/// </summary>
public sealed record PhotoThumbnail(string Url, int Width, int? Height);

/// <summary>
/// Photos of an issue: residents upload and list with their tracking code, staff who may act on the issue upload,
/// whoever may read it lists. Listings carry signed links to /photos/{issueId}/{photoId}, which streams the photo to
/// anyone holding an unexpired link (an img tag sends no bearer token). Storage URLs are never handed out.
/// </summary>
public static class PhotosApi
{
    /// <summary>What a multipart body may carry beyond the photo itself: boundaries, part headers, a file name.</summary>
    private const long FormOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapPhotosApi(this IEndpointRouteBuilder routes)
    {
        ProblemCode[] upload = [PhotoMissing, PhotoEmpty, PhotoForm, PhotoFormType, PhotoType, PhotoTooLarge, PhotoLimit];
        var issues = routes.MapGroup("/api/issues").WithTags("Photos");
        issues.MapGet("/{id}/photos", ListForStaff).RequireAuthorization(Policies.Staff).WithName("listIssuePhotos").Problems(UnknownIssue, OutOfScope)
            .WithSummary("An issue's photos with signed links (whoever may read the issue).");
        issues.MapPost("/{id}/photos", UploadByStaff).RequireAuthorization(Policies.Staff).WithName("addIssuePhoto")
            .AddOpenApiOperationTransformer(DescribeForm).Problems([UnknownIssue, OutOfScope, NotAssigned, .. upload])
            .WithSummary("Add a photo (multipart/form-data, file field \"photo\"; JPEG, PNG or WebP): admins, operators of the issue's scope, its assigned deputy.");

        var track = routes.MapGroup("/api/track").WithTags("Photos").AllowAnonymous();
        track.MapGet("/{code}/photos", ListForResident).WithName("listTrackedPhotos").Problems(UnknownTrackingCode)
            .WithSummary("The photos of an issue, by its tracking code, with signed links.");
        track.MapPost("/{code}/photos", UploadByResident).WithName("addTrackedPhoto")
            .AddOpenApiOperationTransformer(DescribeForm).Problems([UnknownTrackingCode, .. upload])
            .WithSummary("Add a photo to an issue, by its tracking code (multipart/form-data, file field \"photo\"; JPEG, PNG or WebP).");

        routes.MapGet("/photos/{issueId}/{photoId}", Fetch).AllowAnonymous().WithTags("Photos").WithName("getPhoto")
            .Produces(StatusCodes.Status200OK, null, "image/jpeg", "image/png", "image/webp").Problems(PhotoLinkExpired, PhotoLinkInvalid, UnknownPhoto)
            .WithSummary("A photo, through a signed link from a listing (?exp=&sig=); no token needed.");
        return routes;
    }

    /// <summary>
    /// Documents the multipart body. (Accepts() would also make routing answer a wrong content type with its own 415,
    /// before the endpoint can say "photo.form".)
    /// </summary>
    private static Task DescribeForm(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "photo" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["photo"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "JPEG, PNG or WebP (recognised from its bytes)." },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = schema } },
        };
        return Task.CompletedTask;
    }

    // ---- staff ----------------------------------------------------------------------------------------------

    private static async Task<Ok<IReadOnlyList<PhotoView>>> ListForStaff(string id, IGrainFactory grains, ClaimsPrincipal user, PhotoStore store,
        PhotoLinks links, IOptions<PhotoOptions> options, CancellationToken ct)
    {
        var (issue, _, _) = await Lookup.ReadableIssue(grains, id, Caller.From(user));
        return TypedResults.Ok(await Views(issue.Id, store, links, options.Value, ct));
    }

    private static async Task<Created<PhotoView>> UploadByStaff(string id, HttpRequest request, IGrainFactory grains, ClaimsPrincipal user,
        PhotoStore store, PhotoLinks links, IOptions<PhotoOptions> options, [FromKeyedServices(GridGovTime.Key)] TimeProvider time, CancellationToken ct)
    {
        var (issue, _, profile) = await Lookup.Issue(grains, id);
        var caller = Caller.From(user);
        if (!AccessRules.MayAddPhoto(caller, issue, profile))
            throw caller.Role == CallerRole.Deputy && AccessRules.Reach(caller, issue, profile) != IssueReach.None
                ? DomainRuleException.Forbidden("deputy.not-assigned", "Only the issue's assigned deputy may add photos to it.")
                : Lookup.OutOfScope();
        var photo = await Upload(issue.Id, request, caller.Actor, store, options.Value, time, ct);
        return TypedResults.Created($"/api/issues/{Uri.EscapeDataString(issue.Id)}/photos", View(photo, links, options.Value));
    }

    // ---- residents ------------------------------------------------------------------------------------------

    private static async Task<Ok<IReadOnlyList<PhotoView>>> ListForResident(string code, IGrainFactory grains, PhotoStore store,
        PhotoLinks links, IOptions<PhotoOptions> options, CancellationToken ct)
    {
        var issue = await TrackingApi.Find(grains, code);
        return TypedResults.Ok(await Views(issue.Id, store, links, options.Value, ct));
    }

    private static async Task<Created<PhotoView>> UploadByResident(string code, HttpRequest request, IGrainFactory grains,
        PhotoStore store, PhotoLinks links, IOptions<PhotoOptions> options, [FromKeyedServices(GridGovTime.Key)] TimeProvider time, CancellationToken ct)
    {
        var issue = await TrackingApi.Find(grains, code);
        var photo = await Upload(issue.Id, request, Actor.Resident, store, options.Value, time, ct);
        return TypedResults.Created($"/api/track/{Uri.EscapeDataString(code)}/photos", View(photo, links, options.Value));
    }

    // ---- the signed link ------------------------------------------------------------------------------------

    private static async Task<IResult> Fetch(string issueId, string photoId, string? exp, string? sig, PhotoLinks links, PhotoStore store,
        HttpResponse response, CancellationToken ct)
    {
        switch (links.Check(issueId, photoId, exp, sig))
        {
            case PhotoLinks.Verdict.Expired:
                throw new PhotoProblem(StatusCodes.Status403Forbidden, "photo.link-expired", "This photo link has expired; list the photos again for a fresh one.");
            case PhotoLinks.Verdict.Invalid:
                throw new PhotoProblem(StatusCodes.Status403Forbidden, "photo.link-invalid", "This photo link is not valid.");
        }
        var photo = await store.Open(issueId, photoId, ct)
            ?? throw new PhotoProblem(StatusCodes.Status404NotFound, "photo.unknown", "There is no such photo.");
        // The link is the permission: shared caches must not keep the photo, the browser may until the link expires.
        response.Headers.CacheControl = $"private, max-age={links.SecondsLeft(exp!)}";
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentLength = photo.Size;
        return TypedResults.Stream(photo.Content, photo.ContentType);
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    private static async Task<StoredPhoto> Upload(string issueId, HttpRequest request, Actor actor, PhotoStore store, PhotoOptions options,
        TimeProvider time, CancellationToken ct)
    {
        var bytes = await ReadPhoto(request, options.MaxBytes, ct);
        var format = PhotoFormats.Sniff(bytes.Span) ?? throw PhotoProblem.WrongType();
        var size = PhotoFormats.Dimensions(bytes.Span, format);
        return await store.Add(issueId, bytes, format, size, Names.Of(actor.Role), actor.Id, time.GetUtcNow(), options.MaxPerIssue, ct)
            ?? throw new PhotoProblem(StatusCodes.Status409Conflict, "photo.limit", $"An issue may have at most {options.MaxPerIssue} photos.");
    }

    /// <summary>
    /// The bytes of the form's "photo" part, read as a stream and never more than the limit: a larger photo is refused
    /// as soon as its first byte over the limit arrives (or at once, when Content-Length already says so).
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadPhoto(HttpRequest request, long max, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new PhotoProblem(StatusCodes.Status415UnsupportedMediaType, "photo.form",
                "Send the photo as multipart/form-data with one file field \"photo\".");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
            throw new PhotoProblem(StatusCodes.Status400BadRequest, "photo.form", "The multipart/form-data body has no valid boundary.");
        var limit = max + FormOverhead;
        if (request.ContentLength > limit) throw PhotoProblem.TooLarge(max);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limit;

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        try
        {
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition() && !disposition.IsFileDisposition()
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "photo")
                    continue;
                var bytes = await ReadCapped(section.Body, max, ct);
                return bytes.Length > 0 ? bytes : throw new PhotoProblem(StatusCodes.Status400BadRequest, "photo.empty", "The photo is empty.");
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw PhotoProblem.TooLarge(max);
        }
        catch (InvalidDataException e)
        {
            throw new PhotoProblem(StatusCodes.Status400BadRequest, "photo.form", "The multipart/form-data body could not be read: " + e.Message);
        }
        catch (IOException e)
        {
            throw new PhotoProblem(StatusCodes.Status400BadRequest, "photo.form", "The multipart/form-data body ended early: " + e.Message);
        }
        throw new PhotoProblem(StatusCodes.Status400BadRequest, "photo.missing", "The form has no file field \"photo\".");
    }

    private static async Task<ReadOnlyMemory<byte>> ReadCapped(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) throw PhotoProblem.TooLarge(max);
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task<IReadOnlyList<PhotoView>> Views(string issueId, PhotoStore store, PhotoLinks links, PhotoOptions options, CancellationToken ct) =>
        (await store.List(issueId, ct)).Select(p => View(p, links, options)).ToList();

    private static PhotoView View(StoredPhoto p, PhotoLinks links, PhotoOptions options)
    {
        var link = links.Sign(p.IssueId, p.Id);
        return new PhotoView(p.Id, p.ContentType, p.Size, p.UploadedAt, p.UploadedBy, p.Width, p.Height, link.Url, link.ExpiresAt,
            Thumbnail(link.Url, p.Width, p.Height, options.ThumbnailBox));
    }

    /// <summary>The width and height that fit the photo in the thumbnail box, never enlarged.</summary>
    internal static PhotoThumbnail Thumbnail(string url, int? width, int? height, int box)
    {
        if (width is not { } w || height is not { } h) return new PhotoThumbnail(url, box, null);
        var scale = Math.Min(1.0, (double)box / Math.Max(w, h));
        return new PhotoThumbnail(url, Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
    }
}
