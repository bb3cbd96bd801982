using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite;
using Scim.Api.Storage.Sqlite.Querying;
using Scim.Api.Tests.Support;
using SQLitePCL;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage.Sqlite;

/// <summary>
/// The list statements a reader keeps must run again with new bindings without SQLite parsing and planning them
/// again (<c>SQLITE_STMTSTATUS_REPREPARE</c> stays 0): that is what keeping them is for.
/// </summary>
public sealed class SqliteStatementReuseTests : IAsyncLifetime
{
    private const int ReprepareCounter = 5; // SQLITE_STMTSTATUS_REPREPARE

    private TemporarySqliteStore _temporary = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteResourceStore Store => _temporary.Store;

    public async ValueTask InitializeAsync() => _temporary = await TemporarySqliteStore.OpenAsync();

    public ValueTask DisposeAsync() => _temporary.DisposeAsync();

    public static TheoryData<string> ListStatements()
    {
        var query = new ResourceQuery("t", BuiltInSchemas.UserResourceType, Eq("userName", "bjensen"), null, new PageRequest(1, 100), ReadOptions.DocumentOnly);
        var (where, orderBy, _) = SqliteQueryRunner.Translate(query);
        return
        [
            SqliteQueryRunner.PageSql(where, orderBy),
            SqliteQueryRunner.CountedPageSql(where, orderBy),
            SqliteQueryRunner.FilteredPageSql(where, orderBy, withGroups: false),
            SqliteQueryRunner.FilteredPageSql(where, orderBy, withGroups: true),
            SqliteKeysetRunner.PageSql(where, null, descending: false, backward: false, anchored: false),
            SqliteKeysetRunner.PageSql(where, null, descending: false, backward: true, anchored: true),
        ];
    }

    [Theory]
    [MemberData(nameof(ListStatements))]
    public void ListStatement_RunAgainWithNewBindings_IsNotPreparedAgain(string sql)
    {
        using var connection = new SqliteConnectionFactory(new SqliteStoreOptions { Path = Store.DatabasePath }).OpenReader();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        using (statement)
        {
            for (var run = 0; run < 3; run++)
            {
                BindAll(statement, run);
                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                }

                Assert.Equal(raw.SQLITE_OK, raw.sqlite3_reset(statement));
            }

            Assert.Equal(0, raw.sqlite3_stmt_status(statement, ReprepareCounter, resetFlg: 0));
        }
    }

    private static void BindAll(sqlite3_stmt statement, int run)
    {
        for (var index = 1; index <= raw.sqlite3_bind_parameter_count(statement); index++)
        {
            var name = raw.sqlite3_bind_parameter_name(statement, index).utf8_to_string();
            var result = name is "$limit" or "$offset" or "$anchorSeq"
                ? raw.sqlite3_bind_int64(statement, index, 10 + run)
                : raw.sqlite3_bind_text(statement, index, $"{name}-{run}");
            Assert.Equal(raw.SQLITE_OK, result);
        }
    }
}
