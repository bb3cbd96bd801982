using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace Scim.Api.Http;

/// <summary>
/// Writes a SCIM body as <c>application/scim+json</c> (RFC 7644 §3.1), or as <c>application/json</c> when the
/// client's Accept header asks only for that (OneLogin requires it), with optional ETag and Location headers.
/// </summary>
internal sealed class ScimJsonResult(JsonNode body, int statusCode, string? etag = null, string? location = null) : IResult
{
    // The body is JSON, never HTML: escaping quotes and '<' as \u0022 and \u003C would only make it unreadable.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (statusCode >= StatusCodes.Status400BadRequest && body is JsonObject error)
        {
            httpContext.Features.Set(new ScimErrorFeature(TextOf(error["scimType"]), TextOf(error["detail"])));
        }

        response.ContentType = ContentTypeFor(httpContext.Request) + "; charset=utf-8";
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        body.WriteTo(writer);
        // Committed to the response pipe but not sent: the server sends the headers and the whole body together when
        // the request ends. Known before the headers go out, the length replaces chunked framing and its last chunk.
        writer.Flush();
        if (!response.HasStarted)
        {
            response.ContentLength = writer.BytesCommitted;
        }
    }

    private static string? TextOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string ContentTypeFor(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return ScimMediaTypes.Scim;
        }

        var wantsPlainJsonOnly = false;
        foreach (var range in accept)
        {
            if (range.Quality is 0)
            {
                continue;
            }

            var mediaType = range.MediaType.Value;
            if (string.Equals(mediaType, ScimMediaTypes.Json, StringComparison.OrdinalIgnoreCase))
            {
                wantsPlainJsonOnly = true;
            }
            else if (range.MatchesAllTypes || range.MatchesAllSubTypes
                || string.Equals(mediaType, ScimMediaTypes.Scim, StringComparison.OrdinalIgnoreCase))
            {
                return ScimMediaTypes.Scim;
            }
        }

        return wantsPlainJsonOnly ? ScimMediaTypes.Json : ScimMediaTypes.Scim;
    }
}

/// <summary>A body-less answer that still carries the resource's ETag (204 after PATCH, 304 for If-None-Match).</summary>
internal sealed class ScimEmptyResult(int statusCode, string? etag = null, string? location = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        if (etag is not null)
        {
            httpContext.Response.Headers[HeaderNames.ETag] = etag;
        }

        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        return Task.CompletedTask;
    }
}
