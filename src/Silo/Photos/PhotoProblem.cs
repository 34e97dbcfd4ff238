using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace GridGov.Silo.Photos;

/// <summary>A refused photo request, with the HTTP status it answers (400, 403, 404, 409, 413 or 415) and a "photo.*" code.</summary>
public sealed class PhotoProblem(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static PhotoProblem TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, "photo.too-large", $"A photo may be at most {Size(max)}.");

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => $"{bytes} bytes",
    };

    public static PhotoProblem WrongType() =>
        new(StatusCodes.Status415UnsupportedMediaType, "photo.type", "Only JPEG, PNG and WebP photos are accepted (recognised from the file's content).");
}

/// <summary>Answers a <see cref="PhotoProblem"/> as RFC 9457 problem details, like ProblemMapping does for domain rules.</summary>
public sealed class PhotoProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not PhotoProblem p) return false;
        http.Response.StatusCode = p.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = p.Status, Title = p.Message, Type = $"https://gridgov.example/problems/{p.Code}", Extensions = { ["code"] = p.Code } },
        });
    }
}
