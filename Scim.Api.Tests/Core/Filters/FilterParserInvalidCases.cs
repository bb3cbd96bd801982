namespace Scim.Api.Tests.Core.Filters;

/// <summary>Invalid filters, the 1-based position the error must name, and a fragment of its detail.</summary>
internal static class FilterParserInvalidCases
{
    public static readonly Dictionary<string, (int Position, string Fragment)> Cases = new(StringComparer.Ordinal)
    {
        [""] = (1, "empty"),
        ["   "] = (4, "empty"),
        ["userName"] = (9, "expected an operator"),
        ["userName eq"] = (12, "Missing value"),
        ["userName eq   "] = (15, "Missing value"),
        ["userName xx \"a\""] = (10, "Unknown operator 'xx'"),
        ["userName Equals \"x\""] = (10, "Unknown operator 'Equals'"),
        ["userName eq \"abc"] = (13, "Unterminated string"),
        ["userName eq \"abc\\"] = (13, "Unterminated string"),
        ["userName eq \"a\\qb\""] = (15, "Invalid escape '\\q'"),
        ["userName eq \"\\u12\""] = (14, "four hexadecimal digits"),
        ["userName eq \"\\u12G4\""] = (14, "four hexadecimal digits"),
        ["userName eq \"x\" extra"] = (17, "Unexpected 'extra'"),
        ["userName eq \"x\" userName eq \"y\""] = (17, "Unexpected 'userName'"),
        ["userName eq \"x\" && b eq 1"] = (17, "Unexpected '&&'"),
        ["userName eq \"x\")"] = (16, "Unexpected ')'"),
        ["a eq 1 or b eq 2)"] = (17, "Unexpected ')'"),
        ["(userName eq \"x\""] = (17, "expected ')'"),
        ["a eq 1 and (b eq 2 or c eq 3"] = (29, "expected ')' to close the '(' at position 12"),
        ["not (a pr"] = (10, "expected ')'"),
        ["()"] = (2, "Unexpected ')'"),
        [")"] = (1, "Unexpected ')'"),
        ["userName eq \"x\" and"] = (20, "expected an attribute path"),
        ["userName eq \"x\" or"] = (19, "expected an attribute path"),
        ["userName eq \"x\" AND"] = (20, "Unexpected end of the filter"),
        ["userName eq \"x\" and ("] = (22, "expected an attribute path"),
        ["userName eq \"x\" and and"] = (24, "expected an operator"),
        ["and userName eq \"x\""] = (5, "Unknown operator 'userName'"),
        ["not userName eq \"x\""] = (5, "Expected '(' after 'not'"),
        ["not"] = (4, "Expected '(' after 'not'"),
        ["userName eq \"x\" and not"] = (24, "Expected '(' after 'not'"),
        ["not (a eq 1) b eq 2"] = (14, "Unexpected 'b'"),
        ["emails[type eq \"work\""] = (22, "expected ']' to close the '[' at position 7"),
        ["emails[]"] = (8, "Unexpected ']'"),
        ["emails[type[value eq 1] eq 1]"] = (12, "cannot be nested"),
        ["emails[type eq 1 and x[value eq 1]]"] = (23, "cannot be nested"),
        ["emails[type eq \"work\"]]"] = (23, "Unexpected ']'"),
        ["emails[type eq \"work\")"] = (22, "expected 'and', 'or' or ']'"),
        ["(emails[type eq \"work\"]"] = (24, "expected ')'"),
        ["[type eq 1]"] = (1, "Unexpected '['"),
        ["\"userName\" eq \"x\""] = (1, "Unexpected '\"'"),
        ["userName pr pr"] = (13, "Unexpected 'pr'"),
        ["userName eq ("] = (13, "expected a value after 'eq'"),
        ["userName eq ]"] = (13, "expected a value after 'eq'"),
        ["userName eq \"x\" and ()"] = (22, "Unexpected ')'"),
        ["userName eq 1e999"] = (13, "out of range"),
        ["userName eq -1e40"] = (13, "out of range"),
        ["a eq \"x\"y"] = (9, "Unexpected 'y'"),
        ["userName\"x\" eq 1"] = (9, "expected an operator"),
        [".sub eq 1"] = (1, "attribute name before '.' is missing"),
        ["name..familyName eq 1"] = (1, "Invalid attribute path 'name..familyName'"),
        ["name.familyName.x eq 1"] = (1, "at most one sub-attribute"),
        ["name. eq 1"] = (1, "sub-attribute name after '.' is missing"),
        ["1abc eq 1"] = (1, "'1abc' is not an attribute name"),
        ["urn: eq 1"] = (1, "needs a schema URN"),
        ["urn:x eq 1"] = (1, "needs a schema URN"),
        ["urn:ietf:params:scim:schemas:core:2.0:User: eq 1"] = (1, "attribute name is missing"),
        ["foo:bar eq 1"] = (1, "'foo:bar' is not an attribute name"),
        ["user name eq \"x\""] = (6, "Unknown operator 'name'"),
        ["émail eq 1"] = (1, "is not an attribute name"),
        ["a\u0000b eq 1"] = (1, "\\u0000"),
        ["a eq 1 and b\u00a0eq 1"] = (12, "Invalid attribute path"),
        ["userName eq \"x\" and b eq"] = (25, "Missing value"),
        ["userName eq \"x\" or (b eq 1) )"] = (29, "Unexpected ')'"),
        ["a eq 1 and or b pr"] = (15, "Unknown operator 'b'"),
        ["emails[type eq \"work\"].value"] = (29, "expected an operator"),
        ["emails[type eq \"work\"]."] = (24, "sub-attribute name after '.'"),
        ["emails[type eq \"work\"].value xx \"a\""] = (30, "Unknown operator 'xx'"),
        ["emails[type eq \"work\"] eq"] = (26, "Missing value"),
        ["emails[type eq \"work\"].value.x eq 1"] = (24, "Invalid sub-attribute"),
        ["emails[type eq \"work\"].value eq 1 eq 2"] = (35, "Unexpected 'eq'"),
    };

    /// <summary>Filters only strict parsing rejects (lenient parsing reads the bare words as strings).</summary>
    public static readonly Dictionary<string, (int Position, string Fragment)> StrictOnly = new(StringComparer.Ordinal)
    {
        ["userName sw O"] = (13, "Unquoted value 'O'"),
        ["externalId eq jyoung"] = (15, "Unquoted value 'jyoung'"),
        ["meta.created gt 2015-10-10T14:38:21.8617979-07:00"] = (17, "Unquoted value"),
        ["emails.Value co example.com"] = (17, "Unquoted value 'example.com'"),
        ["userName eq 0123"] = (13, "Unquoted value '0123'"),
        ["userName eq eq"] = (13, "Unquoted value 'eq'"),
        ["a eq \"x\ny\""] = (8, "control character"),
        ["a eq \"tab\there\""] = (10, "control character"),

        // A comparison after a value filter: Entra's "emails[type eq \"work\"].value eq …" and the tutorial's short form.
        ["emails[type eq \"work\"].value eq \"x\""] = (23, "Unexpected '.value'"),
        ["emails[type eq \"work\"] eq \"x\""] = (24, "Unexpected 'eq'"),
        ["emails[type eq \"work\"] pr"] = (24, "Unexpected 'pr'"),
    };

    public static TheoryData<string> Texts => [.. Cases.Keys];

    public static TheoryData<string> StrictOnlyTexts => [.. StrictOnly.Keys];
}
