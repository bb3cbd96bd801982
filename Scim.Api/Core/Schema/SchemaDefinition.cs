namespace Scim.Api.Core.Schema;

/// <summary>A schema (RFC 7643 §7): its URN id, name and top-level attributes.</summary>
public sealed record SchemaDefinition(string Id, string Name, string Description, IReadOnlyList<AttributeDefinition> Attributes)
{
    /// <summary>Finds a top-level attribute by name, ignoring case (RFC 7643 §2.1).</summary>
    public AttributeDefinition? FindAttribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute;
            }
        }

        return null;
    }
}
