using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Mongo;

/// <summary>The registry's type names the store needs: every type (a member may be any), and the types holding members.</summary>
internal sealed class MongoTypes(SchemaRegistry schemas)
{
    public IReadOnlyList<string> AllNames { get; } = [.. schemas.ResourceTypes.Select(type => type.Name)];

    public IReadOnlyList<string> GroupNames { get; } = [.. schemas.ResourceTypes.Where(type => MembersAttribute(type) is not null).Select(type => type.Name)];

    public static AttributeDefinition? MembersAttribute(ResourceTypeDefinition type) => type.MembersAttribute;

    public static AttributeDefinition? GroupsAttribute(ResourceTypeDefinition type) => type.GroupsAttribute;
}
