using System.Runtime.CompilerServices;
using System.Text;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Projection;

/// <summary>
/// The canonical names of a schema's attributes, or of an attribute's sub-attributes, as UTF-8: a stored name that
/// is already canonical (as the store writes them) is matched byte for byte, without making a string of it or
/// comparing it case-insensitively with every attribute. Built once per definition object.
/// </summary>
internal static class CanonicalUtf8Names
{
    private static readonly ConditionalWeakTable<object, Entry[]> Cache = new();

    public static Entry[] Of(SchemaDefinition schema) =>
        Cache.GetValue(schema, owner => Build(((SchemaDefinition)owner).Attributes));

    public static Entry[] SubAttributesOf(AttributeDefinition definition) =>
        Cache.GetValue(definition, owner => Build(((AttributeDefinition)owner).SubAttributes));

    /// <summary>The definition whose name is exactly <paramref name="utf8Name"/>; null when none is.</summary>
    public static AttributeDefinition? FindExact(Entry[] entries, ReadOnlySpan<byte> utf8Name)
    {
        foreach (var entry in entries)
        {
            if (utf8Name.SequenceEqual(entry.Utf8))
            {
                return entry.Definition;
            }
        }

        return null;
    }

    private static Entry[] Build(IReadOnlyList<AttributeDefinition> definitions) =>
        [.. definitions.Select(definition => new Entry(Encoding.UTF8.GetBytes(definition.Name), definition))];

    internal readonly record struct Entry(byte[] Utf8, AttributeDefinition Definition);
}
