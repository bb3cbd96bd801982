using Scim.Api.Core.Filters;
using static Scim.Api.Tests.Core.Filters.FilterTrees;

namespace Scim.Api.Tests.Core.Filters;

/// <summary>Valid filter texts and the trees the lenient parser must produce for them.</summary>
internal static class FilterParserValidCases
{
    public static readonly Dictionary<string, Filter> Cases = new(StringComparer.Ordinal)
    {
        // RFC 7644 §3.4.2.2 example filters.
        ["userName eq \"bjensen\""] = Eq("userName", "bjensen"),
        ["name.familyName co \"O'Malley\""] = Co("name.familyName", "O'Malley"),
        ["userName sw \"J\""] = Sw("userName", "J"),
        ["urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\""] = Cmp(Urn(CoreUser, "userName"), ComparisonOperator.StartsWith, "J"),
        ["title pr"] = Pr("title"),
        ["meta.lastModified gt \"2011-05-13T04:42:34Z\""] = Gt("meta.lastModified", "2011-05-13T04:42:34Z"),
        ["meta.lastModified ge \"2011-05-13T04:42:34Z\""] = Ge("meta.lastModified", "2011-05-13T04:42:34Z"),
        ["meta.lastModified lt \"2011-05-13T04:42:34Z\""] = Lt("meta.lastModified", "2011-05-13T04:42:34Z"),
        ["meta.lastModified le \"2011-05-13T04:42:34Z\""] = Le("meta.lastModified", "2011-05-13T04:42:34Z"),
        ["title pr and userType eq \"Employee\""] = And(Pr("title"), Eq("userType", "Employee")),
        ["title pr or userType eq \"Intern\""] = Or(Pr("title"), Eq("userType", "Intern")),
        ["schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\""] = Eq("schemas", Enterprise),
        ["userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")"] =
            And(Eq("userType", "Employee"), Or(Co("emails", "example.com"), Co("emails.value", "example.org"))),
        ["userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")"] =
            And(Ne("userType", "Employee"), Not(Or(Co("emails", "example.com"), Co("emails.value", "example.org")))),
        ["userType eq \"Employee\" and (emails.type eq \"work\")"] = And(Eq("userType", "Employee"), Eq("emails.type", "work")),
        ["userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]"] =
            And(Eq("userType", "Employee"), Vp("emails", And(Eq("type", "work"), Co("value", "@example.com")))),
        ["emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]"] =
            Or(Vp("emails", And(Eq("type", "work"), Co("value", "@example.com"))), Vp("ims", And(Eq("type", "xmpp"), Co("value", "@foo.com")))),

        // Every operator, in lower and upper case.
        ["userName ne \"bjensen\""] = Ne("userName", "bjensen"),
        ["userName ew \"sen\""] = Ew("userName", "sen"),
        ["userName EQ \"x\""] = Eq("userName", "x"),
        ["userName Eq \"x\""] = Eq("userName", "x"),
        ["userName NE \"x\""] = Ne("userName", "x"),
        ["userName CO \"x\""] = Co("userName", "x"),
        ["userName SW \"x\""] = Sw("userName", "x"),
        ["userName EW \"x\""] = Ew("userName", "x"),
        ["meta.created GT \"2020-01-01T00:00:00Z\""] = Gt("meta.created", "2020-01-01T00:00:00Z"),
        ["meta.created GE \"2020-01-01T00:00:00Z\""] = Ge("meta.created", "2020-01-01T00:00:00Z"),
        ["meta.created LT \"2020-01-01T00:00:00Z\""] = Lt("meta.created", "2020-01-01T00:00:00Z"),
        ["meta.created LE \"2020-01-01T00:00:00Z\""] = Le("meta.created", "2020-01-01T00:00:00Z"),
        ["title PR"] = Pr("title"),
        ["title Pr"] = Pr("title"),
        ["DisplayName eq \"x\""] = Eq("DisplayName", "x"),
        ["NAME.FAMILYNAME eq \"x\""] = Eq("NAME.FAMILYNAME", "x"),

        // Precedence: not over and over or; and/or associate to the left.
        ["a eq 1 or b eq 2 and c eq 3"] = Or(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))),
        ["a eq 1 and b eq 2 or c eq 3"] = Or(And(Eq("a", 1), Eq("b", 2)), Eq("c", 3)),
        ["a eq 1 and b eq 2 and c eq 3"] = And(And(Eq("a", 1), Eq("b", 2)), Eq("c", 3)),
        ["a eq 1 or b eq 2 or c eq 3"] = Or(Or(Eq("a", 1), Eq("b", 2)), Eq("c", 3)),
        ["a eq 1 and (b eq 2 and c eq 3)"] = And(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))),
        ["a eq 1 or (b eq 2 or c eq 3)"] = Or(Eq("a", 1), Or(Eq("b", 2), Eq("c", 3))),
        ["(a eq 1 or b eq 2) and c eq 3"] = And(Or(Eq("a", 1), Eq("b", 2)), Eq("c", 3)),
        ["a eq 1 and (b eq 2 or c eq 3)"] = And(Eq("a", 1), Or(Eq("b", 2), Eq("c", 3))),
        ["a eq 1 or b eq 2 and c eq 3 or d eq 4"] = Or(Or(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))), Eq("d", 4)),
        ["a eq 1 and b eq 2 or c eq 3 and d eq 4"] = Or(And(Eq("a", 1), Eq("b", 2)), And(Eq("c", 3), Eq("d", 4))),
        ["(a eq 1 or b eq 2) and (c eq 3 or d eq 4)"] = And(Or(Eq("a", 1), Eq("b", 2)), Or(Eq("c", 3), Eq("d", 4))),
        ["not (a eq 1) and b eq 2"] = And(Not(Eq("a", 1)), Eq("b", 2)),
        ["not (a eq 1) or b eq 2"] = Or(Not(Eq("a", 1)), Eq("b", 2)),
        ["not (a eq 1 or b eq 2)"] = Not(Or(Eq("a", 1), Eq("b", 2))),
        ["a eq 1 and not (b eq 2)"] = And(Eq("a", 1), Not(Eq("b", 2))),
        ["a eq 1 or not (b eq 2) and c eq 3"] = Or(Eq("a", 1), And(Not(Eq("b", 2)), Eq("c", 3))),
        ["not (not (a eq 1))"] = Not(Not(Eq("a", 1))),
        ["not(a eq 1)"] = Not(Eq("a", 1)),
        ["not  (a eq 1)"] = Not(Eq("a", 1)),
        ["NOT (a eq 1)"] = Not(Eq("a", 1)),
        ["Not (a pr)"] = Not(Pr("a")),
        ["a eq 1 AND b eq 2"] = And(Eq("a", 1), Eq("b", 2)),
        ["a eq 1 Or b eq 2"] = Or(Eq("a", 1), Eq("b", 2)),
        ["a eq 1 OR b eq 2 And c eq 3"] = Or(Eq("a", 1), And(Eq("b", 2), Eq("c", 3))),

        // Parentheses.
        ["(a eq 1)"] = Eq("a", 1),
        ["((a eq 1))"] = Eq("a", 1),
        ["(((a eq 1) and (b eq 2)))"] = And(Eq("a", 1), Eq("b", 2)),
        ["( a eq 1 )"] = Eq("a", 1),
        ["(a eq 1)and(b eq 2)"] = And(Eq("a", 1), Eq("b", 2)),
        ["(a pr)or(b pr)"] = Or(Pr("a"), Pr("b")),
        ["not ((a eq 1) and (b eq 2 or (c eq 3)))"] = Not(And(Eq("a", 1), Or(Eq("b", 2), Eq("c", 3)))),
        ["((a eq 1 or b eq 2) and not (c pr)) or d pr"] = Or(And(Or(Eq("a", 1), Eq("b", 2)), Not(Pr("c"))), Pr("d")),

        // Value paths.
        ["emails[type eq \"work\"]"] = Vp("emails", Eq("type", "work")),
        ["emails[type eq \"work\"] and userName pr"] = And(Vp("emails", Eq("type", "work")), Pr("userName")),
        ["emails[not (type eq \"work\")]"] = Vp("emails", Not(Eq("type", "work"))),
        ["emails[(type eq \"work\" or type eq \"home\") and primary eq true]"] =
            Vp("emails", And(Or(Eq("type", "work"), Eq("type", "home")), Eq("primary", true))),
        ["emails[type eq \"work\" or type eq \"home\" and primary eq true]"] =
            Vp("emails", Or(Eq("type", "work"), And(Eq("type", "home"), Eq("primary", true)))),
        ["members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"] = Vp("members", Eq("value", "2819c223-7f76-453a-919d-413861904646")),
        ["emails [type eq \"work\"]"] = Vp("emails", Eq("type", "work")),
        ["emails[ type eq \"work\" ]"] = Vp("emails", Eq("type", "work")),
        ["not (emails[type eq \"work\"])"] = Not(Vp("emails", Eq("type", "work"))),
        ["Emails[Type EQ \"work\"]"] = Vp("Emails", Eq("Type", "work")),
        ["emails[value pr]"] = Vp("emails", Pr("value")),
        ["emails[value eq \"a]b\"]"] = Vp("emails", Eq("value", "a]b")),
        ["emails[value eq a@b.c]"] = Vp("emails", Eq("value", "a@b.c")),
        ["emails[type eq \"work\"] or emails[type eq \"home\"]"] = Or(Vp("emails", Eq("type", "work")), Vp("emails", Eq("type", "home"))),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"x\"]"] = Vp(Urn(Enterprise, "manager"), Eq("value", "x")),
        ["id eq \"g1\" and members[value eq \"u1\"]"] = And(Eq("id", "g1"), Vp("members", Eq("value", "u1"))),

        // A comparison after a value filter (lenient): the value must satisfy both; without '.subAttr' it is 'value'.
        ["emails[type eq \"work\"].value eq \"ada@example.com\""] = Vp("emails", And(Eq("type", "work"), Eq("value", "ada@example.com"))),
        ["emails[type eq \"work\"] eq \"ada@example.com\""] = Vp("emails", And(Eq("type", "work"), Eq("value", "ada@example.com"))),
        ["emails[type eq work].value eq ada@example.com"] = Vp("emails", And(Eq("type", "work"), Eq("value", "ada@example.com"))),
        ["emails[type eq \"work\"].value pr"] = Vp("emails", And(Eq("type", "work"), Pr("value"))),
        ["emails[type eq \"work\"] pr"] = Vp("emails", And(Eq("type", "work"), Pr("value"))),
        ["emails[type eq \"work\"] EQ \"x\""] = Vp("emails", And(Eq("type", "work"), Eq("value", "x"))),
        ["addresses[type eq \"work\"].postalCode eq \"1\""] = Vp("addresses", And(Eq("type", "work"), Eq("postalCode", "1"))),
        ["emails[type eq \"work\" or type eq \"home\"].value co \"@x\""] =
            Vp("emails", And(Or(Eq("type", "work"), Eq("type", "home")), Co("value", "@x"))),
        ["emails[type eq \"work\"].value eq \"a\" and userName pr"] = And(Vp("emails", And(Eq("type", "work"), Eq("value", "a"))), Pr("userName")),
        ["userName pr and emails[type eq \"work\"] eq \"a\""] = And(Pr("userName"), Vp("emails", And(Eq("type", "work"), Eq("value", "a")))),
        ["(emails[type eq \"work\"].value eq \"a\")"] = Vp("emails", And(Eq("type", "work"), Eq("value", "a"))),

        // URN-qualified attributes, including both forms Entra uses for the enterprise manager.
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"1\""] = Eq(Urn(Enterprise, "employeeNumber"), "1"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\""] = Eq(Urn(Enterprise, "manager.value"), "x"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"x\""] = Eq(Urn(Enterprise, "manager"), "x"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager eq \"x\""] =
            Eq(Urn("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User.manager"), "x"),
        ["URN:IETF:params:scim:schemas:extension:enterprise:2.0:User:EmployeeNumber eq \"1\""] =
            Eq(Urn("URN:IETF:params:scim:schemas:extension:enterprise:2.0:User", "EmployeeNumber"), "1"),
        ["urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq \"x\""] = Eq(Urn(CoreUser, "name.familyName"), "x"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr"] = Pr(Urn(Enterprise, "employeeNumber")),
        ["urn:acme:custom:1.0:User:badge eq \"7\""] = Eq(Urn("urn:acme:custom:1.0:User", "badge"), "7"),
        ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"x\" and userName pr"] =
            And(Eq(Urn(Enterprise, "manager"), "x"), Pr("userName")),

        // String escapes (RFC 8259 §7).
        ["a eq \"quote\\\"inside\""] = Eq("a", "quote\"inside"),
        ["a eq \"back\\\\slash\""] = Eq("a", "back\\slash"),
        ["a eq \"sl\\/ash\""] = Eq("a", "sl/ash"),
        ["a eq \"\\b\\f\\n\\r\\t\""] = Eq("a", "\b\f\n\r\t"),
        ["a eq \"caf\\u00e9\""] = Eq("a", "café"),
        ["a eq \"caf\\u00E9\""] = Eq("a", "café"),
        ["a eq \"\\uD83D\\uDE00\""] = Eq("a", "😀"),
        ["a eq \"\\u0000\""] = Eq("a", "\0"),
        ["a eq \"café 😀\""] = Eq("a", "café 😀"),
        ["a eq \"\""] = Eq("a", ""),
        ["a eq \"with ) and ] and ( inside\""] = Eq("a", "with ) and ] and ( inside"),
        ["a eq \"and or not\""] = Eq("a", "and or not"),
        ["a eq \"  spaces  \""] = Eq("a", "  spaces  "),
        ["a eq \"true\""] = Eq("a", "true"),
        ["a eq \"12\""] = Eq("a", "12"),

        // Numbers (RFC 8259 §6).
        ["a eq 0"] = Eq("a", 0),
        ["a eq -1"] = Eq("a", -1),
        ["a eq 3.14"] = Eq("a", 3.14m),
        ["a eq -0.5"] = Eq("a", -0.5m),
        ["a eq 1e3"] = Eq("a", 1000),
        ["a eq 1E+2"] = Eq("a", 100),
        ["a eq 2.5e-3"] = Eq("a", 0.0025m),
        ["a gt 12345678901234567890"] = Gt("a", 12345678901234567890m),
        ["a eq -0"] = Eq("a", 0),

        // true, false and null, in any case.
        ["active eq true"] = Eq("active", true),
        ["active eq false"] = Eq("active", false),
        ["active eq TRUE"] = Eq("active", true),
        ["active eq False"] = Eq("active", false),
        ["a eq null"] = Eq("a", null),
        ["a ne NULL"] = Ne("a", null),

        // Lenient bare words, exactly as Microsoft's test collection and Entra documentation send them.
        ["userName sw O"] = Sw("userName", "O"),
        ["externalId eq jyoung"] = Eq("externalId", "jyoung"),
        ["meta.created gt 2015-10-10T14:38:21.8617979-07:00"] = Gt("meta.created", "2015-10-10T14:38:21.8617979-07:00"),
        ["emails.Value co example.com"] = Co("emails.Value", "example.com"),
        ["name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)"] =
            And(Eq("name.FamilyName", "Employee"), Or(Co("emails.Value", "example.com"), Co("emails.Value", "example.org"))),
        ["userName eq 0123"] = Eq("userName", "0123"),
        ["userName eq 1abc"] = Eq("userName", "1abc"),
        ["userName eq user@example.com"] = Eq("userName", "user@example.com"),
        ["userName eq trueish"] = Eq("userName", "trueish"),
        ["displayName eq Bob's"] = Eq("displayName", "Bob's"),
        ["(userName eq x)"] = Eq("userName", "x"),
        ["userName eq eq"] = Eq("userName", "eq"),
        ["userName eq x and y pr"] = And(Eq("userName", "x"), Pr("y")),
        ["meta.lastModified lt 2011-05-13T04:42:34Z"] = Lt("meta.lastModified", "2011-05-13T04:42:34Z"),

        // dateTimes as quoted strings.
        ["meta.created gt \"2015-10-10T14:38:21.8617979-07:00\""] = Gt("meta.created", "2015-10-10T14:38:21.8617979-07:00"),
        ["meta.created ge \"2015-10-10T14:38:21+05:30\""] = Ge("meta.created", "2015-10-10T14:38:21+05:30"),

        // Whitespace.
        ["  userName eq \"x\"  "] = Eq("userName", "x"),
        ["userName\teq\t\"x\""] = Eq("userName", "x"),
        ["userName   eq    \"x\""] = Eq("userName", "x"),
        ["a eq 1\r\n and b eq 2"] = And(Eq("a", 1), Eq("b", 2)),
        ["userName eq\"x\""] = Eq("userName", "x"),
        ["a eq \"x\"and b pr"] = And(Eq("a", "x"), Pr("b")),

        // Attribute names.
        ["$ref eq \"x\""] = Eq("$ref", "x"),
        ["members.$ref eq \"https://example.com/Users/1\""] = Eq("members.$ref", "https://example.com/Users/1"),
        ["x-custom_attr1 pr"] = Pr("x-custom_attr1"),
        ["a1 eq 1"] = Eq("a1", 1),
        ["not pr"] = Pr("not"),
        ["not eq 1"] = Eq("not", 1),
        ["not[value eq 1]"] = Vp("not", Eq("value", 1)),
        ["and eq 1 and or pr"] = And(Eq("and", 1), Pr("or")),

        // Requests Microsoft Entra and its validator send.
        ["userName eq \"Test_User_dfeef4c5-5681-4387-b016-bdf221e82081\""] = Eq("userName", "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081"),
        ["externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""] = Eq("externalId", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"),
        ["displayName eq \"Group1DisplayName\""] = Eq("displayName", "Group1DisplayName"),
        ["members eq \"u1\""] = Eq("members", "u1"),
    };

    public static TheoryData<string> Texts => [.. Cases.Keys];
}
