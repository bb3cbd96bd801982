using System.Text.Json.Nodes;
using CsCheck;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Projection;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Validation;

/// <summary>
/// Thousands of random and mutated bodies through normalization and validation: whatever a client sends,
/// the only exception that escapes is a <see cref="ScimException"/> with a 4xx status, and what normalization
/// returns can be validated and projected.
/// </summary>
public class NormalizationRobustnessTests
{
    private const string Enterprise = ScimSchemaIds.EnterpriseUser;
    private const string Acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

    private static readonly ResourceTypeDefinition[] Types =
        [BuiltInSchemas.UserResourceType, BuiltInSchemas.GroupResourceType, TestResourceTypes.Device];

    private static readonly string[] Keys =
    [
        "userName", "USERNAME", "name", "givenName", "familyName", "displayName", "active", "password", "emails", "value",
        "VALUE", "type", "primary", "Primary", "display", "displayName", "members", "groups", "id", "meta", "schemas",
        "externalId", "phoneNumbers", "addresses", "x509Certificates", "profileUrl", "manager", "employeeNumber", "$ref",
        "serialNumber", "slots", "weight", "enrolled", "firmware", "homepage", "tags", "owner", "ports", "badge",
        Enterprise, Enterprise + ":manager", Enterprise + ":employeeNumber", Acme, Acme + ":badge", ScimSchemaIds.User,
        ScimSchemaIds.User + ":userName", TestResourceTypes.WarrantyUrn, "urn:", "urn:x:", "", " ", "ünïcødé", "urn:a:B.c",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "True", "false", "FALSE", "yes", "42", "-7", "007", "1.5", "2.5e2", "1e400", "NaN", "0x2A",
        "2008-01-23T04:56:22Z", "2008-13-01T00:00:00Z", "2008-01-23T04:56:22.1234567890+02:00", "AQID", "%%%",
        "https://example.com", "work", "User", "\u0000", "\ud800", new string('x', 300),
    ];

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency(
        (1, Gen.Const((JsonNode?)null)),
        (2, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null)),
        (1, Gen.Decimal.Select(d => (JsonNode?)JsonValue.Create(d))),
        (4, Gen.OneOf(Strings).Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.String.Select(s => (JsonNode?)JsonValue.Create(s))));

    private static readonly Gen<JsonNode?> AnyNode = Gen.Recursive<JsonNode?>((depth, node) => depth >= 4
        ? Leaf
        : Gen.Frequency(
            (4, Leaf),
            (2, Gen.Select(Gen.OneOf(Keys), node).Array[0, 5].Select(ToObject)),
            (1, node.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items)))));

    // Bodies start valid for every test type (their required attributes), then random members follow.
    private static readonly Gen<JsonNode?> Body = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf(Keys), AnyNode).Array[0, 12].Select(members => ToObject(
            [("userName", "u"), ("displayName", "G"), ("serialNumber", "s"), .. members]))),
        (1, AnyNode));

    private static readonly string[] RealBodies =
    [
        $$"""
        {
          "schemas": ["{{ScimSchemaIds.User}}", "{{Enterprise}}"], "externalId": "e", "userName": "u@contoso.com", "active": "True",
          "displayName": "U", "emails": [ { "primary": "True", "type": "work", "value": "u@contoso.com" } ],
          "meta": { "resourceType": "User" }, "name": { "formatted": "a b", "familyName": "b", "givenName": "a" }, "roles": [],
          "{{Enterprise}}": { "employeeNumber": "1", "manager": "m" }, "{{Acme}}": { "x": [1, { "y": null }] }
        }
        """,
        """{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "G", "members": [ "a", { "value": "b", "displayName": "B" } ] }""",
        """{ "serialNumber": "s", "slots": "3", "weight": 1.5, "enrolled": "2008-01-23T04:56:22Z", "tags": ["a"], "owner": { "value": "o", "badge": "b" }, "ports": [ { "value": "p", "primary": true } ] }""",
    ];

    private static JsonNode? ToObject((string Key, JsonNode? Value)[] members)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in members)
        {
            obj[key] = value;
        }

        return obj;
    }

    // Replaces one node of a real body (picked by index in document order) with a random one.
    private static JsonNode? Mutate(JsonNode body, int index, JsonNode? replacement)
    {
        var positions = new List<(JsonNode Parent, object Slot)>();
        Collect(body, positions);
        var (parent, slot) = positions[index % positions.Count];
        if (parent is JsonObject obj)
        {
            obj[(string)slot] = replacement;
        }
        else
        {
            parent.AsArray()[(int)slot] = replacement;
        }

        return body;
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, object Slot)> positions)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                positions.Add((obj, key));
                Collect(value, positions);
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                positions.Add((array, i));
                Collect(array[i], positions);
            }
        }
    }

    private sealed class Outcomes
    {
        private int _accepted;
        private int _rejected;

        public void Accepted() => Interlocked.Increment(ref _accepted);

        public void Rejected() => Interlocked.Increment(ref _rejected);

        // Guards against a degenerate generator: both outcomes must actually occur.
        public void AssertBothOccurred()
        {
            Assert.True(_accepted > 100, $"only {_accepted} bodies were accepted");
            Assert.True(_rejected > 100, $"only {_rejected} bodies were rejected");
        }
    }

    private static void NormalizeValidateAndProject(JsonNode? body, ResourceTypeDefinition type, Outcomes outcomes)
    {
        try
        {
            var document = ResourceNormalizer.Normalize(body, type);
            ResourceValidator.ValidateForWrite(document, type);
            ResourceValidator.CheckImmutable(document, ResourceNormalizer.Normalize(body, type), type);
            var projected = ResourceProjector.Project(document, type, AttributeSelection.Default);
            Assert.Equal(type.Schema.Id, (string?)projected["schemas"]![0]);
            outcomes.Accepted();
        }
        catch (ScimException error)
        {
            Assert.InRange(error.Status, 400, 499);
            Assert.False(string.IsNullOrWhiteSpace(error.Detail));
            outcomes.Rejected();
        }
    }

    [Fact]
    public void RandomBodies_OnlyEverRaiseClientErrors()
    {
        var outcomes = new Outcomes();

        Gen.Select(Body, Gen.Int[0, Types.Length - 1]).Sample(
            (body, typeIndex) => NormalizeValidateAndProject(body, Types[typeIndex], outcomes),
            iter: 4000,
            print: t => t.Item1?.ToJsonString() ?? "null");

        outcomes.AssertBothOccurred();
    }

    [Fact]
    public void MutatedIdpBodies_OnlyEverRaiseClientErrors()
    {
        var outcomes = new Outcomes();

        Gen.Select(Gen.Int[0, RealBodies.Length - 1], Gen.Int[0, 1000], AnyNode, Gen.Int[0, Types.Length - 1]).Sample(
            (bodyIndex, position, replacement, typeIndex) => NormalizeValidateAndProject(
                Mutate(JsonNode.Parse(RealBodies[bodyIndex])!, position, replacement), Types[typeIndex], outcomes),
            iter: 4000);

        outcomes.AssertBothOccurred();
    }

    [Theory]
    [InlineData("""{ "name": { "givenName": 1, "givenName": 2 } }""")]
    [InlineData("""{ "emails": [ { "value": "a", "VALUE": "b", "value": "c" } ] }""")]
    [InlineData("""{ "urn:ietf:params:scim:schemas:extension:acme:2.0:User": { "a": { "b": 1, "b": 2 } } }""")]
    public void BodiesWithRepeatedKeysInNestedObjects_AreInvalidSyntax(string body)
    {
        var error = Assert.Throws<ScimException>(() => ResourceNormalizer.Normalize(JsonNode.Parse(body), BuiltInSchemas.UserResourceType));

        Assert.Equal(ScimErrorType.InvalidSyntax, error.ScimType);
    }
}
