using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Bulk;

/// <summary>The body of a POST without some references, and the PATCH body that adds them once they resolve.</summary>
public sealed record DeferredPost(JsonObject Create, JsonObject Completion);

/// <summary>
/// Breaks a circular reference the way RFC 7644 §3.7.1 describes: the resource is created without the values that
/// refer to resources not created yet, and a PATCH adds them afterwards. The unit left out is the attribute holding
/// the reference (<c>manager</c>, <c>urn:…:enterprise:2.0:User:manager</c>), or the one element of a multi-valued
/// attribute (<c>members</c>) that holds it, so the other elements are still created with the resource.
/// </summary>
public static class BulkDeferral
{
    private const string UrnPrefix = "urn:";

    /// <summary>Whether every reference to these bulkIds sits in an attribute a PATCH can add.</summary>
    public static bool CanDefer(JsonObject data, IReadOnlySet<string> bulkIds)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(bulkIds);
        return TryFindUnits(data, bulkIds, out _);
    }

    public static DeferredPost Split(JsonObject data, IReadOnlySet<string> bulkIds)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(bulkIds);
        var create = (JsonObject)data.DeepClone();
        if (!TryFindUnits(create, bulkIds, out var units))
        {
            throw BulkIdTable.Unresolvable(
                $"The references to {Describe(bulkIds)} are not in attributes that can be added after the resource is created.");
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var unit in units.Where(u => u.Element is null))
        {
            var value = unit.Owner[unit.Key];
            unit.Owner.Remove(unit.Key);
            values[unit.Path] = value;
        }

        // Removed from the end so that the indexes of the elements still to remove stay valid.
        foreach (var unit in units.Where(u => u.Element is not null).OrderByDescending(u => u.Element))
        {
            var array = (JsonArray)unit.Owner[unit.Key]!;
            var element = array[unit.Element!.Value];
            array.RemoveAt(unit.Element.Value);
            if (values.GetValueOrDefault(unit.Path) is not JsonArray added)
            {
                added = [];
                values[unit.Path] = added;
            }

            added.Insert(0, element);
        }

        var operations = new JsonArray();
        foreach (var path in units.Select(u => u.Path).Distinct(StringComparer.Ordinal))
        {
            operations.Add(new JsonObject { ["op"] = "add", ["path"] = path, ["value"] = values[path] });
        }

        var completion = new JsonObject { [CommonAttributes.Schemas] = new JsonArray(ScimSchemaIds.PatchOp), ["Operations"] = operations };
        return new DeferredPost(create, completion);
    }

    private sealed record Unit(string Path, JsonObject Owner, string Key, int? Element);

    private static bool TryFindUnits(JsonObject data, IReadOnlySet<string> bulkIds, out List<Unit> units)
    {
        units = [];
        foreach (var (key, value) in data)
        {
            if (!Refers(value, bulkIds))
            {
                continue;
            }

            if (key.StartsWith(UrnPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (value is not JsonObject extension)
                {
                    return false;
                }

                foreach (var (name, attribute) in extension)
                {
                    AddUnits(units, $"{key}:{name}", extension, name, attribute, bulkIds);
                }
            }
            else if (key.Equals(CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase)
                || key.Equals(CommonAttributes.Id, StringComparison.OrdinalIgnoreCase)
                || key.Equals(CommonAttributes.Meta, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            else
            {
                AddUnits(units, key, data, key, value, bulkIds);
            }
        }

        return true;
    }

    private static void AddUnits(List<Unit> units, string path, JsonObject owner, string key, JsonNode? value, IReadOnlySet<string> bulkIds)
    {
        if (value is JsonArray elements)
        {
            for (var index = 0; index < elements.Count; index++)
            {
                if (Refers(elements[index], bulkIds))
                {
                    units.Add(new Unit(path, owner, key, index));
                }
            }
        }
        else if (Refers(value, bulkIds))
        {
            units.Add(new Unit(path, owner, key, null));
        }
    }

    private static bool Refers(JsonNode? node, IReadOnlySet<string> bulkIds) => BulkReferences.InValues(node).Overlaps(bulkIds);

    private static string Describe(IReadOnlySet<string> bulkIds) =>
        string.Join(", ", bulkIds.Order(StringComparer.Ordinal).Select(b => $"'{BulkReferences.Prefix}{b}'"));
}
