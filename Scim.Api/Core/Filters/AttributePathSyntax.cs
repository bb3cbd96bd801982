using Scim.Api.Core.Paths;

namespace Scim.Api.Core.Filters;

// RFC 7644 §3.10: attrPath = [URI ":"] ATTRNAME *1subAttr, ATTRNAME = ALPHA *(nameChar).
internal static class AttributePathSyntax
{
    private const string UrnPrefix = "urn:";

    /// <summary>
    /// Splits path text into URN, name and sub-attribute. Text starting with "urn:" carries a URN: everything
    /// before the last ':'. Returns null and a reason when the text is not an attribute path.
    /// </summary>
    public static AttributePath? TryParse(string text, out string problem)
    {
        string? urn = null;
        var rest = text;
        if (text.StartsWith(UrnPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var lastColon = text.LastIndexOf(':');
            if (lastColon <= UrnPrefix.Length)
            {
                problem = "a URN-qualified path needs a schema URN and then ':' and an attribute name";
                return null;
            }

            urn = text[..lastColon];
            rest = text[(lastColon + 1)..];
            if (!IsUrnText(urn))
            {
                problem = "the schema URN may contain only printable ASCII characters";
                return null;
            }
        }

        if (rest.Length == 0)
        {
            problem = "the attribute name is missing";
            return null;
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? rest : rest[..dot];
        var sub = dot < 0 ? null : rest[(dot + 1)..];
        if (!IsAttributeName(name))
        {
            problem = name.Length == 0 ? "the attribute name before '.' is missing" : NotANameProblem(name);
            return null;
        }

        if (sub is not null && !IsAttributeName(sub))
        {
            problem = sub.Length == 0 ? "the sub-attribute name after '.' is missing"
                : sub.Contains('.', StringComparison.Ordinal) ? "a path has at most one sub-attribute (name.subAttribute)"
                : NotANameProblem(sub);
            return null;
        }

        problem = "";
        return new AttributePath(urn, name, sub);
    }

    public static bool IsAttributeName(string name)
    {
        if (string.Equals(name, "$ref", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public static string NotANameProblem(string name) =>
        $"'{JsonLiteralText.Printable(name)}' is not an attribute name (a letter followed by letters, digits, '-' or '_', or '$ref')";

    private static bool IsUrnText(string urn)
    {
        foreach (var c in urn)
        {
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }
}
