using System.Text.Json.Nodes;
using Scim.Api.Core.Schema;

namespace Scim.Api.Application.Audit;

/// <summary>
/// Which attributes a write changed, by name: top-level attributes by their canonical name, attributes of an
/// extension as <c>urn:…:name</c> (RFC 7643 §3.3), so a record says "manager changed" rather than "the enterprise
/// extension changed". <c>schemas</c>, <c>id</c> and <c>meta</c> are bookkeeping, not changes.
/// </summary>
internal static class AuditChanges
{
    public const string MembersAttribute = ResourceTypeDefinition.Members;

    public static List<string> Between(ResourceTypeDefinition type, JsonObject? before, JsonObject? after)
    {
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in NamesOf(before, after))
        {
            if (IsBookkeeping(name))
            {
                continue;
            }

            var old = before?[name];
            var now = after?[name];
            if (type.IsExtensionUrn(name) && type.FindSchema(name) is { } extension)
            {
                foreach (var attribute in NamesOf(old as JsonObject, now as JsonObject))
                {
                    if (!JsonNode.DeepEquals((old as JsonObject)?[attribute], (now as JsonObject)?[attribute]))
                    {
                        changed.Add($"{extension.Id}:{extension.FindAttribute(attribute)?.Name ?? attribute}");
                    }
                }

                if (old is not JsonObject && now is not JsonObject && !JsonNode.DeepEquals(old, now))
                {
                    changed.Add(extension.Id);
                }
            }
            else if (!JsonNode.DeepEquals(old, now))
            {
                changed.Add(type.Schema.FindAttribute(name)?.Name ?? name);
            }
        }

        return [.. changed];
    }

    /// <summary>
    /// The new value of each changed attribute (null when it was removed), leaving out what must never be
    /// recorded: write-only and never-returned attributes (RFC 7643 §7), such as the password hash.
    /// </summary>
    public static JsonObject ValuesOf(ResourceTypeDefinition type, IEnumerable<string> changed, JsonObject? after)
    {
        var values = new JsonObject();
        foreach (var name in changed)
        {
            if (name == MembersAttribute && type.HasMembers)
            {
                continue;
            }

            var (definition, value) = Locate(type, name, after);
            if (definition is { Mutability: Mutability.WriteOnly } or { Returned: Returned.Never })
            {
                continue;
            }

            values[name] = value?.DeepClone();
        }

        return values;
    }

    private static (AttributeDefinition? Definition, JsonNode? Value) Locate(ResourceTypeDefinition type, string name, JsonObject? document)
    {
        foreach (var extension in type.Extensions)
        {
            var prefix = extension.Schema.Id + ":";
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var attribute = name[prefix.Length..];
                var container = FindCaseInsensitive(document, extension.Schema.Id) as JsonObject;
                return (extension.Schema.FindAttribute(attribute), FindCaseInsensitive(container, attribute));
            }
        }

        return (type.Schema.FindAttribute(name), FindCaseInsensitive(document, name));
    }

    private static JsonNode? FindCaseInsensitive(JsonObject? document, string name)
    {
        if (document is null)
        {
            return null;
        }

        foreach (var (key, value) in document)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static IEnumerable<string> NamesOf(JsonObject? before, JsonObject? after) =>
        (before?.Select(p => p.Key) ?? []).Concat(after?.Select(p => p.Key) ?? []).Distinct(StringComparer.Ordinal);

    private static bool IsBookkeeping(string name) =>
        name.Equals(CommonAttributes.Schemas, StringComparison.OrdinalIgnoreCase)
        || name.Equals(CommonAttributes.Id, StringComparison.OrdinalIgnoreCase)
        || name.Equals(CommonAttributes.Meta, StringComparison.OrdinalIgnoreCase);
}
