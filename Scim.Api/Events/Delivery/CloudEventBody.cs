using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Scim.Api.Core.Events;

namespace Scim.Api.Events.Delivery;

/// <summary>
/// A change event as a CloudEvents 1.0 structured-mode JSON message (CloudEvents spec §3, JSON format §3): <c>id</c> is
/// the position, unique within the tenant's <c>source</c> (<c>/tenants/{tenant}</c>); <c>type</c> is
/// <c>scim.{resource type}.{operation}</c> (<c>scim.user.create</c>, <c>scim.group.patch</c>); <c>subject</c> is
/// <c>{resource type}/{id}</c>; <c>time</c> the change's, RFC 3339 in UTC. <c>data</c> holds the tenant, position,
/// resource type and id, operation, new version, the names of the changed attributes, the member ids added and
/// removed, and the new values of the changed attributes only for a subscription that asked for them (never a
/// write-only or never-returned attribute: those are not captured at all).
/// <para>
/// Written with one <see cref="Utf8JsonWriter"/> pass rather than through the CloudEvents SDK's object model and
/// formatter, which cost as much CPU as the rest of the delivery's own code (docs/benchmarks.md, change events); the
/// tests decode every body with the SDK's <c>JsonEventFormatter</c>, so what is sent stays a valid CloudEvent.
/// </para>
/// </summary>
internal static class CloudEventBody
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    public static ReadOnlyMemory<byte> Encode(ChangeEvent change, bool includeValues)
    {
        ArgumentNullException.ThrowIfNull(change);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var operation = ChangeOperationNames.Of(change.Operation);
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", change.Position.ToString(CultureInfo.InvariantCulture));
            json.WriteString("source", $"/tenants/{Uri.EscapeDataString(change.Tenant)}");
            json.WriteString("type", $"scim.{change.ResourceType.ToLowerInvariant()}.{operation}");
            json.WriteString("subject", $"{change.ResourceType}/{change.ResourceId}");
            json.WriteString("time", change.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("datacontenttype", "application/json");
            json.WriteStartObject("data");
            json.WriteString("tenant", change.Tenant);
            json.WriteNumber("position", change.Position);
            json.WriteString("resourceType", change.ResourceType);
            json.WriteString("id", change.ResourceId);
            json.WriteString("operation", operation);
            json.WriteNumber("version", change.Version);
            Names(json, "changedAttributes", change.ChangedAttributes);
            Names(json, "membersAdded", change.MembersAdded);
            Names(json, "membersRemoved", change.MembersRemoved);
            if (includeValues && change.Values is { } values)
            {
                json.WritePropertyName("values");
                values.WriteTo(json);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The Standard Webhooks <c>webhook-id</c>: the same on every attempt at one event, unique across tenants.</summary>
    public static string MessageId(ChangeEvent change) =>
        $"msg_{Uri.EscapeDataString(change.Tenant)}_{change.Position.ToString(CultureInfo.InvariantCulture)}";

    private static void Names(Utf8JsonWriter json, string property, IReadOnlyList<string> names)
    {
        json.WriteStartArray(property);
        foreach (var name in names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
    }
}
