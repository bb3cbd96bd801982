using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Validation;

/// <summary>
/// Turns what a client sent into the canonical document of a resource type. The rules, in the order a body meets them:
/// <list type="bullet">
/// <item>Keys are matched ignoring case (RFC 7643 §2.1) and written in their schema case, sub-attributes and extension URNs included.</item>
/// <item>readOnly attributes (id, meta, groups, manager.displayName …) are dropped; so are unknown core attributes,
/// because Microsoft's test collection sends misspelled attributes and expects them ignored.</item>
/// <item>Anything under an extension URN key is kept: declared extensions are canonicalized and type-checked,
/// undeclared ones are kept verbatim. URN-qualified keys ("urn:…:User:employeeNumber") land in their extension.</item>
/// <item>Nulls and empty arrays are removed (RFC 7643 §2.5: null means unassigned).</item>
/// <item>"schemas" is rebuilt from the core schema and the extensions present, because Entra does not list custom extensions.</item>
/// <item>IdP coercions: "True"/"False" for booleans, manager as a bare id, members as bare ids or with displayName,
/// a single value for a multi-valued attribute. Integers and decimals may arrive as strings only if the string is
/// exactly a JSON number ("42", "-3.5"); anything else ("42abc", "0x2A", " 4 2") is a type error.</item>
/// </list>
/// Type errors throw <see cref="ScimException"/> invalidValue naming the attribute and the expected type.
/// </summary>
public static class ResourceNormalizer
{
    public static JsonObject Normalize(JsonNode? body, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (body is not JsonObject obj)
        {
            throw ScimException.InvalidSyntax($"The request body must be a JSON object, got {JsonNodes.Describe(body)}.");
        }

        return DuplicateKeysAsSyntaxErrors(() =>
        {
            var document = new DocumentBuilder(type);
            foreach (var (key, value) in obj)
            {
                if (value is not null && !string.Equals(key, CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase))
                {
                    document.Add(key, value);
                }
            }

            return document.Build();
        });
    }

    /// <summary>
    /// Normalizes a value destined for one attribute (PATCH op values) with the same rules as <see cref="Normalize"/>.
    /// Returns null when nothing assignable remains: the value was null, empty, or the target is readOnly (callers
    /// that must reject writes to readOnly attributes check <see cref="AttributeDefinition.Mutability"/> first).
    /// A single value for a multi-valued target comes back as a one-element array.
    /// </summary>
    public static JsonNode? NormalizeValue(JsonNode? value, ResolvedAttribute target, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(type);
        return value is null ? null : DuplicateKeysAsSyntaxErrors(() => NormalizeTargetValue(value, target));
    }

    private static JsonNode? NormalizeTargetValue(JsonNode value, ResolvedAttribute target)
    {
        if (target.IsExtensionRoot)
        {
            var urn = target.ExtensionUrn ?? "";
            if (value is not JsonObject obj)
            {
                throw ScimException.InvalidValue($"Extension '{urn}' must be a JSON object, got {JsonNodes.Describe(value)}.");
            }

            return target.Schema is { } schema ? NormalizeExtension(obj, schema) : UndeclaredExtension(obj);
        }

        var definition = target.Target;
        if (definition is null)
        {
            return JsonNodes.CloneWithoutNulls(value);
        }

        return AttributeValueNormalizer.Normalize(value, definition, target.CanonicalText);
    }

    // A JsonNode parsed without AllowDuplicateProperties = false materializes nested objects lazily and throws
    // ArgumentException on a repeated key the first time it is read: that is the client's malformed JSON.
    private static T DuplicateKeysAsSyntaxErrors<T>(Func<T> normalize)
    {
        try
        {
            return normalize();
        }
        catch (ArgumentException error)
        {
            throw ScimException.InvalidSyntax($"The request body repeats a property name within one JSON object: {error.Message}");
        }
    }

