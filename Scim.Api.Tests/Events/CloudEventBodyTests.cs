using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Scim.Api.Core.Events;
using Scim.Api.Events.Delivery;

namespace Scim.Api.Tests.Events;

/// <summary>Each body the service sends decodes, with the CloudEvents SDK, as the CloudEvent the docs describe.</summary>
public sealed class CloudEventBodyTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 5, 10, 15, 2, TimeSpan.Zero).AddTicks(1234567);

    private static ChangeEvent GroupPatch(JsonObject? values) => new(
        "acme corp", 42, "Group", "g-1", ChangeOperation.Patch, 7, At, ["members", "displayName"], ["u-1", "u-2"], ["u-3"], values);

    [Fact]
    public void TheBody_IsAStructuredCloudEvent_WithTheChangeInItsData()
    {
        var body = CloudEventBody.Encode(GroupPatch(null), includeValues: false);

        var decoded = new JsonEventFormatter().DecodeStructuredModeMessage(body, null, null);

        Assert.Equal(CloudEventsSpecVersion.V1_0, decoded.SpecVersion);
        Assert.Equal("42", decoded.Id);
        Assert.Equal(new Uri("/tenants/acme%20corp", UriKind.Relative), decoded.Source);
        Assert.Equal("scim.group.patch", decoded.Type);
        Assert.Equal("Group/g-1", decoded.Subject);
        Assert.Equal(At, decoded.Time);
        Assert.Equal("application/json", decoded.DataContentType);
        var data = JsonNode.Parse(((JsonElement)decoded.Data!).GetRawText())!.AsObject();
        Assert.Equal(
            """{"tenant":"acme corp","position":42,"resourceType":"Group","id":"g-1","operation":"patch","version":7,"changedAttributes":["members","displayName"],"membersAdded":["u-1","u-2"],"membersRemoved":["u-3"]}""",
            data.ToJsonString());
    }

    [Fact]
    public void Values_AreInTheData_OnlyWhenTheSubscriptionAsksForThem()
    {
        var change = GroupPatch(new JsonObject { ["displayName"] = "Crew \"A\"" });

        var without = JsonNode.Parse(CloudEventBody.Encode(change, includeValues: false).Span)!;
        var with = JsonNode.Parse(CloudEventBody.Encode(change, includeValues: true).Span)!;

        Assert.Null(without["data"]!["values"]);
        Assert.Equal("Crew \"A\"", (string)with["data"]!["values"]!["displayName"]!);
    }
}
