using System.Text.Json.Nodes;
using Scim.Api.Core.Compatibility;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Core.Patch;

/// <summary>
/// Splits a PATCH on a resource with a multi-valued <c>members</c> attribute into document operations and a
/// membership delta, so that adding or removing members never reads the member list.
/// </summary>
public static class MembershipPatchPlanner
{
    private enum KeyKind
    {
        Other,
        Members,
        MembersPart,
    }

    public static MembershipPatchPlan Plan(PatchRequest request, ResourceTypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(type);

        if (MembersAttribute(type) is not { } members)
        {
            return new MembershipPatchPlan(request, null, false);
        }

        var delta = new MembershipDeltaBuilder();
        var documentOperations = new List<PatchOperation>();
        foreach (var operation in request.Operations)
        {
            var planned = operation.Path is null
                ? PlanPathless(operation, members, type, delta, documentOperations)
                : PlanWithPath(operation, members, type, delta, documentOperations);
            if (!planned)
            {
                return new MembershipPatchPlan(request, null, true);
            }
        }

        return new MembershipPatchPlan(
            new PatchRequest(documentOperations), delta.HasOperations ? delta.Build() : null, false);
    }

    private static ResolvedAttribute? MembersAttribute(ResourceTypeDefinition type) =>
        type.MembersAttribute is { } definition
            ? new ResolvedAttribute { Schema = type.Schema, Name = definition.Name, Definition = definition }
            : null;

    // Returns false when the operation needs the current member list.
    private static bool PlanWithPath(
        PatchOperation operation, ResolvedAttribute members, ResourceTypeDefinition type,
        MembershipDeltaBuilder delta, List<PatchOperation> documentOperations)
    {
        var path = operation.Path!;
        var resolved = type.Resolve(path.Attribute);
        if (!IsMembers(resolved, members, allowSubAttribute: true))
        {
            documentOperations.Add(operation);
            return true;
        }

        if (resolved!.SubAttributeName is not null)
        {
            return false;
        }

        if (path.ValueFilter is not null)
        {
            var ids = new List<string>();
            if (operation.Op != PatchOperationType.Remove || !CollectValueEqualities(path.ValueFilter, ids))
            {
                return false;
            }

            ids.ForEach(delta.Remove);
            return true;
        }

        return PlanWholeMembers(operation.Op, operation.Value, members, type, delta);
    }

    private static bool PlanWholeMembers(
        PatchOperationType op, JsonNode? value, ResolvedAttribute members, ResourceTypeDefinition type, MembershipDeltaBuilder delta)
    {
        if (op == PatchOperationType.Remove && value is null)
        {
            delta.RemoveAll();
            return true;
        }

        if (op != PatchOperationType.Remove && IdpCompatibility.IsClearingValue(value))
        {
            delta.RemoveAll();
            return true;
        }

        var given = PatchValues.ForElements(value, members, type);
        if (op == PatchOperationType.Remove)
        {
            // Entra: {"op":"Remove","path":"members","value":[{"value":"<id>"}]} removes exactly those members.
            var references = given.Select(MemberReferences.TryFrom).ToList();
            if (references.Exists(reference => reference is null))
            {
                return false;
            }

            references.ForEach(reference => delta.Remove(reference!.Value));
            delta.Touch();
            return true;
        }

        if (op == PatchOperationType.Replace)
        {
            delta.RemoveAll();
        }

        foreach (var member in given)
        {
            delta.Add(MemberReferences.From(member));
        }

        delta.Touch();
        return true;
    }

    private static bool PlanPathless(
        PatchOperation operation, ResolvedAttribute members, ResourceTypeDefinition type,
        MembershipDeltaBuilder delta, List<PatchOperation> documentOperations)
    {
        if (operation.Op == PatchOperationType.Remove || operation.Value is not JsonObject value)
        {
            documentOperations.Add(operation);
            return true;
        }

        var rest = new JsonObject();
        JsonNode? memberValue = null;
        var hasMembers = false;
        foreach (var (key, item) in value)
        {
            switch (ClassifyKey(key, members, type))
            {
                case KeyKind.Members:
                    hasMembers = true;
                    memberValue = item;
                    break;
                case KeyKind.MembersPart:
                    return false;
                default:
                    rest[key] = item?.DeepClone();
                    break;
            }
        }

        if (!hasMembers)
        {
            documentOperations.Add(operation);
            return true;
        }

        if (rest.Count > 0)
        {
            documentOperations.Add(operation with { Value = rest });
        }

        return PlanWholeMembers(operation.Op, memberValue, members, type, delta);
    }

    private static KeyKind ClassifyKey(string key, ResolvedAttribute members, ResourceTypeDefinition type)
    {
        if (type.FindSchema(key) is { } schema)
        {
            // Core attributes nested under the core schema URN: rare enough to take the general path.
            return ReferenceEquals(schema, type.Schema) ? KeyKind.MembersPart : KeyKind.Other;
        }

        if (!IdpCompatibility.IsPathShapedKey(key))
        {
            return IsMembers(type.Resolve(AttributePath.Of(key)), members, allowSubAttribute: false) ? KeyKind.Members : KeyKind.Other;
        }

        ScimPath path;
        try
        {
            path = ScimPathParser.Parse(key);
        }
        catch (ScimException)
        {
            // Not a path: the engine reports it when it applies the document operations.
            return KeyKind.Other;
        }

        var resolved = type.Resolve(path.Attribute);
        if (!IsMembers(resolved, members, allowSubAttribute: true))
        {
            return KeyKind.Other;
        }

        return path.ValueFilter is null && resolved!.SubAttributeName is null ? KeyKind.Members : KeyKind.MembersPart;
    }

    private static bool IsMembers(ResolvedAttribute? resolved, ResolvedAttribute members, bool allowSubAttribute) =>
        resolved is { ExtensionUrn: null } && ReferenceEquals(resolved.Definition, members.Definition)
        && (allowSubAttribute || resolved.SubAttributeName is null);

    // members[value eq "a" or value eq "b"]: the ids of the members the filter selects, when it says nothing else.
    private static bool CollectValueEqualities(Filter filter, List<string> ids)
    {
        switch (filter)
        {
            case OrFilter or:
                return CollectValueEqualities(or.Left, ids) && CollectValueEqualities(or.Right, ids);
            case ComparisonFilter { Operator: ComparisonOperator.Equal, Value: StringValue id } comparison
                when IsValueAttribute(comparison.Path):
                ids.Add(id.Value);
                return true;
            default:
                return false;
        }
    }

    private static bool IsValueAttribute(AttributePath path) =>
        path.SchemaUrn is null
        && ((path.SubAttribute is null && string.Equals(path.Name, "value", StringComparison.OrdinalIgnoreCase))
            || (string.Equals(path.Name, ResourceTypeDefinition.Members, StringComparison.OrdinalIgnoreCase)
                && string.Equals(path.SubAttribute, "value", StringComparison.OrdinalIgnoreCase)));
}
