using System.Buffers;
using System.Text.Json;
using Scim.Api.Core.Errors;

namespace Scim.Api.Hosting.Security;

/// <summary>
/// Refuses a request body holding a JSON string or member name longer than the limit, before a document is built.
/// Malformed JSON is left to the parser, which reports it with its position.
/// </summary>
internal static class JsonStringLimit
{
    public static void Ensure(ReadOnlySequence<byte> body, int maxBytes)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (length > maxBytes)
                {
                    var what = reader.TokenType == JsonTokenType.PropertyName ? "member name" : "string";
                    throw ScimException.InvalidValue(
                        $"A JSON {what} starting at byte {reader.TokenStartIndex + 1} is {length} bytes long; " +
                        $"this service accepts at most {maxBytes} bytes in one string (Scim:MaxStringBytes).");
                }
            }
        }
        catch (JsonException)
        {
        }
    }
}
