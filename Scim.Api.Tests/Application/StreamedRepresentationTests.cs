using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Scim.Api.Application;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Http;
using Scim.Api.Tests.Core.Projection;
using Scim.Api.Tests.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Application;

/// <summary>
/// A default representation written straight from the stored text must be byte for byte what the tree path writes
/// (compose, project in place, write), for any stored document and any membership arrays beside it.
/// </summary>
public class StreamedRepresentationTests
{
    private const string Location = "https://scim.example.com/scim/v2/Users/2819c223";
    private static readonly DateTimeOffset Created = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Modified = Created.AddMinutes(5);
    private static readonly ReferenceUrls References = new("https://scim.example.com/scim/v2", SchemaRegistry.CreateDefault());

    private static readonly JsonWriterOptions ResponseWriterOptions = new()
    {
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public void EntraShapedUser_IsWrittenFromItsText_WithoutBuildingATree()
    {
        var text = $$$"""
            {"schemas":["{{{ScimSchemaIds.User}}}","{{{ScimSchemaIds.EnterpriseUser}}}"],"userName":"bjensen@example.com",
             "active":true,"displayName":"Barbara Jensen","password":"$argon2id$hash","externalId":"e-1",
             "name":{"givenName":"Barbara","familyName":"Jensen","formatted":null},
             "emails":[{"value":"bjensen@example.com","type":"work","primary":true},null],"phoneNumbers":[],
             "{{{ScimSchemaIds.EnterpriseUser}}}":{"department":"Tour Operations","manager":{"value":"m-1"} } }
            """;
        var stored = Stored(text, ("groups", [GroupValue("g-1", "Admins")]));

        var written = Write(new StreamedRepresentation(BuiltInSchemas.UserResourceType, stored, Location, References).AsJsonNode());

        Assert.True(stored.IsUnparsed);
        Assert.Equal(TreeWritten(BuiltInSchemas.UserResourceType, text, ("groups", [GroupValue("g-1", "Admins")])), written);
        Assert.Equal(
            $$$"""{"schemas":["{{{ScimSchemaIds.User}}}","{{{ScimSchemaIds.EnterpriseUser}}}"],"id":"2819c223","userName":"bjensen@example.com","active":true,"displayName":"Barbara Jensen","externalId":"e-1","name":{"givenName":"Barbara","familyName":"Jensen"},"emails":[{"value":"bjensen@example.com","type":"work","primary":true}],"phoneNumbers":[],"{{{ScimSchemaIds.EnterpriseUser}}}":{"department":"Tour Operations","manager":{"value":"m-1","$ref":"https://scim.example.com/scim/v2/Users/m-1"}},"groups":[{"value":"g-1","display":"Admins","type":"direct","$ref":"https://scim.example.com/scim/v2/Groups/g-1"}],"meta":{"resourceType":"User","created":"2026-11-29T10:00:00.0000000Z","lastModified":"2026-11-29T10:05:00.0000000Z","location":"{{{Location}}}","version":"W/\"3\""}}""",
            written);
    }

    [Theory]
    [InlineData("""{ "USERNAME": "a", "displayName": "b" }""")]
    [InlineData("""{ "userName": "a", "emails": [ { "Value": "a@example.com" } ] }""")]
    [InlineData("""{ "userName": "a", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user": { "department": "d" } }""")]
    [InlineData("""{ "userName": "a", "groups": [ { "value": "stale" } ] }""")]
    public void NamesTheTreePathMustSettle_FallBackToTheTree_AndWriteTheSame(string text)
    {
        var stored = Stored(text, ("groups", [Value("g-1", null, "direct")]));

        var written = Write(new StreamedRepresentation(BuiltInSchemas.UserResourceType, stored, Location, References).AsJsonNode());

        Assert.False(stored.IsUnparsed);
        Assert.Equal(TreeWritten(BuiltInSchemas.UserResourceType, text, ("groups", [Value("g-1", null, "direct")])), written);
    }

    [Fact]
    public void CoreAttributeNamedLikeACommonOneButForCase_TakesTheTreePath_AndWritesTheSame()
    {
        // The tree path looks names up in the core schema first, ignoring case, so "externalId" belongs to this
        // type's "ExternalId" and is renamed; a byte-for-byte match with the common attribute must not win.
        var schema = new SchemaDefinition(
            "urn:example:params:scim:schemas:core:2.0:Badge", "Badge", "A badge.", [new AttributeDefinition { Name = "ExternalId" }]);
        var type = new ResourceTypeDefinition("Badge", "/Badges", "Badges", schema, []);
        const string text = """{ "externalId": "b-1" }""";
        var stored = Stored(text);

        var written = Write(new StreamedRepresentation(type, stored, Location, References).AsJsonNode());

        Assert.False(stored.IsUnparsed);
        Assert.Equal(TreeWritten(type, text), written);
        Assert.Contains("\"ExternalId\":\"b-1\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void TreeAskedForAfterTheTextWasWritten_HoldsTheSameRepresentation()
    {
        const string text = """{ "userName": "a", "password": "p", "name": { "givenName": "A" } }""";
        var stored = Stored(text, ("groups", [Value("g-1", "G", "direct")]));
        var streamed = new StreamedRepresentation(BuiltInSchemas.UserResourceType, stored, Location, References);
        var written = Write(streamed.AsJsonNode());

        var tree = streamed.ToTree();

        Assert.Equal(written, Write(tree));
        Assert.Equal(written, Write(streamed.AsJsonNode()));
    }

    [Fact]
    public void InAListResponse_EachResourceIsWrittenAsTheTreePathWouldWriteIt()
    {
        const string first = """{ "userName": "a", "displayName": "A" }""";
        const string second = """{ "userName": "b", "password": "p" }""";
        var resources = new[] { first, second }
            .Select(text => new StreamedRepresentation(BuiltInSchemas.UserResourceType, Stored(text), Location, References).AsJsonNode());

        var written = Write(ListResponse.Create(2, 1, resources));

        var expected = Write(ListResponse.Create(2, 1, [
            JsonNode.Parse(TreeWritten(BuiltInSchemas.UserResourceType, first))!,
            JsonNode.Parse(TreeWritten(BuiltInSchemas.UserResourceType, second))!,
        ]));
        Assert.Equal(expected, written);
    }

    [Fact]
    public void RandomDocuments_AreWrittenAsTheTreePathWritesThem()
    {
        var relations = Gen.Int[0, 3].Select(count => Enumerable.Range(0, count)
            .Select(i => i % 3 == 0 ? GroupValue($"g-{i}", $"Group {i}") : Value($"g-{i}", i % 2 == 0 ? null : $"Group {i}", "direct")).ToArray());
        Gen.Select(RandomDocuments.Users, relations).Sample(
            (document, groups) => AssertSameAsTree(BuiltInSchemas.UserResourceType, document.ToJsonString(), ("groups", groups)),
            iter: 3000);
        RandomDocuments.Devices.Sample(document => AssertSameAsTree(TestResourceTypes.Device, document.ToJsonString()), iter: 3000);
    }

    private static void AssertSameAsTree(ResourceTypeDefinition type, string text, params (string Name, JsonObject[] Values)[] relations)
    {
        var stored = Stored(text, relations);

        var written = Write(new StreamedRepresentation(type, stored, Location, References).AsJsonNode());

        Assert.Equal(TreeWritten(type, text, relations), written);
    }

    private static string TreeWritten(ResourceTypeDefinition type, string text, params (string Name, JsonObject[] Values)[] relations)
    {
        var stored = Stored(text, relations);
        return Write(ResourceProjector.ProjectOwned(ResourceRepresentation.Compose(type, stored, Location, References), type, AttributeSelection.Default));
    }

    private static StoredResource Stored(string text, params (string Name, JsonObject[] Values)[] relations)
    {
        var stored = new StoredResource("2819c223", 3, RoundTripTime.Format(Created), RoundTripTime.Format(Modified), Encoding.UTF8.GetBytes(text));
        foreach (var (name, values) in relations)
        {
            foreach (var value in values)
            {
                stored.AddRelationValue(name, (JsonObject)value.DeepClone());
            }
        }

        return stored;
    }

    private static JsonObject Value(string id, string? display, string type)
    {
        var value = new JsonObject { ["value"] = id };
        if (display is not null)
        {
            value["display"] = display;
        }

        value["type"] = type;
        return value;
    }

    // A groups value as a store gives it, naming the group it refers to (RelationReference).
    private static JsonObject GroupValue(string id, string display)
    {
        var value = Value(id, display, "direct");
        value["$ref"] = RelationReference.Of("Group", id);
        return value;
    }

    // As ScimJsonResult writes a response body.
    private static string Write(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ResponseWriterOptions))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
