using Scim.Api.Core.Filters;

namespace Scim.Api.Core.Paths;

/// <summary>
/// A PATCH or projection path (RFC 7644 §3.5.2 PATH): <c>attr</c>, <c>attr.sub</c>, <c>urn:…:attr.sub</c>,
/// <c>attr[filter]</c> or <c>attr[filter].sub</c>. For <c>name.givenName</c> the sub-attribute is
/// <c>givenName</c> and there is no filter; for <c>emails[type eq "work"].value</c> the filter applies to
/// <c>emails</c> and the sub-attribute is <c>value</c>.
/// </summary>
public sealed record ScimPath(string? SchemaUrn, string Name, Filter? ValueFilter, string? SubAttribute)
{
    /// <summary>The attribute this path designates, ignoring any value filter.</summary>
    public AttributePath Attribute => new(SchemaUrn, Name, SubAttribute);
}