    internal static JsonObject? NormalizeExtension(JsonObject obj, SchemaDefinition schema)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (schema.FindAttribute(key) is { } definition
                && AttributeValueNormalizer.Normalize(value, definition, $"{schema.Id}:{definition.Name}") is { } normalized)
            {
                result[definition.Name] = normalized;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonObject? UndeclaredExtension(JsonObject obj) =>
        JsonNodes.CloneWithoutNulls(obj) is JsonObject { Count: > 0 } cleaned ? cleaned : null;

    private sealed class DocumentBuilder(ResourceTypeDefinition type)
    {
        private readonly JsonObject _core = [];
        private readonly Dictionary<string, JsonObject> _extensions = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _extensionOrder = [];

        public void Add(string key, JsonNode value)
        {
            if (string.Equals(key, type.Schema.Id, StringComparison.OrdinalIgnoreCase))
            {
                // Some clients nest core attributes under the core schema URN.
                if (value is not JsonObject nested)
                {
                    throw ScimException.InvalidValue($"'{type.Schema.Id}' must be a JSON object, got {JsonNodes.Describe(value)}.");
                }

                foreach (var (innerKey, innerValue) in nested)
                {
                    if (innerValue is not null)
                    {
                        AddCore(innerKey, innerValue);
                    }
                }
            }
            else if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                AddQualified(key, value);
            }
            else
            {
                AddCore(key, value);
            }
        }

        public JsonObject Build()
        {
            var schemas = new JsonArray(type.Schema.Id);
            var document = new JsonObject { [CommonAttributes.Schemas] = schemas };
            foreach (var (key, value) in _core.ToList())
            {
                _core.Remove(key);
                document[key] = value;
            }

            var ordered = type.Extensions
                .Select(e => e.Schema.Id)
                .Where(_extensions.ContainsKey)
                .Concat(_extensionOrder.Where(urn => type.FindSchema(urn) is null));
            foreach (var urn in ordered)
            {
                var content = _extensions[urn];
                var normalized = type.FindSchema(urn) is { } schema ? NormalizeExtension(content, schema) : UndeclaredExtension(content);
                if (normalized is not null)
                {
                    schemas.Add(urn);
                    document[urn] = normalized;
                }
            }

            return document;
        }

        private void AddCore(string key, JsonNode value)
        {
            var definition = type.Schema.FindAttribute(key) ?? CommonAttributes.Schema.FindAttribute(key);
            if (definition is null)
            {
                return;
            }

            var normalized = AttributeValueNormalizer.Normalize(value, definition, definition.Name);
            if (normalized is null)
            {
                _core.Remove(definition.Name);
            }
            else
            {
                _core[definition.Name] = normalized;
            }
        }

        // A URN key is a whole extension ("urn:…:enterprise:2.0:User") or one URN-qualified attribute
        // ("urn:…:enterprise:2.0:User:employeeNumber", "urn:…:core:2.0:User:userName").
        private void AddQualified(string key, JsonNode value)
        {
            var colon = key.LastIndexOf(':');
            var resolved = type.Resolve(new AttributePath(key[..colon], key[(colon + 1)..], null));
            if (resolved is null)
            {
                return;
            }

            if (resolved.ExtensionUrn is null)
            {
                AddCore(resolved.Name ?? key, value);
            }
            else if (resolved.IsExtensionRoot || string.IsNullOrEmpty(resolved.Name) || (resolved.Schema is null && value is JsonObject))
            {
                // An undeclared URN holding an object is an extension, whatever its last segment looks like.
                var urn = resolved.IsExtensionRoot && resolved.Schema is not null ? resolved.ExtensionUrn : key;
                if (value is not JsonObject content)
                {
                    throw ScimException.InvalidValue($"Extension '{urn}' must be a JSON object, got {JsonNodes.Describe(value)}.");
                }

                var target = Extension(urn);
                foreach (var (attribute, attributeValue) in content)
                {
                    target[attribute] = attributeValue?.DeepClone();
                }
            }
            else if (resolved.Name is { } name)
            {
                Extension(resolved.ExtensionUrn)[name] = value.DeepClone();
            }
        }

        private JsonObject Extension(string urn)
        {
            if (!_extensions.TryGetValue(urn, out var content))
            {
                content = [];
                _extensions[urn] = content;
                _extensionOrder.Add(urn);
            }

            return content;
        }
    }
}
