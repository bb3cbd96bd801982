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
        var body = CloudEventBody.Encode([GroupPatch(null)], includeValues: false, batched: false);

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

        var without = JsonNode.Parse(CloudEventBody.Encode([change], includeValues: false, batched: false))!;
        var with = JsonNode.Parse(CloudEventBody.Encode([change], includeValues: true, batched: false))!;

        Assert.Null(without["data"]!["values"]);
        Assert.Equal("Crew \"A\"", (string)with["data"]!["values"]!["displayName"]!);
    }

    [Fact]
    public void ABatch_IsACloudEventsBatch_OfTheEventsInOrder_EvenOfOne()
    {
        var second = GroupPatch(null) with { Position = 43, Version = 8 };
        var formatter = new JsonEventFormatter();

        var batch = formatter.DecodeBatchModeMessage(CloudEventBody.Encode([GroupPatch(null), second], includeValues: false, batched: true), null, null);
        var single = formatter.DecodeBatchModeMessage(CloudEventBody.Encode([second], includeValues: false, batched: true), null, null);

        Assert.Equal(["42", "43"], batch.Select(e => e.Id));
        Assert.All(batch, e => Assert.Equal("scim.group.patch", e.Type));
        Assert.Equal(8, ((JsonElement)batch[1].Data!).GetProperty("version").GetInt32());
        Assert.Equal("43", Assert.Single(single).Id);
    }

    [Fact]
    public void WithoutABatch_ARequestCarriesExactlyOneEvent()
    {
        Assert.Throws<ArgumentException>(() => CloudEventBody.Encode([GroupPatch(null), GroupPatch(null) with { Position = 43 }], includeValues: false, batched: false));
    }

    [Fact]
    public void TheMessageId_IsTheSameForTheSameEvents_AndDiffersForOthers()
    {
        ChangeEvent At(long position) => GroupPatch(null) with { Position = position };

        Assert.Equal("msg_acme%20corp_42", CloudEventBody.MessageId([At(42)], batched: false));
        Assert.Equal(CloudEventBody.MessageId([At(42), At(45), At(50)], batched: true), CloudEventBody.MessageId([At(42), At(45), At(50)], batched: true));
        Assert.NotEqual(CloudEventBody.MessageId([At(42), At(45), At(50)], batched: true), CloudEventBody.MessageId([At(42), At(47), At(50)], batched: true));
        Assert.StartsWith("msg_acme%20corp_42-50_", CloudEventBody.MessageId([At(42), At(45), At(50)], batched: true), StringComparison.Ordinal);
    }
}
