using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Mongo;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>Resource types and helpers for the rendering tests.</summary>
internal static class MongoTestTypes
{
    public static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;
    public static readonly ResourceTypeDefinition Group = BuiltInSchemas.GroupResourceType;

    /// <summary>A type with every attribute type, for type-aware comparisons.</summary>
    public static readonly ResourceTypeDefinition Device = new(
        "Device",
        "/Devices",
        "Device",
        new SchemaDefinition("urn:example:schemas:2.0:Device", "Device", "", [
            new AttributeDefinition { Name = "serial", CaseExact = true, Uniqueness = Uniqueness.Server },
            new AttributeDefinition { Name = "label" },
            new AttributeDefinition { Name = "slots", Type = AttributeType.Integer },
            new AttributeDefinition { Name = "ratio", Type = AttributeType.Decimal },
            new AttributeDefinition { Name = "lastSeen", Type = AttributeType.DateTime },
            new AttributeDefinition { Name = "enabled", Type = AttributeType.Boolean },
            new AttributeDefinition { Name = "photo", Type = AttributeType.Binary },
            new AttributeDefinition { Name = "tags", MultiValued = true },
            new AttributeDefinition
            {
                Name = "ports", Type = AttributeType.Complex, MultiValued = true,
                SubAttributes =
                [
                    new AttributeDefinition { Name = "value", Type = AttributeType.Integer },
                    new AttributeDefinition { Name = "since", Type = AttributeType.DateTime },
                    new AttributeDefinition { Name = "kind", CaseExact = true },
                ],
            },
        ]),
        []);

    public static ResourceTypeDefinition TypeNamed(string name) => name switch
    {
        "Group" => Group,
        "Device" => Device,
        _ => User,
    };

    /// <summary>Parses, resolves and translates; membership parts read the lookups "_m0", "_m1" … in order.</summary>
    public static BsonDocument Translate(ResourceTypeDefinition type, string filter)
    {
        var resolved = FilterResolver.Resolve(FilterParser.Parse(filter), type);
        var names = MongoMembershipLookup.Collect(resolved, type).Select((part, index) => (part, index))
            .ToDictionary(entry => entry.part, entry => $"_m{entry.index}");
        return MongoFilterTranslator.Translate(resolved, type, names);
    }
}
