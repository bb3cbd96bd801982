using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Schema;

namespace Scim.Api.Core.Patch;

/// <summary>
/// RFC 7644 §3.5.2.2: an operation that removes or unassigns a required attribute fails with
/// <c>mutability</c>. Checked around each operation, so the error names the operation that did it.
/// </summary>
internal static class RequiredAttributes
{
    public static List<ResolvedAttribute> Present(ResourceDocument document) =>
        [.. All(document.Type).Where(attribute => HasValue(document.Get(attribute)))];

    public static void EnsureStillPresent(ResourceDocument document, List<ResolvedAttribute> presentBefore)
    {
        foreach (var attribute in presentBefore)
        {
            if (!HasValue(document.Get(attribute)))
            {
                throw ScimException.Mutability(
                    $"'{attribute.CanonicalText}' is required: it can be replaced but not removed or cleared.");
            }
        }
    }

    private static IEnumerable<ResolvedAttribute> All(ResourceTypeDefinition type)
    {
        foreach (var definition in type.Schema.Attributes.Where(a => a.Required))
        {
            yield return new ResolvedAttribute { Schema = type.Schema, Name = definition.Name, Definition = definition };
        }

        foreach (var extension in type.Extensions)
        {
            if (extension.Required)
            {
                yield return new ResolvedAttribute { Schema = extension.Schema, ExtensionUrn = extension.Schema.Id };
            }

            foreach (var definition in extension.Schema.Attributes.Where(a => a.Required))
            {
                yield return new ResolvedAttribute
                {
                    Schema = extension.Schema, ExtensionUrn = extension.Schema.Id, Name = definition.Name, Definition = definition,
                };
            }
        }
    }

    private static bool HasValue(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue text when text.TryGetValue<string>(out var s) => s.Length > 0,
        _ => true,
    };
}
