using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Scim.Api.Core.Events;

namespace Scim.Api.Events.Delivery;

/// <summary>
/// A change event as a CloudEvents 1.0 structured-mode JSON message (CloudEvents spec §3, JSON format §3): <c>id</c> is
/// the position, unique within the tenant's <c>source</c> (<c>/tenants/{tenant}</c>); <c>type</c> is
/// <c>scim.{resource type}.{operation}</c> (<c>scim.user.create</c>, <c>scim.group.patch</c>); <c>subject</c> is
/// <c>{resource type}/{id}</c>; <c>time</c> the change's. <c>data</c> holds the tenant, position, resource type and id,
/// operation, new version, the names of the changed attributes, the member ids added and removed, and the new values
/// of the changed attributes only for a subscription that asked for them (never a write-only or never-returned
/// attribute: those are not captured at all).
/// </summary>
internal static class CloudEventBody
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    private static readonly JsonEventFormatter Formatter = new();

    public static ReadOnlyMemory<byte> Encode(ChangeEvent change, bool includeValues)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = change.Position.ToString(CultureInfo.InvariantCulture),
            Source = new Uri($"/tenants/{Uri.EscapeDataString(change.Tenant)}", UriKind.Relative),
            Type = $"scim.{change.ResourceType.ToLowerInvariant()}.{ChangeOperationNames.Of(change.Operation)}",
            Subject = $"{change.ResourceType}/{change.ResourceId}",
            Time = change.At,
            DataContentType = MediaTypeNames.Application.Json,
            Data = JsonSerializer.SerializeToElement(Data(change, includeValues)),
        };
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
    }

    /// <summary>The Standard Webhooks <c>webhook-id</c>: the same on every attempt at one event, unique across tenants.</summary>
    public static string MessageId(ChangeEvent change) =>
        $"msg_{Uri.EscapeDataString(change.Tenant)}_{change.Position.ToString(CultureInfo.InvariantCulture)}";

    private static JsonObject Data(ChangeEvent change, bool includeValues)
    {
        var data = new JsonObject
        {
            ["tenant"] = change.Tenant,
            ["position"] = change.Position,
            ["resourceType"] = change.ResourceType,
            ["id"] = change.ResourceId,
            ["operation"] = ChangeOperationNames.Of(change.Operation),
            ["version"] = change.Version,
            ["changedAttributes"] = Names(change.ChangedAttributes),
            ["membersAdded"] = Names(change.MembersAdded),
            ["membersRemoved"] = Names(change.MembersRemoved),
        };
        if (includeValues && change.Values is { } values)
        {
            data["values"] = values.DeepClone();
        }

        return data;
    }

    private static JsonArray Names(IReadOnlyList<string> names) => new([.. names.Select(name => (JsonNode)name)]);
}
