using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Projection;

/// <summary>
/// Shapes a resource for output (RFC 7643 §2.4 "returned", RFC 7644 §3.9):
/// <list type="bullet">
/// <item>"always" (id) is returned whatever the selection and cannot be excluded; "schemas" is always returned.</item>
/// <item>"never" (password) is never returned, even when named.</item>
/// <item>"default" (most attributes, meta included) is returned unless excluded or another attribute list is asked for.</item>
/// <item>"request" is returned only when named in <c>attributes</c>.</item>
/// </list>
/// With <c>attributes</c> only the named attributes (and "always" ones) are returned; naming a sub-attribute returns the
/// parent with that sub-attribute only; a value filter keeps only the matching values. With <c>excludedAttributes</c>,
/// everything returned by default except what is named. An extension object left empty is removed and "schemas" lists
/// the core schema and the extensions still present. The input is never modified.
/// </summary>
public static class ResourceProjector
{
    public static JsonObject Project(JsonObject resource, ResourceTypeDefinition type, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(selection);
        var schemas = new JsonArray(type.Schema.Id);
        var output = new JsonObject { [CommonAttributes.Schemas] = schemas };
        foreach (var (key, value) in resource)
        {
            if (value is null || string.Equals(key, CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (type.IsExtensionUrn(key))
            {
                if (ProjectExtension(key, value, type, selection) is { } extension)
                {
                    var urn = type.FindSchema(key)?.Id ?? key;
                    schemas.Add(urn);
                    output[urn] = extension;
                }
            }
            else
            {
                var definition = type.Schema.FindAttribute(key) ?? CommonAttributes.Schema.FindAttribute(key);
                var name = definition?.Name ?? key;
                if (ProjectAttribute(value, new AttributeScope(null, name, definition, type), selection) is { } projected)
                {
                    output[name] = projected;
                }
            }
        }

        return output;
    }

    /// <summary>
    /// <see cref="Project"/> for a resource the caller gives up: with the default selection it is reshaped in place
    /// and returned, saving a copy of every value; any other selection is projected into a new object as usual.
    /// </summary>
    public static JsonObject ProjectOwned(JsonObject resource, ResourceTypeDefinition type, AttributeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(selection);
        return selection.Mode == SelectionMode.Default && InPlaceDefaultProjection.TryApply(resource, type)
            ? resource
            : Project(resource, type, selection);
    }

    private static JsonObject? ProjectExtension(string key, JsonNode value, ResourceTypeDefinition type, AttributeSelection selection)
    {
        var schema = type.FindSchema(key);
        var urn = schema?.Id ?? key;
        if (value is not JsonObject content)
        {
            // Normalized documents hold objects under extension URNs; anything else is not a SCIM value.
            return null;
        }

        var result = new JsonObject();
        foreach (var (name, attributeValue) in content)
        {
            if (attributeValue is null)
            {
                continue;
            }

            var definition = schema?.FindAttribute(name);
            var canonical = definition?.Name ?? name;
            if (ProjectAttribute(attributeValue, new AttributeScope(urn, canonical, definition, type), selection) is { } projected)
            {
                result[canonical] = projected;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonNode? ProjectAttribute(JsonNode value, AttributeScope scope, AttributeSelection selection)
    {
        var returned = scope.Definition?.Returned ?? Returned.Default;
        if (returned == Returned.Never)
        {
            return null;
        }

        if (returned == Returned.Always)
        {
            return ValueProjection.Project(value, scope, [], SelectionMode.Default);
        }

        IReadOnlyList<SelectedPath> paths = selection.Paths.Count == 0 ? [] : selection.Paths.Where(scope.Matches).ToList();
        return selection.Mode switch
        {
            SelectionMode.Include when paths.Count > 0 => ValueProjection.Project(value, scope, paths, SelectionMode.Include),
            SelectionMode.Exclude when returned != Returned.Request && !paths.Any(p => p.IsWhole) =>
                ValueProjection.Project(value, scope, paths, SelectionMode.Exclude),
            SelectionMode.Default when returned != Returned.Request => ValueProjection.Project(value, scope, [], SelectionMode.Default),
            _ => null,
        };
    }
}
