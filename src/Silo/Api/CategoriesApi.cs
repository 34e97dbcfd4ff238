using System.Security.Cryptography;
using System.Text;
using GridGov.Grains;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using GridGov.Silo.Api.Problems;
using static GridGov.Silo.Api.Problems.ProblemCodes;

namespace GridGov.Silo.Api;

/// <summary>A category of the catalogue: its id (what issues carry) and its names in Chinese and English.</summary>
public sealed record CategoryView(string Id, string Name, string NameEn);

/// <summary>GET /api/categories: the one category catalogue (GridGovOptions.Catalogue) every page names categories from.</summary>
public static class CategoriesApi
{
    /// <summary>The catalogue changes only with the host's configuration: caches may keep it a while, then revalidate.</summary>
    public const string CacheControl = "public, max-age=600";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static RouteHandlerBuilder MapCategoriesApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/categories", List).WithTags("Categories").AllowAnonymous().WithName("listCategories")
            .Problems(NotAcceptable).Produces(StatusCodes.Status304NotModified)
            .WithSummary("The category catalogue: each category's id and its Chinese and English names (anyone). "
                + "Cacheable: Cache-Control and an ETag (If-None-Match answers 304).");

    private static Results<Ok<IReadOnlyList<CategoryView>>, StatusCodeHttpResult, ProblemHttpResult> List(HttpContext http, IOptions<GridGovOptions> options)
    {
        var request = http.Request.GetTypedHeaders();
        if (request.Accept is { Count: > 0 } accept && !accept.Any(Json.IsSubsetOf))
            return TypedResults.Problem(statusCode: NotAcceptable.Status, title: "The catalogue is served as application/json.",
                extensions: new Dictionary<string, object?> { ["code"] = NotAcceptable.Code });
        var categories = options.Value.Catalogue.All.Select(c => new CategoryView(c.Code, c.NameZh, c.NameEn)).ToList();
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', categories.Select(c => $"{c.Id}\t{c.Name}\t{c.NameEn}")))))[..16]}\"");
        var response = http.Response.GetTypedHeaders();
        response.ETag = tag;
        http.Response.Headers.CacheControl = CacheControl;
        if (request.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok<IReadOnlyList<CategoryView>>(categories);
    }
}
