using Scim.Api.Core.Filters;
using Scim.Api.Core.Paths;
using Scim.Api.Core.Schema;
using Scim.Api.Storage.Sqlite.Querying;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Tests.Storage.Sqlite;

/// <summary>Client text reaches SQLite only as parameter values: the statement text never depends on it.</summary>
public class SqliteParameterOnlyTests
{
    public static readonly TheoryData<string> HostileTexts =
    [
        "O'Brien",
        "\"quoted\"",
        "100%",
        "under_score",
        "semi;colon",
        "-- comment",
        "'; DROP TABLE resources; --",
        "nul\0byte",
        "emoji 😀 and ＦＵＬＬ",
        "back\\slash",
        "$.\"path\"",
        ") OR 1=1 --",
    ];

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Translate_AnyComparisonValue_LeavesTheStatementTextUnchanged(string text)
    {
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            foreach (var path in new[] { "userName", "displayName", "externalId", "name.familyName", "emails.value", "groups.display" })
            {
                var (benignSql, _) = Translate(new ComparisonFilter(FilterBuilder.Path(path), op, new StringValue("benign")));
                var (hostileSql, parameters) = Translate(new ComparisonFilter(FilterBuilder.Path(path), op, new StringValue(text)));

                Assert.Equal(benignSql, hostileSql);
                Assert.Contains(path == "externalId" ? text : TextFolding.Fold(text), parameters);
            }
        }
    }

    [Fact]
    public void Translate_AnUndeclaredAttributeName_TravelsInsideAPathParameter()
    {
        var first = Translate(new ComparisonFilter(new AttributePath("urn:acme:ext:2.0:User", "costCenter", null), ComparisonOperator.Equal, new StringValue("x")));
        var second = Translate(new ComparisonFilter(new AttributePath("urn:acme:ext:2.0:User", "drop_table", null), ComparisonOperator.Equal, new StringValue("x")));

        Assert.Equal(first.Sql, second.Sql);
        Assert.Contains("$.\"urn:acme:ext:2.0:User\".\"drop_table\"", second.Parameters);
        Assert.DoesNotContain("drop_table", second.Sql, StringComparison.Ordinal);
    }

    private static (string Sql, object[] Parameters) Translate(Filter filter)
    {
        var type = BuiltInSchemas.UserResourceType;
        var sql = new SqlContext();
        var where = new SqliteFilterTranslator(type, sql).Translate(FilterResolver.Resolve(filter, type));
        return (where, [.. sql.Parameters.Select(p => p.Value)]);
    }
}
