using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Querying;

namespace Scim.Api.Tests.Storage.Sqlite;

public class SqliteFilterTranslatorTests
{
    private static (string Sql, string[] Parameters) Translate(string filter, ResourceTypeDefinition? type = null)
    {
        type ??= BuiltInSchemas.UserResourceType;
        var sql = new SqlContext();
        var where = new SqliteFilterTranslator(type, sql).Translate(FilterResolver.Resolve(FilterParser.Parse(filter), type));
        return (where, [.. sql.Parameters.Select(p => $"{p.Key}={p.Value}")]);
    }

    [Theory]
    [InlineData("userName eq \"BJensen\"", "r.unique_key = $p0", "$p0=BJENSEN")]
    [InlineData("userName ne \"x\"", "(r.unique_key = $p0) IS NOT 1", "$p0=X")]
    [InlineData("displayName ew \"son\"", "substr(CAST(r.display_key AS BLOB), -length(CAST($p0 AS BLOB))) = CAST($p0 AS BLOB)", "$p0=SON")]
    [InlineData("externalId sw \"Ext-\"", "instr(r.external_id, $p0) = 1", "$p0=Ext-")]
    [InlineData("id co \"7\"", "instr(r.id, $p0) > 0", "$p0=7")]
    [InlineData("meta.lastModified gt \"2024-05-01T10:00:00+02:00\"", "r.last_modified > $p0", "$p0=2024-05-01T08:00:00.0000000Z")]
    [InlineData("meta.created le \"2024-05-01\"", "r.created <= $p0", "$p0=2024-05-01T00:00:00.0000000Z")]
    [InlineData("meta.resourceType eq \"User\"", "r.type = $p0", "$p0=User")]
    [InlineData("meta.location pr", "(NULL IS NOT NULL AND NULL <> '')")]
    public void Translate_AttributesWithShadowColumns_UseTheIndexedColumns(string filter, string expectedSql, params string[] expectedParameters)
    {
        var (sql, parameters) = Translate(filter);

        Assert.Equal(expectedSql, sql);
        Assert.Equal(expectedParameters, parameters);
    }

    [Fact]
    public void Translate_ASingleValuedDocumentAttribute_ReadsItInPlaceAndFoldsBothSides()
    {
        var (sql, parameters) = Translate("name.familyName co \"o'neil\"");

        Assert.Equal("(json_type(r.document, $p0) = 'text' AND instr(scim_fold(json_extract(r.document, $p0)), $p1) > 0)", sql);
        Assert.Equal(["$p0=$.\"name\".\"familyName\"", "$p1=O'NEIL"], parameters);
    }

    [Fact]
    public void Translate_AComparisonOnAMultiValuedAttribute_MatchesWhenAnyValueMatches()
    {
        var (sql, parameters) = Translate("emails.type eq \"work\"");

        Assert.Equal(
            "EXISTS (SELECT 1 FROM json_each(r.document, $p0) AS e1 WHERE (json_type((CASE WHEN e1.type = 'object' THEN e1.value END), $p1) = 'text' "
            + "AND scim_fold(((CASE WHEN e1.type = 'object' THEN e1.value END) ->> $p1)) = $p2))",
            sql);
        Assert.Equal(["$p0=$.\"emails\"", "$p1=$.\"type\"", "$p2=WORK"], parameters);
    }

    [Fact]
    public void Translate_AValueFilter_AppliesAllItsCriteriaToOneElement()
    {
        var (sql, _) = Translate("emails[type eq \"work\" and value co \"@example\"]");

        Assert.StartsWith("EXISTS (SELECT 1 FROM json_each(r.document, $p0) AS e1 WHERE (", sql, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(sql, "json_each("));
        Assert.Contains("instr(scim_fold(((CASE WHEN e1.type = 'object' THEN e1.value END) ->> $p3)), $p4) > 0", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_MembersOfAGroup_QueryTheMembershipTable()
    {
        var (sql, parameters) = Translate("members.value eq \"U1\"", BuiltInSchemas.GroupResourceType);

        Assert.Equal(
            "EXISTS (SELECT 1 FROM memberships AS m1 WHERE m1.tenant = r.tenant AND m1.group_id = r.id AND scim_fold(m1.member_id) = $p0)",
            sql);
        Assert.Equal(["$p0=U1"], parameters);
    }

    [Fact]
    public void Translate_GroupsOfAUser_QueryTheMembershipIndexByMember()
    {
        var (sql, _) = Translate("groups.value eq \"g1\"");

        Assert.Contains("FROM memberships AS m1 WHERE m1.tenant = r.tenant AND m1.member_id = r.id", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_NotAndOr_NestAsWrittenAndTreatAbsentAsFalse()
    {
        var (sql, _) = Translate("not (userName eq \"a\" or externalId eq \"b\") and id pr");

        Assert.Equal("(((r.unique_key = $p0 OR r.external_id = $p1)) IS NOT 1 AND (r.id IS NOT NULL AND r.id <> ''))", sql);
    }

    [Fact]
    public void Translate_PresenceOfAComplexAttribute_LooksForAnyValueInside()
    {
        var (sql, _) = Translate("emails pr");

        Assert.Contains("json_tree(e1.value)", sql, StringComparison.Ordinal);
        Assert.Contains("(e1.type = 'text' AND e1.value <> '')", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userName eq \"x\" and userName eq \"x\"", 1)]
    [InlineData("emails.value eq \"x\" or emails.type eq \"x\"", 4)]
    public void Translate_RepeatedValues_ShareOneParameter(string filter, int expectedParameters)
    {
        Assert.Equal(expectedParameters, Translate(filter).Parameters.Length);
    }

    [Fact]
    public void Translate_AnOperatorTheTypeCannotTake_IsInvalidFilter()
    {
        var type = BuiltInSchemas.UserResourceType;
        var filter = new ComparisonFilter(AttributePath.Of("active"), ComparisonOperator.GreaterThan, BooleanValue.True);

        var error = Assert.Throws<ScimException>(() => new SqliteFilterTranslator(type, new SqlContext()).Translate(filter));

        Assert.Equal(ScimErrorType.InvalidFilter, error.ScimType);
        Assert.Equal("The operator 'gt' cannot be used with 'active', a boolean attribute.", error.Detail);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
