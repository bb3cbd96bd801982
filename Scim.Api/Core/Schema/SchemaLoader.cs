using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Api.Core.Schema;

/// <summary>
/// Builds the schema registry at start-up: the built-in User and Group types plus the custom schemas (RFC 7643 §7)
/// and resource types (RFC 7643 §6) found in the <c>*.json</c> files of a folder. A file holds one representation, an
/// array of them or a ListResponse of them. A custom resource type may use built-in or custom schemas as its core
/// schema and extensions; one named "User" or "Group" replaces the built-in type (to add extensions to it).
/// Anything wrong throws an <see cref="InvalidOperationException"/> naming the file and the problem.
/// </summary>
public static class SchemaLoader
{
    private static readonly JsonDocumentOptions FileOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static readonly string[] ReservedCoreAttributes =
        [CommonAttributes.Id, CommonAttributes.ExternalId, CommonAttributes.Meta, CommonAttributes.Schemas];

    public static SchemaRegistry LoadWithCustomTypes(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return SchemaRegistry.CreateDefault();
        }

        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The custom schema folder '{folder}' does not exist.");
        }

        var schemas = new Dictionary<string, (SchemaDefinition Schema, string Source)>(StringComparer.OrdinalIgnoreCase);
        foreach (var builtIn in new[] { BuiltInSchemas.User, BuiltInSchemas.EnterpriseUser, BuiltInSchemas.Group })
        {
            schemas[builtIn.Id] = (builtIn, "built in");
        }

        var typeRepresentations = new List<(JsonObject Json, string File)>();
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            foreach (var representation in Representations(ReadFile(path, file), file))
            {
                if (IsResourceType(representation, file))
                {
                    typeRepresentations.Add((representation, file));
                    continue;
                }

                var schema = InFile(file, () => ParseSchema(representation));
                if (schemas.TryGetValue(schema.Id, out var existing))
                {
                    throw new InvalidOperationException(
                        $"Custom schema file '{file}': schema '{schema.Id}' is already defined ({Origin(existing.Source)}).");
                }

                schemas[schema.Id] = (schema, file);
            }
        }

        var types = new List<(ResourceTypeDefinition Type, string Source)>
        {
            (BuiltInSchemas.UserResourceType, "built in"),
            (BuiltInSchemas.GroupResourceType, "built in"),
        };
        foreach (var (json, file) in typeRepresentations)
        {
            var type = InFile(file, () => ReadResourceType(json, schemas));
            var index = types.FindIndex(t => string.Equals(t.Type.Name, type.Name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0 && types[index].Source != "built in")
            {
                throw new InvalidOperationException(
                    $"Custom schema file '{file}': resource type '{type.Name}' is already defined ({Origin(types[index].Source)}).");
            }

            if (index >= 0)
            {
                types[index] = (type, file);
            }
            else
            {
                types.Add((type, file));
            }
        }

        var used = types.SelectMany(t => t.Type.Extensions.Select(e => e.Schema.Id).Prepend(t.Type.Schema.Id)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, (_, source)) in schemas)
        {
            if (source != "built in" && !used.Contains(id))
            {
                throw new InvalidOperationException(
                    $"Custom schema file '{source}': schema '{id}' is not used by any resource type; name it as the 'schema' or in "
                    + "the 'schemaExtensions' of a ResourceType (a ResourceType named \"User\" replaces the built-in one).");
            }
        }

        try
        {
            return new SchemaRegistry(types.Select(t => t.Type));
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidOperationException($"Custom resource types in '{folder}': {error.Message}", error);
        }
    }

    /// <summary>Reads one schema representation (RFC 7643 §7); see <see cref="SchemaRepresentationReader"/> for the rules.</summary>
    public static SchemaDefinition ParseSchema(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SchemaRepresentationReader.Read(json);
    }

    private static JsonNode? ReadFile(string path, string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: FileOptions);
        }
        catch (JsonException error)
        {
            throw new InvalidOperationException($"Custom schema file '{file}' is not valid JSON: {error.Message}", error);
        }
    }

    private static IEnumerable<JsonObject> Representations(JsonNode? root, string file)
    {
        var items = root switch
        {
            JsonArray array => array,
            JsonObject obj when SchemaRepresentationReader.Find(obj, "Resources") is JsonArray resources => resources,
            JsonObject obj => [obj],
            _ => throw new InvalidOperationException(
                $"Custom schema file '{file}' must hold a JSON object, an array of objects or a ListResponse; got {SchemaRepresentationReader.Shown(root)}."),
        };
        foreach (var item in items)
        {
            yield return item as JsonObject ?? throw new InvalidOperationException(
                $"Custom schema file '{file}': every representation must be a JSON object; got {SchemaRepresentationReader.Shown(item)}.");
        }
    }

    private static bool IsResourceType(JsonObject json, string file)
    {
        var declared = SchemaRepresentationReader.Find(json, "schemas") is JsonArray schemas
            ? schemas.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList()
            : [];
        if (declared.Contains(ScimSchemaIds.ResourceType, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (declared.Contains(ScimSchemaIds.Schema, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (SchemaRepresentationReader.Find(json, "attributes") is not null)
        {
            return false;
        }

        return SchemaRepresentationReader.Find(json, "endpoint") is not null
            ? true
            : throw new InvalidOperationException(
                $"Custom schema file '{file}': a representation is neither a schema nor a resource type; list "
                + $"'{ScimSchemaIds.Schema}' or '{ScimSchemaIds.ResourceType}' in its 'schemas'.");
    }

    private static ResourceTypeDefinition ReadResourceType(
        JsonObject json, Dictionary<string, (SchemaDefinition Schema, string Source)> schemas)
    {
        var name = SchemaRepresentationReader.OptionalString(json, "name", "resource type")
            ?? SchemaRepresentationReader.OptionalString(json, "id", "resource type");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidOperationException("a resource type needs a 'name'.");
        }

        var where = $"resource type '{name}'";
        var endpoint = SchemaRepresentationReader.OptionalString(json, "endpoint", where);
        if (string.IsNullOrWhiteSpace(endpoint) || endpoint.Trim('/').Length == 0 || endpoint.Contains('?', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{where}: 'endpoint' must be a path such as '/Devices'; got '{endpoint}'.");
        }

        var coreId = SchemaRepresentationReader.OptionalString(json, "schema", where)
            ?? throw new InvalidOperationException($"{where}: 'schema' must name the URN of its core schema.");
        var core = Known(coreId, schemas, where, "schema");
        var reserved = core.Attributes.FirstOrDefault(a => ReservedCoreAttributes.Contains(a.Name, StringComparer.OrdinalIgnoreCase));
        if (reserved is not null)
        {
            throw new InvalidOperationException(
                $"{where}: its core schema '{core.Id}' declares '{reserved.Name}', which every resource already has (RFC 7643 §3.1); remove it from the schema.");
        }

        var extensions = new List<SchemaExtension>();
        var declared = SchemaRepresentationReader.Find(json, "schemaExtensions");
        if (declared is not null and not JsonArray)
        {
            throw new InvalidOperationException($"{where}: 'schemaExtensions' must be an array of {{\"schema\": URN, \"required\": bool}}.");
        }

        foreach (var item in declared as JsonArray ?? [])
        {
            if (item is not JsonObject extension)
            {
                throw new InvalidOperationException($"{where}: every 'schemaExtensions' entry must be an object; got {SchemaRepresentationReader.Shown(item)}.");
            }

            var id = SchemaRepresentationReader.OptionalString(extension, "schema", where)
                ?? throw new InvalidOperationException($"{where}: a 'schemaExtensions' entry has no 'schema'.");
            var schema = Known(id, schemas, where, "schemaExtensions");
            if (ReferenceEquals(schema, core) || extensions.Any(e => ReferenceEquals(e.Schema, schema)))
            {
                throw new InvalidOperationException($"{where}: schema '{schema.Id}' is used twice.");
            }

            var required = SchemaRepresentationReader.Find(extension, "required") switch
            {
                null => false,
                JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
                JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
                var other => throw new InvalidOperationException(
                    $"{where}: 'required' of extension '{schema.Id}' must be true or false; got {SchemaRepresentationReader.Shown(other)}."),
            };
            extensions.Add(new SchemaExtension(schema, required));
        }

        var description = SchemaRepresentationReader.OptionalString(json, "description", where) ?? name;
        return new ResourceTypeDefinition(name, "/" + endpoint.Trim('/'), description, core, extensions);
    }

    private static SchemaDefinition Known(
        string id, Dictionary<string, (SchemaDefinition Schema, string Source)> schemas, string where, string key) =>
        schemas.TryGetValue(id, out var found)
            ? found.Schema
            : throw new InvalidOperationException(
                $"{where}: '{key}' names '{id}', which is neither a built-in schema nor defined in a file of the folder.");

    private static T InFile<T>(string file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidOperationException($"Custom schema file '{file}': {error.Message}", error);
        }
    }

    private static string Origin(string source) => source == "built in" ? "it is built in" : $"in '{source}'";
}
