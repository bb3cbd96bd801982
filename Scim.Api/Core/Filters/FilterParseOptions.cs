namespace Scim.Api.Core.Filters;

/// <summary>
/// How forgiving <see cref="FilterParser"/> is. Lenient parsing (the default) reads an unquoted word where a value
/// is expected as a string, because Microsoft's SCIM test collection and the Entra documentation send filters such
/// as <c>userName sw O</c> and <c>externalId eq jyoung</c>. Strict parsing follows RFC 7644 §3.4.2.2 to the letter.
/// </summary>
public sealed record FilterParseOptions(bool Lenient = true)
{
    public static readonly FilterParseOptions Default = new();

    public static readonly FilterParseOptions Strict = new(false);
}
