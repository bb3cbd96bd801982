using System.Text.Json;

namespace Scim.Bench.Http;

/// <summary>
/// Reads the few top-level members of a ListResponse (RFC 7644 §3.4.2) the scenarios check, without building a
/// document: the load generator shares the CPU with the server, so it should spend as little as it can.
/// </summary>
internal readonly record struct ListResponseProbe(long? TotalResults, int Resources, string? NextCursor)
{
    public static ListResponseProbe Read(byte[] body)
    {
        long? total = null;
        var resources = 0;
        string? nextCursor = null;
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("totalResults"u8))
            {
                reader.Read();
                total = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
            }
            else if (reader.ValueTextEquals("nextCursor"u8))
            {
                reader.Read();
                nextCursor = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("Resources"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        resources++;
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ListResponseProbe(total, resources, nextCursor);
    }
}
