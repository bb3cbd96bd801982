using Scim.Api.Core.Errors;

namespace Scim.Api.Core.Filters;

/// <summary>
/// Parses the filter language of RFC 7644 §3.4.2.2 into a <see cref="Filter"/> tree.
/// Precedence is <c>not</c> over <c>and</c> over <c>or</c>; <c>and</c> and <c>or</c> associate to the left.
/// Operators, keywords and literals are case-insensitive; attribute names are kept as written
/// (<see cref="FilterResolver"/> maps them to the schema). Spaces, tabs and line breaks separate tokens.
/// When <see cref="FilterParseOptions.Lenient"/>, an unquoted word where a value is expected is a string unless it is
/// <c>true</c>, <c>false</c>, <c>null</c> (any case) or a JSON number; such a word ends at whitespace, a parenthesis,
/// a bracket or a double quote. Every syntax error is a
/// <see cref="ScimException"/> with status 400 and scimType <c>invalidFilter</c>; its detail gives the
/// 1-based character position in the filter text where the problem was found, and what was expected there.
/// </summary>
public static class FilterParser
{
    /// <summary>The deepest nesting of parentheses, <c>not (…)</c> and value filters <c>[…]</c> accepted.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>The most <c>and</c>, <c>or</c> and <c>not</c> operators one filter may contain.</summary>
    public const int MaxLogicalOperators = 1000;

    public static Filter Parse(string text, FilterParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new FilterSyntaxReader(text, (options ?? FilterParseOptions.Default).Lenient, "filter", ScimException.InvalidFilter);
        return reader.ReadWholeFilter();
    }
}
