using MongoDB.Bson;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Mongo;

using Scim.Api.Tests.Support;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>Resource types and helpers for the rendering tests.</summary>
internal static class MongoTestTypes
{
    public static readonly ResourceTypeDefinition User = BuiltInSchemas.UserResourceType;
    public static readonly ResourceTypeDefinition Group = BuiltInSchemas.GroupResourceType;

    public static readonly ResourceTypeDefinition Device = TestResourceTypes.TypedDevice;

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
