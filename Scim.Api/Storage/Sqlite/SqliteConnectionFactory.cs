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
    // stall the writer for the whole busy timeout.
    private const int CheckpointBusyTimeoutMs = 1000;

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
