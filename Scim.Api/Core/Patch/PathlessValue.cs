using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Json;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

/// <summary>
/// An add or replace without a path (RFC 7644 §3.5.2.1, §3.5.2.3): the value is an object of attributes, each
/// applied as if it were its own operation with that attribute as the path. Values of a whole extension
/// (the extension URN as path or as key) are handled the same way inside that extension.
/// </summary>
internal static class PathlessValue
{
    public static void Apply(ResourceDocument document, PatchOperationType op, JsonNode? value, PatchTarget? extension)
    {
        if (value is not JsonObject attributes)
        {
            var what = extension is null ? $"A path-less {Name(op)}" : $"A {Name(op)} of the extension '{extension.Text}'";
            throw ScimException.InvalidValue(
                $"{what} needs an object of attributes as its value, not {JsonNodes.Describe(value)}.");
        }

        foreach (var (key, attributeValue) in attributes)
        {
            // schemas is rebuilt from the attributes present, as on POST; an extension object may carry one too
            // (clients built on python-scim's models send {"schemas": […], "employeeNumber": …} for the extension).
            if (string.Equals(key, CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var target = ResolveKey(key, extension, document.Type);
            if (target is null)
            {
                Apply(document, op, attributeValue, null);
                continue;
            }

            if (IsUnchangedReadOnly(document, target, attributeValue))
            {
                continue;
            }

            PatchEngine.Dispatch(document, op, target, attributeValue);
        }
    }

    // Clients that echo the resource back send its read-only attributes (id, meta) unchanged; those are
    // not modifications. Any other value for them is rejected by the mutability check.
    private static bool IsUnchangedReadOnly(ResourceDocument document, PatchTarget target, JsonNode? value) =>
        target.Definition?.Mutability == Mutability.ReadOnly && target.Filter is null && target.SubAttribute is null
        && (JsonNode.DeepEquals(document.Get(target.Attribute), value)
            || (target.Attribute.ExtensionUrn is null && document.Server?.IsUnchanged(target.Attribute.Name!, value) == true));

    // A key of the value names no attribute: the value is wrong, not the operation's path (RFC 7644 §3.12).
    private static PatchTarget? ResolveKey(string key, PatchTarget? extension, ResourceTypeDefinition type)
    {
        try
        {
            return Resolve(key, extension, type);
        }
        catch (ScimException error) when (error.ScimType == ScimErrorType.InvalidPath)
        {
            throw ScimException.InvalidValue(error.Detail);
        }
    }

    /// <summary>
    /// The target of one key; null when the key is the core schema URN, whose value holds core attributes.
    /// </summary>
    private static PatchTarget? Resolve(string key, PatchTarget? extension, ResourceTypeDefinition type)
    {
        if (extension is null)
        {
            if (type.FindSchema(key) is { } schema)
            {
                return ReferenceEquals(schema, type.Schema) ? null : PatchTarget.ForExtension(schema);
            }

            return IdpCompatibility.IsPathShapedKey(key)
                ? PatchTarget.From(ParseKey(key), type)
                : PatchTarget.From(new ScimPath(null, key, null, null), type);
        }

        var urn = extension.Attribute.ExtensionUrn!;
        return IdpCompatibility.IsPathShapedKey(key)
            ? PatchTarget.From(ParseKey($"{urn}:{key}"), type)
            : PatchTarget.From(new ScimPath(urn, key, null, null), type);
    }

    private static ScimPath ParseKey(string key)
    {
        try
        {
            return ScimPathParser.Parse(key);
        }
        catch (ScimException error)
        {
            throw ScimException.InvalidValue($"The value key '{key}' is not an attribute path: {error.Detail}");
        }
    }

    private static string Name(PatchOperationType op) => op == PatchOperationType.Add ? "add" : "replace";
}
