using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
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
/// write-only or never-returned attribute: those are not captured at all). A batched subscription gets an array of
/// such events (CloudEvents JSON batch format).
/// <para>
/// Written with one <see cref="Utf8JsonWriter"/> pass rather than through the CloudEvents SDK's object model and
/// formatter, which cost as much CPU as the rest of the delivery's own code (docs/benchmarks.md, change events); the
/// tests decode every body with the SDK's <c>JsonEventFormatter</c>, so what is sent stays a valid CloudEvent.
/// </para>
/// </summary>
internal static class CloudEventBody
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    /// <summary>CloudEvents JSON batch format (§4): an array of structured events, in order.</summary>
    public const string BatchContentType = "application/cloudevents-batch+json; charset=utf-8";

    // Reused per thread (Encode never awaits): a new writer asked its buffer for 4 KB, zeroed, on every event.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>One event as a structured CloudEvent, or the events as a batch (an array, even of one) when <paramref name="batched"/>.</summary>
    public static byte[] Encode(IReadOnlyList<ChangeEvent> changes, bool includeValues, bool batched)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!batched && changes.Count != 1)
        {
            throw new ArgumentException("Without a batch, a request carries exactly one event.", nameof(changes));
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        if (batched)
        {
            json.WriteStartArray();
        }

        foreach (var change in changes)
        {
            Write(json, change, includeValues);
        }

        if (batched)
        {
            json.WriteEndArray();
        }

        json.Flush();
        var body = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1 << 20)
        {
            // A rare huge batch (values of large groups) does not stay pinned to the thread.
            t_buffer = null;
            t_writer = null;
        }

        return body;
    }

    /// <summary>
    /// The Standard Webhooks <c>webhook-id</c>: the same on every attempt at one request. One event's is unique across
    /// tenants; a batch's names its first and last positions and a digest of all of them, since after a restart the
    /// same events may go out in other batches: receivers deduplicate by each CloudEvent's <c>id</c>.
    /// </summary>
    public static string MessageId(IReadOnlyList<ChangeEvent> changes, bool batched)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var first = changes[0];
        var tenant = Uri.EscapeDataString(first.Tenant);
        if (!batched)
        {
            return $"msg_{tenant}_{first.Position.ToString(CultureInfo.InvariantCulture)}";
        }

        var bytes = new byte[changes.Count * sizeof(long)];
        for (var i = 0; i < changes.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), changes[i].Position);
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
        return string.Create(CultureInfo.InvariantCulture, $"msg_{tenant}_{first.Position}-{changes[^1].Position}_{digest}");
    }

    private static void Write(Utf8JsonWriter json, ChangeEvent change, bool includeValues)
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
