using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// The one owner of sessions and transactions. It learns once what the deployment is (a replica set member reports
/// <c>setName</c>, a mongos <c>msg: "isdbgrid"</c>; both run transactions) and runs a write's work in a transaction
/// where it must be atomic (a resource with its memberships or audit record), else directly. The work receives a
/// <see cref="MongoSession"/> either way and never asks which.
/// <para>
/// A standalone server has no transactions: a failure between the resource and its memberships would leave them
/// apart. <see cref="EnsureDeploymentAsync"/> therefore refuses one at start unless
/// <see cref="MongoStoreOptions.AllowStandalone"/> is set (development), and warns when it is.
/// </para>
/// </summary>
internal sealed class MongoTransactions(IMongoClient client, MongoStoreOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TransactionOptions TransactionOptions = new(
        readConcern: ReadConcern.Snapshot,
        readPreference: ReadPreference.Primary,
        writeConcern: WriteConcern.WMajority);

    // 0 not yet known, 1 transactions, 2 standalone; read and written by concurrent calls.
    private int _mode;

    /// <summary>A budget for one store call, from now.</summary>
    public MongoDeadline Deadline() => new(time, options.OperationTimeout);

    /// <summary>Reads outside any transaction.</summary>
    public static MongoSession Reads(MongoDeadline deadline) => new(null, deadline);

    /// <summary>Learns the deployment; throws when it is a standalone server that is not allowed.</summary>
    public async Task EnsureDeploymentAsync(CancellationToken cancellationToken) =>
        Accept(await SupportsTransactionsAsync(cancellationToken).ConfigureAwait(false), options.AllowStandalone, logger);

    /// <summary>
    /// The start-up rule: a deployment with transactions is accepted; a standalone server only when
    /// <paramref name="allowStandalone"/>, with a warning; else start-up fails with a message naming the setting.
    /// </summary>
    public static void Accept(bool transactions, bool allowStandalone, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (transactions)
        {
            return;
        }

        if (!allowStandalone)
        {
            throw new InvalidOperationException(
                "MongoDB is a standalone server, which has no transactions: a group's memberships and an audit record would not be written "
                + "atomically with their resource. Use a replica set (a single-node one is enough) or a sharded cluster, or set "
                + "Storage:Mongo:AllowStandalone=true for development only.");
        }

        logger.LogWarning(
            "MongoDB is a standalone server and Storage:Mongo:AllowStandalone is set: resources, memberships and audit records are written "
            + "without transactions, so a failure between them can leave them apart. Use a replica set outside development.");
    }

    /// <summary>Whether a <c>hello</c> reply is from a deployment that runs transactions (a replica set member or a mongos).</summary>
    public static bool RunsTransactions(BsonDocument hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return hello.Contains("setName") || hello.GetValue("msg", "").ToString() == "isdbgrid";
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction when <paramref name="atomic"/> and the deployment has them, else
    /// directly (a write of one document is atomic by itself).
    /// </summary>
    public async Task<T> WriteAsync<T>(
        Func<MongoSession, CancellationToken, Task<T>> work, bool atomic, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        if (!atomic || !await SupportsTransactionsAsync(cancellationToken).ConfigureAwait(false))
        {
            return await work(new MongoSession(null, deadline), cancellationToken).ConfigureAwait(false);
        }

        using var session = await client.StartSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await session.WithTransactionAsync(
            (handle, token) => work(new MongoSession(handle, deadline), token),
            TransactionOptions,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SupportsTransactionsAsync(CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _mode);
        if (known != 0)
        {
            return known == 1;
        }

        var hello = await client.GetDatabase("admin")
            .RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), ReadPreference.Primary, cancellationToken).ConfigureAwait(false);
        var supported = RunsTransactions(hello);
        Volatile.Write(ref _mode, supported ? 1 : 2);
        return supported;
    }
}
