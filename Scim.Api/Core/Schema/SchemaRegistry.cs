namespace Scim.Api.Core.Schema;

/// <summary>The resource types this service serves and the schemas they use.</summary>
public sealed class SchemaRegistry
{
    private readonly Dictionary<string, ResourceTypeDefinition> _byName;
    private readonly Dictionary<string, ResourceTypeDefinition> _byEndpoint;
    private readonly Dictionary<string, SchemaDefinition> _schemas;

    public SchemaRegistry(IEnumerable<ResourceTypeDefinition> resourceTypes)
    {
        ArgumentNullException.ThrowIfNull(resourceTypes);
        ResourceTypes = [.. resourceTypes];
        _byName = new(StringComparer.OrdinalIgnoreCase);
        _byEndpoint = new(StringComparer.OrdinalIgnoreCase);
        _schemas = new(StringComparer.OrdinalIgnoreCase);
        foreach (var type in ResourceTypes)
        {
            if (!_byName.TryAdd(type.Name, type))
            {
                throw new InvalidOperationException($"Resource type '{type.Name}' is defined twice.");
            }

            if (!_byEndpoint.TryAdd(type.Endpoint.Trim('/'), type))
            {
                throw new InvalidOperationException($"Endpoint '{type.Endpoint}' is used by two resource types.");
            }

            foreach (var schema in type.Extensions.Select(e => e.Schema).Prepend(type.Schema))
            {
                _schemas.TryAdd(schema.Id, schema);
            }
        }

        Schemas = [.. _schemas.Values];
    }

    public IReadOnlyList<ResourceTypeDefinition> ResourceTypes { get; }

    public IReadOnlyList<SchemaDefinition> Schemas { get; }

    /// <summary>The registry with the built-in User (with the enterprise extension) and Group types.</summary>
    public static SchemaRegistry CreateDefault() => new([BuiltInSchemas.UserResourceType, BuiltInSchemas.GroupResourceType]);

    public ResourceTypeDefinition? FindByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Finds a resource type by its endpoint, with or without the leading slash, ignoring case.</summary>
    public ResourceTypeDefinition? FindByEndpoint(string endpoint) => _byEndpoint.GetValueOrDefault(endpoint.Trim('/'));

    public SchemaDefinition? FindSchema(string id) => _schemas.GetValueOrDefault(id);
}
