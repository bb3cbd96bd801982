using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Sqlite.Schema;

/// <summary>
/// The JSON text stored for a resource and the shadow columns derived from it. The text leaves out what lives
/// beside it (<c>id</c>, <c>meta</c>) and the memberships kept in their own table, so a stale copy of a member
/// list can never disagree with the membership rows.
/// </summary>
internal sealed record StoredDocument(
    string Json,
    string? ExternalId,
    string? UniqueValue,
    string? UniqueKey,
    string? DisplayKey,
    string? DisplayName)
{
    public static StoredDocument From(JsonObject document, ResourceTypeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(document);
        var uniqueValue = layout.UniqueAttribute is { } unique ? TextOf(document, unique.Name) : null;
        var uniqueKey = uniqueValue is null ? null : layout.UniqueAttribute!.CaseExact ? uniqueValue : TextFolding.Fold(uniqueValue);
        var displayValue = layout.DisplayNameAttribute is { } display ? TextOf(document, display.Name) : null;
        var displayKey = displayValue is null ? null
            : layout.DisplayNameAttribute!.CaseExact ? displayValue : TextFolding.Fold(displayValue);
        return new StoredDocument(
            Serialize(document, layout),
            TextOf(document, CommonAttributes.ExternalId),
            uniqueValue,
            uniqueKey,
            displayKey,
            displayValue ?? uniqueValue);
    }

    public static JsonObject Parse(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw NotAnObject();

    private static InvalidDataException NotAnObject() => new("A stored document is not a JSON object.");

    // Stored text is never embedded in HTML, so non-ASCII letters need no escaping (and stay small).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string? TextOf(JsonObject document, string name) =>
        document[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Serialize(JsonObject document, ResourceTypeLayout layout)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in document)
            {
                if (IsKeptApart(name, layout))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsKeptApart(string name, ResourceTypeLayout layout) =>
        string.Equals(name, CommonAttributes.Id, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, CommonAttributes.Meta, StringComparison.OrdinalIgnoreCase)
        || (layout.HasMembers && string.Equals(name, ResourceTypeLayout.MembersAttribute, StringComparison.OrdinalIgnoreCase))
        || (layout.HasGroups && string.Equals(name, ResourceTypeLayout.GroupsAttribute, StringComparison.OrdinalIgnoreCase));
}
