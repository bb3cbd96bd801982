namespace Scim.Api.Core.Schema;

/// <summary>One attribute of a schema (RFC 7643 §7), with its sub-attributes when complex.</summary>
public sealed record AttributeDefinition
{
    public required string Name { get; init; }

    public AttributeType Type { get; init; } = AttributeType.String;

    public bool MultiValued { get; init; }

    public bool Required { get; init; }

    public bool CaseExact { get; init; }

    public Mutability Mutability { get; init; } = Mutability.ReadWrite;

    public Returned Returned { get; init; } = Returned.Default;

    public Uniqueness Uniqueness { get; init; } = Uniqueness.None;

    public string Description { get; init; } = "";

    public IReadOnlyList<string> CanonicalValues { get; init; } = [];

    public IReadOnlyList<string> ReferenceTypes { get; init; } = [];

    public IReadOnlyList<AttributeDefinition> SubAttributes { get; init; } = [];

    /// <summary>
    /// A value no response may show (returned "never", or writeOnly: RFC 7643 §7): it must not be probed through
    /// anything that depends on it either, such as a filter or a sort order.
    /// </summary>
    public bool IsNeverReturned => Returned == Returned.Never || Mutability == Mutability.WriteOnly;

    /// <summary>Finds a sub-attribute by name, ignoring case (RFC 7643 §2.1).</summary>
    public AttributeDefinition? FindSubAttribute(string name)
    {
        // Indexed: a foreach over the interface would allocate an enumerator on every lookup of every projection.
        for (var i = 0; i < SubAttributes.Count; i++)
        {
            var sub = SubAttributes[i];
            if (string.Equals(sub.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return sub;
            }
        }

        return null;
    }
}
