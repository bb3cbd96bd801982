namespace Scim.Api.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite store; plain values, bound and validated by the host.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; its directory is created when missing.</summary>
    public string Path { get; set; } = "data/scim.db";

    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>How long a connection waits for a lock held by another connection or process.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// When true, a group update or create naming a member id that is no resource of the tenant fails as a whole
    /// (400 invalidValue). By default unknown ids are kept, because IdPs often push a group before its members.
    /// </summary>
    public bool RejectUnknownMembers { get; set; }

    // Not an operator's setting: SQLite's own default suits this store. Tests lower it to see checkpoints happen.
    internal int CheckpointThresholdPages { get; set; } = Writing.SqliteCheckpointer.DefaultThresholdPages;
}

/// <summary>
/// How hard a commit works to survive failures. Writes are grouped into one transaction per batch, so the
/// fsync cost of <see cref="Full"/> is paid once per batch, not once per write.
/// </summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>PRAGMA synchronous=FULL</c> in WAL mode: the WAL is fsynced at every commit, so a write that was
    /// acknowledged survives a power loss or an OS crash. The price is one fsync per commit batch.
    /// </summary>
    Full,

    /// <summary>
    /// <c>PRAGMA synchronous=NORMAL</c> in WAL mode: the WAL is fsynced only at checkpoints. An acknowledged
    /// write survives a crash of the process, but the last commits may be lost (never corrupted) when the
    /// machine loses power. Faster on slow disks; choose it only when the IdP will re-push lost changes.
    /// </summary>
    Normal,
}
