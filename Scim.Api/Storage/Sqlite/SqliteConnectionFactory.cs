using Microsoft.Data.Sqlite;
using Scim.Api.Storage.Sqlite.Text;

namespace Scim.Api.Storage.Sqlite;

/// <summary>
/// Opens the kinds of connection the store uses: the single writer, the read-only readers and the checkpointer's.
/// All get the busy timeout and the <c>scim_fold</c>/<c>scim_instant</c> functions that filters and sorts call.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    /// <summary>The size a WAL file is cut back to when SQLite restarts it (<c>journal_size_limit</c>).</summary>
    public const long WalSizeLimitBytes = 64 * 1024 * 1024;

    // A RESTART checkpoint holds the write lock while it waits for readers: it gives up after this long rather than
    // stall the writer. A whole second (tried first) showed in a 10-minute soak at 1,000,000 users as writes and the
    // reads queued behind them stalling for up to a second; a read holds its snapshot for milliseconds, and a restart
    // that misses is tried again after the next 1,000 pages.
    private const int CheckpointBusyTimeoutMs = 20;

    // Page caches, per connection (SQLite's default is 2 MiB). Every write touches a leaf of each of the resource
    // indexes at a random place (ids and user names are not sequential), so past about 20,000 users the writer's
    // default cache misses on most of them and reads the page back from the file. A reader's cache lasts only until
    // the next commit (a new WAL snapshot empties it), so it pays off between writes: a smaller one per reader.
    private const int WriterCacheKiB = 32 * 1024;
    private const int ReaderCacheKiB = 8 * 1024;

    private readonly SqliteStoreOptions _options;
    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;

    public SqliteConnectionFactory(SqliteStoreOptions options)
    {
        _options = options;
        var fullPath = Path.GetFullPath(options.Path);
        var commandTimeoutSeconds = Math.Max(1, (options.BusyTimeoutMs + 999) / 1000);
        _writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = commandTimeoutSeconds,
        }.ToString();
        _readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = commandTimeoutSeconds,
        }.ToString();
        FullPath = fullPath;
    }

    public string FullPath { get; }

    public SqliteConnection OpenWriter()
    {
        var directory = Path.GetDirectoryName(FullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = Open(_writerConnectionString);
        try
        {
            var journalMode = Scalar(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite could not put '{FullPath}' in WAL mode (it reports '{journalMode}'); use a local file system.");
            }

            Execute(connection, $"PRAGMA synchronous = {Synchronous}");
            Execute(connection, $"PRAGMA journal_size_limit = {WalSizeLimitBytes}");

            // The checkpointer copies the WAL into the file on its own connection; SQLite's automatic checkpoint
            // would do it inside the COMMIT that passes 1,000 pages, while every queued write waits.
            Execute(connection, "PRAGMA wal_autocheckpoint = 0");
            Execute(connection, $"PRAGMA cache_size = -{WriterCacheKiB}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public SqliteConnection OpenReader()
    {
        var connection = Open(_readerConnectionString);
        Execute(connection, "PRAGMA query_only = ON");
        Execute(connection, $"PRAGMA cache_size = -{ReaderCacheKiB}");
        return connection;
    }

    /// <summary>A connection for checkpoints only; the file must exist (the writer creates it).</summary>
    public SqliteConnection OpenCheckpointer()
    {
        var connection = Open(_readerConnectionString);
        try
        {
            Execute(connection, $"PRAGMA busy_timeout = {Math.Min(_options.BusyTimeoutMs, CheckpointBusyTimeoutMs)}");
            Execute(connection, $"PRAGMA synchronous = {Synchronous}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private string Synchronous => _options.Durability == SqliteDurability.Full ? "FULL" : "NORMAL";

    private SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {_options.BusyTimeoutMs}");
            Execute(connection, "PRAGMA temp_store = MEMORY");
            RegisterFunctions(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void RegisterFunctions(SqliteConnection connection)
    {
        connection.CreateFunction<string?, string?>(
            SqlFunctions.Fold, static text => text is null ? null : TextFolding.Fold(text), isDeterministic: true);
        connection.CreateFunction<string?, string?>(
            SqlFunctions.Instant, static text => InstantText.Normalize(text), isDeterministic: true);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}

/// <summary>Names of the functions every connection registers.</summary>
internal static class SqlFunctions
{
    /// <summary><c>scim_fold(text)</c>: <see cref="TextFolding.Fold"/>, for caseExact=false comparisons.</summary>
    public const string Fold = "scim_fold";

    /// <summary><c>scim_instant(text)</c>: <see cref="InstantText.Normalize"/>, for dateTime comparisons.</summary>
    public const string Instant = "scim_instant";
}
