using Scim.Api.Core.Errors;
using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Projection;

/// <summary>Reads one entry of an attribute list as a SCIM path (RFC 7644 §3.10 attrPath).</summary>
internal static class SelectionPathReader
{
    public static ScimPath Read(string entry)
    {
        if (entry.Contains('[', StringComparison.Ordinal))
        {
            throw ScimException.InvalidPath("value filters in attribute lists are not supported by this build");
        }

        string? urn = null;
        var rest = entry;
        if (entry.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            var colon = entry.LastIndexOf(':');
            urn = entry[..colon];
            rest = entry[(colon + 1)..];
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? rest : rest[..dot];
        var sub = dot < 0 ? null : rest[(dot + 1)..];
        RequireName(name, entry);
        if (sub is not null)
        {
            RequireName(sub, entry);
        }

        return new ScimPath(urn, name, null, sub);
    }

    private static void RequireName(string name, string entry)
    {
        var valid = name.Length > 0
            && (char.IsAsciiLetter(name[0]) || name == "$ref")
            && name.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (name == "$ref" && c is 'r' or 'e' or 'f'));
        if (!valid)
        {
            throw ScimException.InvalidPath($"'{name}' in '{entry}' is not an attribute name");
        }
    }
}
