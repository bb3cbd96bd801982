namespace Scim.Api.Core.Schema;

/// <summary>A schema (RFC 7643 §7): its URN id, name and top-level attributes.</summary>
public sealed record SchemaDefinition(string Id, string Name, string Description, IReadOnlyList<AttributeDefinition> Attributes)
{
    /// <summary>Finds a top-level attribute by name, ignoring case (RFC 7643 §2.1).</summary>
    public AttributeDefinition? FindAttribute(string name)
    {
        // Indexed: a foreach over the interface would allocate an enumerator on every lookup of every projection.
        for (var i = 0; i < Attributes.Count; i++)
        {
            var attribute = Attributes[i];
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute;
            }
        }

        return null;
    }
}
