using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Validation;

namespace Scim.Api.Core.Patch;

/// <summary>Applies a PATCH request to a resource document (RFC 7644 §3.5.2).</summary>
public static class PatchEngine
{
    /// <summary>
    /// Applies every operation, in order, to a copy of <paramref name="resource"/> (a canonical stored document)
    /// and returns the new document, normalized and validated. The request is atomic (RFC 7644 §3.5.2): when any
    /// operation fails a <see cref="ScimException"/> is thrown and <paramref name="resource"/> is left as it was.
    /// <paramref name="server"/> gives the <c>id</c> and <c>meta</c> a stored document does not hold, so that a
    /// path-less value repeating them unchanged is accepted.
    /// </summary>
    public static JsonObject Apply(JsonObject resource, PatchRequest request, ResourceTypeDefinition type, ServerAssignedValues? server = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(type);

        var document = new ResourceDocument((JsonObject)resource.DeepClone(), type, server);
        for (var index = 0; index < request.Operations.Count; index++)
        {
            var operation = request.Operations[index];
            try
            {
                ApplyOne(document, operation);
            }
            catch (ScimException error)
            {
                throw new ScimException(error.Status, error.ScimType, $"{Describe(operation, index + 1)}: {error.Detail}");
            }
        }

        var result = ResourceNormalizer.Normalize(document.Root, type);
        ResourceValidator.ValidateForWrite(result, type);
        MemberValues.EnsureEachHasAnId(result, type);
        ResourceValidator.CheckImmutable(resource, result, type);
        ReadOnlyValues.Restore(resource, result, type);
        return result;
    }

    internal static void Dispatch(ResourceDocument document, PatchOperationType op, PatchTarget target, JsonNode? value)
    {
        target = WithUndeclaredExtensionAttribute(document, op, target, value);
        target.EnsureWritable();
        switch (op)
        {
            case PatchOperationType.Add:
                AddOperation.Apply(document, target, value);
                break;
            case PatchOperationType.Replace:
                ReplaceOperation.Apply(document, target, value);
                break;
            default:
                RemoveOperation.Apply(document, target, value);
                break;
        }
    }

    // IdpCompatibility.TrySplitExtensionAttribute: "urn:…:CustomExtensionName:2.0:User:CustomAttribute" with a
    // string value is an attribute of the undeclared extension, not the extension itself.
    private static PatchTarget WithUndeclaredExtensionAttribute(
        ResourceDocument document, PatchOperationType op, PatchTarget target, JsonNode? value)
    {
        if (target is not { Shape: TargetShape.ExtensionRoot, Attribute.Schema: null, Filter: null })
        {
            return target;
        }

        var namesAnAttribute = op == PatchOperationType.Remove || IdpCompatibility.IsClearingValue(value)
            ? document.Get(target.Attribute) is not JsonObject
            : value is not JsonObject;
        return namesAnAttribute
            && IdpCompatibility.TrySplitExtensionAttribute(target.Attribute.ExtensionUrn!, out var urn, out var name)
            ? PatchTarget.ForUndeclaredAttribute(urn, name)
            : target;
    }

    private static void ApplyOne(ResourceDocument document, PatchOperation operation)
    {
        var required = RequiredAttributes.Present(document);
        if (operation.Path is null)
        {
            if (operation.Op == PatchOperationType.Remove)
            {
                throw ScimException.NoTarget("A remove operation needs a 'path' naming what to remove (RFC 7644 §3.5.2.2).");
            }

            PathlessValue.Apply(document, operation.Op, operation.Value, null);
        }
        else
        {
            Dispatch(document, operation.Op, PatchTarget.From(operation.Path, document.Type), operation.Value);
        }

        RequiredAttributes.EnsureStillPresent(document, required);
    }

    private static string Describe(PatchOperation operation, int number)
    {
        var op = operation.Op.ToString().ToLowerInvariant();
        return operation.Path is null
            ? $"Operation {number} ({op} without a path)"
            : $"Operation {number} ({op} '{PathText.Of(operation.Path)}')";
    }
}
