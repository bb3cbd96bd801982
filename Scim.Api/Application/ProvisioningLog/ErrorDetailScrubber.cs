using System.Text;
using Scim.Api.Core.Schema;

namespace Scim.Api.Application.ProvisioningLog;

/// <summary>
/// Makes an error detail fit for the provisioning log, which keeps no attribute values and no filter values (the
/// privacy rules of the logs). Details quote what they are about: attribute names and paths, but also values
/// ("A User with userName 'ada@example.com' already exists", a filter's operand, an id). Every quoted text, in single
/// or double quotes, is replaced by '…' unless it is made only of names this service defines (attribute and
/// sub-attribute names, schema URNs, resource types, the protocol's own words), so a value is never kept even when
/// nobody foresaw the message that quotes it. The one detail that shows an operand unquoted (a filter comparing with a
/// number or a boolean) loses the operand too. The result is cut to <see cref="Core.Activity.RequestLogEntry.MaxDetailLength"/>.
/// </summary>
internal sealed class ErrorDetailScrubber
{
    public const string Elided = "…";

    private static readonly string[] ProtocolWords =
    [
        "schemas", "Operations", "op", "path", "value", "add", "replace", "remove", "id", "meta", "externalId", "members", "groups",
        "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "and", "or", "not", "null", "true", "false", "(", ")", "[", "]",
        "startIndex", "count", "filter", "sortBy", "sortOrder", "attributes", "excludedAttributes", "cursor", "bulkId", "method",
        "data", "version", "Resources", "$ref", "display", "type", "primary",
    ];

    private static readonly string[] MessageUrns =
    [
        ScimSchemaIds.ListResponse, ScimSchemaIds.SearchRequest, ScimSchemaIds.PatchOp, ScimSchemaIds.BulkRequest,
        ScimSchemaIds.User, ScimSchemaIds.Group, ScimSchemaIds.EnterpriseUser,
    ];

    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _urns;

    public ErrorDetailScrubber(SchemaRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _names.UnionWith(ProtocolWords);
        _urns = [.. registry.Schemas.Select(schema => schema.Id).Concat(MessageUrns).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(urn => urn.Length)];
        _names.UnionWith(_urns);
        foreach (var type in registry.ResourceTypes)
        {
            _names.Add(type.Name);
            _names.Add(type.Endpoint.Trim('/'));
        }

        foreach (var schema in registry.Schemas)
        {
            AddNames(schema.Attributes);
        }
    }

    public string? Scrub(string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return detail;
        }

        var result = new StringBuilder(detail.Length);
        var i = 0;
        while (i < detail.Length)
        {
            var c = detail[i];
            var close = c is '\'' or '"' ? detail.IndexOf(c, i + 1) : -1;
            if (close > i)
            {
                var quoted = detail[(i + 1)..close];
                result.Append(c).Append(IsOnlyNames(quoted) ? quoted : Elided).Append(c);
                i = close + 1;
                continue;
            }

            if (c is '\'' or '"')
            {
                // An unclosed quote: everything after it may be a value.
                result.Append(c).Append(Elided);
                break;
            }

            result.Append(c);
            i++;
        }

        var scrubbed = ElideUnquotedOperand(result.ToString());
        return scrubbed.Length <= Core.Activity.RequestLogEntry.MaxDetailLength
            ? scrubbed
            : string.Concat(scrubbed.AsSpan(0, Core.Activity.RequestLogEntry.MaxDetailLength - 1), Elided);
    }

    private bool IsOnlyNames(string text)
    {
        if (text.Length == 0 || text.Length > 200)
        {
            return text.Length == 0;
        }

        if (_names.Contains(text))
        {
            return true;
        }

        var rest = text;
        foreach (var urn in _urns)
        {
            if (rest.StartsWith(urn + ":", StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[(urn.Length + 1)..];
                break;
            }
        }

        return rest.Split('.').All(part => part.Length > 0 && _names.Contains(part));
    }

    // "… cannot be compared with 42; expected …": the only detail that prints an operand without quotes.
    private static string ElideUnquotedOperand(string detail)
    {
        const string Marker = "compared with ";
        var at = detail.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return detail;
        }

        var start = at + Marker.Length;
        if (start < detail.Length && detail[start] is '\'' or '"')
        {
            return detail;
        }

        var end = detail.IndexOfAny([';', ','], start);
        return string.Concat(detail.AsSpan(0, start), Elided, end < 0 ? "" : detail[end..]);
    }

    private void AddNames(IEnumerable<AttributeDefinition> attributes)
    {
        foreach (var attribute in attributes)
        {
            _names.Add(attribute.Name);
            AddNames(attribute.SubAttributes);
        }
    }
}
