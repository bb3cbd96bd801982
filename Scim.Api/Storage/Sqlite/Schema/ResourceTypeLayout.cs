using System.Runtime.CompilerServices;
using Scim.Api.Core.Schema;

namespace Scim.Api.Storage.Sqlite.Schema;

/// <summary>
/// What the store needs to know about a resource type: which attribute fills the unique-key column, which the
/// display columns, and whether memberships are read as its <c>members</c> or as its <c>groups</c>.
/// </summary>
internal sealed record ResourceTypeLayout(
    string TypeName,
    AttributeDefinition? UniqueAttribute,
    AttributeDefinition? DisplayNameAttribute,
    bool HasMembers,
    bool HasGroups)
{
    public const string MembersAttribute = ResourceTypeDefinition.Members;
    public const string GroupsAttribute = ResourceTypeDefinition.Groups;
    public const string DisplayNameAttributeName = "displayName";

    private static readonly ConditionalWeakTable<ResourceTypeDefinition, ResourceTypeLayout> Cache = [];

    public static ResourceTypeLayout Of(ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Cache.GetValue(type, Build);
    }

    public bool IsUniqueAttribute(string name) =>
        UniqueAttribute is not null && string.Equals(UniqueAttribute.Name, name, StringComparison.Ordinal);

    public bool IsDisplayNameAttribute(string name) =>
        DisplayNameAttribute is not null && string.Equals(DisplayNameAttribute.Name, name, StringComparison.Ordinal);

    private static ResourceTypeLayout Build(ResourceTypeDefinition type)
    {
        // RFC 7643 §2.1: uniqueness "server" other than id (User.userName, Group.displayName). One unique
        // index column per type keeps writes to a single row; a type declaring two such attributes is a
        // configuration this store refuses rather than half-enforces.
        var unique = type.Schema.Attributes
            .Where(a => a.Uniqueness == Uniqueness.Server && !a.MultiValued && a.Type != AttributeType.Complex)
            .Where(a => !string.Equals(a.Name, CommonAttributes.Id, StringComparison.Ordinal))
            .ToList();
        if (unique.Count > 1)
        {
            throw new InvalidOperationException(
                $"The SQLite store enforces one server-unique attribute per resource type; '{type.Name}' declares "
                + $"{string.Join(", ", unique.Select(a => $"'{a.Name}'"))}.");
        }

        var displayName = type.Schema.FindAttribute(DisplayNameAttributeName);
        var displayIsText = displayName is { MultiValued: false, Type: AttributeType.String };
        return new ResourceTypeLayout(
            type.Name,
            unique.Count == 1 ? unique[0] : null,
            displayIsText ? displayName : null,
            type.HasMembers,
            type.HasGroups);
    }
}
