namespace Scim.Api.Core.Paths;

/// <summary>
/// An attribute reference as written by a client (RFC 7644 §3.10 <c>attrPath</c>):
/// an optional schema URN, an attribute name and an optional sub-attribute name.
/// Names are kept as written; <see cref="Schema.ResourceTypeDefinition.Resolve"/> maps them to the schema.
/// </summary>
public sealed record AttributePath(string? SchemaUrn, string Name, string? SubAttribute)
{
    public static AttributePath Of(string name, string? subAttribute = null) => new(null, name, subAttribute);

    public override string ToString()
    {
        var text = SchemaUrn is null ? Name : $"{SchemaUrn}:{Name}";
        return SubAttribute is null ? text : $"{text}.{SubAttribute}";
    }
}
