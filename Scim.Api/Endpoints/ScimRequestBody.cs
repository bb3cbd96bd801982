using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Scim.Api.Application;
using Scim.Api.Core.Errors;
using Scim.Api.Hosting.Security;
using Scim.Api.Http;

namespace Scim.Api.Endpoints;

/// <summary>
/// Reads a request body as JSON: <c>application/scim+json</c>, <c>application/json</c> or no Content-Type
/// (RFC 7644 §3.8) else 415; over the size limit 413; malformed or too deeply nested 400 invalidSyntax; a string
/// longer than Scim:MaxStringBytes 400 invalidValue.
/// </summary>
internal static class ScimRequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
    };

    public static Task<JsonNode?> ReadAsync(HttpContext context) =>
        ReadAsync(context, context.RequestServices.GetRequiredService<IOptions<ScimServiceOptions>>().Value.MaxPayloadBytes);

    /// <summary>Reads the body with a limit of its own (/Bulk has bulk.maxPayloadSize).</summary>
    public static async Task<JsonNode?> ReadAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        EnsureJsonContentType(request);
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(limit);
            }

            if (read.Buffer.Length > limit)
            {
                throw TooLarge(limit);
            }

            if (read.IsCompleted)
            {
                try
                {
                    JsonStringLimit.Ensure(read.Buffer, context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxStringBytes);
                    return Parse(read.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static JsonNode? Parse(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            throw ScimException.InvalidSyntax("The request body is empty; a JSON object was expected.");
        }

        try
        {
            // Parsed eagerly into a document first so that duplicate member names fail here, not lazily later.
            return JsonNode.Parse(buffer.ToArray(), documentOptions: DocumentOptions);
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $" (line {line + 1}, byte {error.BytePositionInLine + 1})" : "";
            throw ScimException.InvalidSyntax($"The request body is not valid JSON{where}: {FirstSentence(error.Message)}");
        }
    }

    private static void EnsureJsonContentType(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !(string.Equals(parsed.MediaType.Value, ScimMediaTypes.Scim, StringComparison.OrdinalIgnoreCase)
                || string.Equals(parsed.MediaType.Value, ScimMediaTypes.Json, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ScimException(415, null,
                $"Content-Type '{contentType}' is not supported; send {ScimMediaTypes.Scim} or {ScimMediaTypes.Json}.");
        }
    }

    private static ScimException TooLarge(long limit) =>
        ScimException.PayloadTooLarge($"The request body is larger than the {limit} bytes this service accepts.");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
