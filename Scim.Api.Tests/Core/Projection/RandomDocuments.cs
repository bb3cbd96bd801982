using System.Text.Json.Nodes;
using CsCheck;
using Scim.Api.Core.Schema;
using Scim.Api.Tests.Core.Validation;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Core.Projection;

/// <summary>
/// Random documents for the projection properties: names in canonical and other cases, unknown names, nulls,
/// empty and mixed arrays, extensions (known, upper-cased, unknown, not objects), "schemas", "id" and "meta".
/// </summary>
internal static class RandomDocuments
{
    private const string Enterprise = ScimSchemaIds.EnterpriseUser;
    private const string Acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

    public static Gen<JsonObject> Users => DocumentGen(UserKeys, UserSubKeys);

    public static Gen<JsonObject> Devices => DocumentGen(DeviceKeys, DeviceSubKeys);

    private static readonly string[] UserKeys =
    [
        "id", "userName", "USERNAME", "username", "name", "Name", "password", "emails", "Emails", "groups", "displayName",
        "schemas", "meta", "unknownThing", Enterprise, Enterprise.ToUpperInvariant(), Acme, ScimSchemaIds.User,
    ];

    private static readonly string[] UserSubKeys =
    [
        "value", "Value", "type", "primary", "display", "givenName", "GIVENNAME", "familyName", "department", "employeeNumber",
        "manager", "division", "other",
    ];

    private static readonly string[] DeviceKeys =
    [
        "id", "serialNumber", "secret", "Secret", "diagnostics", "assetTag", "owner", "OWNER", "ports", "tags", "meta",
        TestResourceTypes.WarrantyUrn, TestResourceTypes.WarrantyUrn.ToUpperInvariant(), "urn:example:other",
    ];

    private static readonly string[] DeviceSubKeys =
        ["value", "VALUE", "badge", "display", "note", "pin", "Pin", "kind", "type", "primary", "provider", "years", "extra"];

    private static Gen<JsonObject> DocumentGen(string[] keys, string[] subKeys)
    {
        var scalar = Gen.OneOf<JsonNode?>(
            Gen.Const((JsonNode?)null),
            Gen.Int[-5, 5].Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.String[0, 4].Select(s => (JsonNode?)JsonValue.Create(s)));
        var complex = Gen.Select(Gen.OneOf(subKeys).Array[0, 4], scalar.Array[4]).Select((names, values) => (JsonNode?)Object(names, values));
        var element = Gen.Frequency((3, complex), (2, scalar));
        var array = element.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(item => item?.DeepClone())]));
        var value = Gen.Frequency((4, scalar), (3, complex), (3, array));
        return Gen.Select(Gen.OneOf(keys).Array[0, 10], value.Array[10]).Select((names, values) => Object(names, values));
    }

    // Later duplicates of a name are skipped: a JSON object from the wire never holds one name twice.
    private static JsonObject Object(string[] names, JsonNode?[] values)
    {
        var result = new JsonObject();
        for (var i = 0; i < names.Length; i++)
        {
            result.TryAdd(names[i], values[i]?.DeepClone());
        }

        return result;
    }
}
