using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Projection;

/// <summary>
/// A top-level attribute of a resource being projected: where it lives (core or an extension URN), its canonical
/// name and its definition (null for attributes the schema does not declare).
/// </summary>
internal sealed record AttributeScope(string? ExtensionUrn, string? Name, AttributeDefinition? Definition, ResourceTypeDefinition Type)
{
    /// <summary>Whether a selected path is about this attribute: it names it, or names its whole extension.</summary>
    public bool Matches(SelectedPath path)
    {
        var attribute = path.Attribute;
        return string.Equals(attribute.ExtensionUrn, ExtensionUrn, StringComparison.OrdinalIgnoreCase)
            && (attribute.IsExtensionRoot || string.Equals(attribute.Name, Name, StringComparison.OrdinalIgnoreCase));
    }
}
