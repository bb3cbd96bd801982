using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scim.Api.Core.Activity;
using Scim.Api.Core.Events;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Sqlite.Querying;
using Scim.Api.Storage.Sqlite.Reading;
using Scim.Api.Storage.Sqlite.Schema;
using Scim.Api.Storage.Sqlite.Writing;
using SQLitePCL;

namespace Scim.Api.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes go through a single writer that commits them in
/// groups (<see cref="SqliteWriteQueue"/>); reads use pooled read-only connections and never wait for writes.
/// Call <see cref="InitializeAsync"/> once before use; it creates the file and applies schema migrations.
/// Deleted resources move to tombstone tables; audit records and change events are written in the savepoint of their
/// write; webhook subscriptions and their delivery state are rows of their own.
/// A checkpointer of its own copies the WAL into the database file in the background (<see cref="SqliteCheckpointer"/>).
/// </summary>
public sealed class SqliteResourceStore
    : IResourceStore, IAuditTrail, IStoreRetention, IStoreLifecycle, IResourceCounter, IChangeEventLog, ISubscriptionStore, IRequestLog, IKeyRingStore,
        IAsyncDisposable, IDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SqliteConnectionFactory _connections;
    private readonly SqliteReadPool _readers;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lock _gate = new();
    private SqliteConnection? _writerConnection;
    private SqliteWriteQueue? _queue;
    private SqliteCheckpointer? _checkpointer;
    private ResourceWriter? _writer;
    private RequestLogWriter? _logWriter;
    private volatile bool _disposed;

    /// <param name="loggerFactory">Where the background checkpointer reports its failures; none when null.</param>
    public SqliteResourceStore(SqliteStoreOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, "options.Path");
        ArgumentOutOfRangeException.ThrowIfNegative(options.BusyTimeoutMs, "options.BusyTimeoutMs");
        if (!Enum.IsDefined(options.Durability))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Durability, "options.Durability must be Full or Normal.");
        }

        BlockingCallWorkers.Ensure();
        _options = options;
        _timeProvider = timeProvider;
        _connections = new SqliteConnectionFactory(options);
        _readers = new SqliteReadPool(_connections, SqliteReadPool.DefaultSize);
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _connections.FullPath;

    /// <summary>Creates the file if needed, applies the schema migrations and starts the writer; idempotent.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue is not null)
            {
                return Task.CompletedTask;
            }

            var connection = _connections.OpenWriter();
            SqliteCheckpointer checkpointer;
            try
            {
                SqliteMigrations.Apply(connection, _timeProvider);
                checkpointer = new SqliteCheckpointer(
                    _connections, _loggerFactory.CreateLogger<SqliteCheckpointer>(), _options.CheckpointThresholdPages);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _writerConnection = connection;
            _checkpointer = checkpointer;
            _writer = new ResourceWriter(connection, _options);
            _logWriter = new RequestLogWriter(connection);
            _queue = new SqliteWriteQueue(connection, checkpointer.PagesAppended);
        }

        return Task.CompletedTask;
    }

    /// <summary>True when the writer runs and a reader can query the file; cheap enough for a liveness probe.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_disposed || _queue is not { IsRunning: true })
        {
            return false;
        }

        try
        {
            using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
            using var command = lease.Connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schema_migrations";
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long applied && applied > 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public Task<StoredResource> CreateAsync(ResourceWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Create(write), cancellationToken);
    }

    public Task<StoredResource> UpdateAsync(ResourceUpdate update, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        UpdateConditions.EnsureDocumentIsVersioned(update, expectedVersion);
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Update(update, expectedVersion), cancellationToken);
    }

    public Task DeleteAsync(ResourceKey key, long? expectedVersion, CancellationToken cancellationToken) =>
        DeleteAsync(new ResourceDeletion(key, expectedVersion, _timeProvider.GetUtcNow()), cancellationToken);

    public Task DeleteAsync(ResourceDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        var writer = Writer();
        return Queue().EnqueueAsync(
            _ =>
            {
                writer.Delete(deletion);
                return true;
            },
            cancellationToken);
    }

    public Task<StoredResource> RestoreAsync(ResourceRestore restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Restore(restore), cancellationToken);
    }

    /// <summary>Runs in the writer like any write: one batch at a time, so a large purge never holds the writer long.</summary>
    public Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.BatchSize, "request.BatchSize");
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Purge(request, _timeProvider.GetUtcNow()), cancellationToken);
    }

    public Task<TombstonePage> ListDeletedAsync(DeletedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => TombstoneRows.ListAsync(connection, query, cancellationToken), cancellationToken);
    }

    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => AuditRows.QueryAsync(connection, query, cancellationToken), cancellationToken);
    }

    public Task<ChangeEventPage> ReadEventsAsync(ChangeEventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => EventRows.ReadAsync(connection, query, cancellationToken), cancellationToken);
    }

    public Task<StoredSubscription> CreateSubscriptionAsync(Subscription subscription, long cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Subscriptions.Create(subscription, cursor, now), cancellationToken);
    }

    public Task UpsertConfiguredSubscriptionAsync(Subscription subscription, long cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var writer = Writer();
        return Queue().EnqueueAsync(
            _ =>
            {
                writer.Subscriptions.UpsertConfigured(subscription, cursor, now);
                return true;
            },
            cancellationToken);
    }

    public Task<StoredSubscription?> GetSubscriptionAsync(string tenant, string id, CancellationToken cancellationToken) =>
        ReadAsync(connection => SubscriptionRows.GetAsync(connection, tenant, id, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredSubscription>> ListSubscriptionsAsync(string? tenant, CancellationToken cancellationToken) =>
        ReadAsync(connection => SubscriptionRows.ListAsync(connection, tenant, cancellationToken), cancellationToken);

    public Task<StoredSubscription> ReplaceSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Subscriptions.Replace(subscription), cancellationToken);
    }

    public Task DeleteSubscriptionAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var writer = Writer();
        return Queue().EnqueueAsync(
            _ =>
            {
                writer.Subscriptions.Delete(tenant, id);
                return true;
            },
            cancellationToken);
    }

    public Task<StoredSubscription> ResetSubscriptionAsync(string tenant, string id, long? cursor, CancellationToken cancellationToken)
    {
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Subscriptions.Reset(tenant, id, cursor), cancellationToken);
    }

    public Task<StoredSubscription?> TryLeaseAsync(
        string tenant, string id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Subscriptions.TryLease(tenant, id, owner, now, until), cancellationToken);
    }

    public Task<bool> SaveProgressAsync(string tenant, string id, string owner, long revision, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var writer = Writer();
        return Queue().EnqueueAsync(_ => writer.Subscriptions.SaveProgress(tenant, id, owner, revision, progress), cancellationToken);
    }

    public Task ReleaseLeaseAsync(string tenant, string id, string owner, CancellationToken cancellationToken)
    {
        var writer = Writer();
        return Queue().EnqueueAsync(
            _ =>
            {
                writer.Subscriptions.Release(tenant, id, owner);
                return true;
            },
            cancellationToken);
    }

    public Task<StoredResource?> GetAsync(ResourceKey key, ReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        return ReadAsync(connection => ResourceRows.GetAsync(connection, key, options, cancellationToken), cancellationToken);
    }

    public Task<QueryResult> QueryAsync(ResourceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => SqliteQueryRunner.RunAsync(connection, query, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ResourceCount>> CountResourcesAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => SqliteResourceCounter.CountAsync(connection, cancellationToken), cancellationToken);

    /// <summary>One write of the queue per batch: the entries share a group commit with the SCIM writes around them.</summary>
    public Task AppendAsync(IReadOnlyList<RequestLogEntry> entries, RequestLogBounds bounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(bounds);
        var maxEntriesPerTenant = bounds.MaxEntriesPerTenant;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntriesPerTenant, "bounds.MaxEntriesPerTenant");
        var writer = LogWriter();
        return Queue().EnqueueAsync(
            _ =>
            {
                writer.Append(entries, maxEntriesPerTenant);
                return true;
            },
            cancellationToken);
    }

    public Task<RequestLogPage> QueryAsync(RequestLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => RequestLogRows.QueryAsync(connection, query, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<CredentialActivity>> ActivityAsync(DateTimeOffset lastCallSince, DateTimeOffset countsSince, CancellationToken cancellationToken) =>
        ReadAsync(connection => RequestLogRows.ActivityAsync(connection, lastCallSince, countsSince, cancellationToken), cancellationToken);

    public Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var writer = LogWriter();
        return Queue().EnqueueAsync(
            _ =>
            {
                writer.Prune(before);
                return true;
            },
            cancellationToken);
    }

    public IReadOnlyList<string> ReadAll() =>
        ReadAsync(connection => Task.FromResult(RequestLogRows.ReadKeys(connection)), CancellationToken.None).GetAwaiter().GetResult();

    public void Add(string name, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        Queue().EnqueueAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO console_keys (name, xml) VALUES ($name, $xml) ON CONFLICT (name) DO NOTHING";
                command.Parameters.AddWithValue("$name", name);
                command.Parameters.AddWithValue("$xml", xml);
                return command.ExecuteNonQuery();
            },
            CancellationToken.None).GetAwaiter().GetResult();
    }

    // A read on a pooled connection; one the cancellation interrupted ends as cancelled, not as a store failure.
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        Queue();
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await read(lease.Connection).ConfigureAwait(false);
        }
        catch (SqliteException interrupted) when (interrupted.SqliteErrorCode == raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The read was interrupted: its request was abandoned or timed out.", interrupted, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (_queue is not null)
        {
            await _queue.DisposeAsync().ConfigureAwait(false);
        }

        // After the writer's last commit: the final checkpoint leaves every write in the database file.
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }

        _writer?.Dispose();
        _logWriter?.Dispose();
        if (_writerConnection is not null)
        {
            await _writerConnection.DisposeAsync().ConfigureAwait(false);
        }

        _readers.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private SqliteWriteQueue Queue()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _queue ?? throw new InvalidOperationException("Call InitializeAsync before using the SQLite store.");
    }

    private RequestLogWriter LogWriter()
    {
        Queue();
        return _logWriter!;
    }

    private ResourceWriter Writer()
    {
        Queue();
        return _writer!;
    }
}
