using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;

namespace Scim.Api.Core.Paths;

/// <summary>
/// Parses attribute paths as PATCH (RFC 7644 §3.5.2 PATH) and projection and sorting (§3.4.2.3, §3.9) use them.
/// Text starting with "urn:" carries a schema URN: everything before the last ':'. Names are kept as written.
/// Leading and trailing whitespace is ignored. Errors are <see cref="ScimException"/>s with status 400 and
/// scimType <c>invalidPath</c> whose detail gives the 1-based character position of the problem.
/// </summary>
public static class ScimPathParser
{
    /// <summary>
    /// <c>attr</c>, <c>attr.sub</c>, <c>urn:…:attr[.sub]</c>, <c>attr[valFilter]</c> or <c>attr[valFilter].sub</c>;
    /// the value filter is parsed leniently, like a query filter, and its paths stay relative to <c>attr</c>.
    /// </summary>
    public static ScimPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FilterSyntaxReader(text, lenient: true, "path", ScimException.InvalidPath).ReadWholePath();
    }

    /// <summary><c>attr</c>, <c>attr.sub</c> or <c>urn:…:attr[.sub]</c>, without a value filter.</summary>
    public static AttributePath ParseAttributePath(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FilterSyntaxReader(text, lenient: true, "path", ScimException.InvalidPath).ReadWholeAttributePath();
    }
}
