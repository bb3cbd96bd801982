using MongoDB.Bson;
using MongoDB.Driver;

namespace Scim.Api.Storage.Mongo;

/// <summary>
/// Every call the store makes to MongoDB goes through one of these: inside the transaction's session when the work
/// runs in one (<see cref="MongoTransactions"/>), and with what is left of the store call's time budget as
/// <c>maxTimeMS</c> on every find, aggregate and count. The server itself then stops a query that outlives the
/// request, so one tenant's slow filter costs its own request a timeout and holds no connection or CPU after it.
/// This is the one place where a session is optional; nothing else branches on it.
/// </summary>
internal sealed class MongoSession(IClientSessionHandle? handle, MongoDeadline deadline)
{
    public bool InTransaction => handle is not null;

    public IFindFluent<BsonDocument, BsonDocument> Find(IMongoCollection<BsonDocument> collection, BsonDocument filter)
    {
        var options = new FindOptions { MaxTime = deadline.Remaining() };
        return handle is null ? collection.Find(filter, options) : collection.Find(handle, filter, options);
    }

    public async Task<List<BsonDocument>> AggregateAsync(
        IMongoCollection<BsonDocument> collection, IReadOnlyList<BsonDocument> pipeline, CancellationToken cancellationToken)
    {
        using var cursor = await OpenAggregateAsync(collection, pipeline, cancellationToken).ConfigureAwait(false);
        return await cursor.ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A cursor over an aggregation, for results read in batches.</summary>
    public Task<IAsyncCursor<BsonDocument>> OpenAggregateAsync(
        IMongoCollection<BsonDocument> collection, IReadOnlyList<BsonDocument> pipeline, CancellationToken cancellationToken)
    {
        var options = new AggregateOptions { MaxTime = deadline.Remaining() };
        PipelineDefinition<BsonDocument, BsonDocument> stages = pipeline.ToArray();
        return handle is null
            ? collection.AggregateAsync(stages, options, cancellationToken)
            : collection.AggregateAsync(handle, stages, options, cancellationToken);
    }

    public Task<long> CountAsync(IMongoCollection<BsonDocument> collection, BsonDocument filter, CancellationToken cancellationToken)
    {
        var options = new CountOptions { MaxTime = deadline.Remaining() };
        return handle is null
            ? collection.CountDocumentsAsync(filter, options, cancellationToken)
            : collection.CountDocumentsAsync(handle, filter, options, cancellationToken);
    }

    public Task<BsonDocument?> FindOneAndUpdateAsync(
        IMongoCollection<BsonDocument> collection, BsonDocument filter, BsonDocument update, BsonDocument projection, CancellationToken cancellationToken)
    {
        var options = new FindOneAndUpdateOptions<BsonDocument, BsonDocument?>
        {
            ReturnDocument = ReturnDocument.After,
            Projection = projection,
            MaxTime = deadline.Remaining(),
        };
        return handle is null
            ? collection.FindOneAndUpdateAsync<BsonDocument?>(filter, update, options, cancellationToken)
            : collection.FindOneAndUpdateAsync<BsonDocument?>(handle, filter, update, options, cancellationToken);
    }

    /// <summary>Adds <paramref name="amount"/> to a counter field, creating the document at 0 first; the new value.</summary>
    public async Task<long> IncrementAsync(
        IMongoCollection<BsonDocument> collection, BsonDocument filter, string field, long amount, CancellationToken cancellationToken)
    {
        var options = new FindOneAndUpdateOptions<BsonDocument, BsonDocument>
        {
            IsUpsert = true,
            ReturnDocument = ReturnDocument.After,
            Projection = new BsonDocument(field, 1),
            MaxTime = deadline.Remaining(),
        };
        var update = new BsonDocument("$inc", new BsonDocument(field, amount));
        var counter = handle is null
            ? await collection.FindOneAndUpdateAsync<BsonDocument>(filter, update, options, cancellationToken).ConfigureAwait(false)
            : await collection.FindOneAndUpdateAsync<BsonDocument>(handle, filter, update, options, cancellationToken).ConfigureAwait(false);
        return counter[field].ToInt64();
    }

    public Task InsertManyAsync(IMongoCollection<BsonDocument> collection, IEnumerable<BsonDocument> documents, CancellationToken cancellationToken) =>
        handle is null
            ? collection.InsertManyAsync(documents, cancellationToken: cancellationToken)
            : collection.InsertManyAsync(handle, documents, cancellationToken: cancellationToken);

    public Task InsertOneAsync(IMongoCollection<BsonDocument> collection, BsonDocument document, CancellationToken cancellationToken) =>
        handle is null
            ? collection.InsertOneAsync(document, cancellationToken: cancellationToken)
            : collection.InsertOneAsync(handle, document, cancellationToken: cancellationToken);

    public Task<UpdateResult> UpdateOneAsync(
        IMongoCollection<BsonDocument> collection, BsonDocument filter, BsonDocument update, CancellationToken cancellationToken) =>
        handle is null
            ? collection.UpdateOneAsync(filter, update, cancellationToken: cancellationToken)
            : collection.UpdateOneAsync(handle, filter, update, cancellationToken: cancellationToken);

    public Task<UpdateResult> UpdateManyAsync(
        IMongoCollection<BsonDocument> collection, BsonDocument filter, BsonDocument update, CancellationToken cancellationToken) =>
        handle is null
            ? collection.UpdateManyAsync(filter, update, cancellationToken: cancellationToken)
            : collection.UpdateManyAsync(handle, filter, update, cancellationToken: cancellationToken);

    public Task<ReplaceOneResult> UpsertAsync(
        IMongoCollection<BsonDocument> collection, BsonDocument filter, BsonDocument replacement, CancellationToken cancellationToken)
    {
        var options = new ReplaceOptions { IsUpsert = true };
        return handle is null
            ? collection.ReplaceOneAsync(filter, replacement, options, cancellationToken)
            : collection.ReplaceOneAsync(handle, filter, replacement, options, cancellationToken);
    }

    public Task<DeleteResult> DeleteOneAsync(IMongoCollection<BsonDocument> collection, BsonDocument filter, CancellationToken cancellationToken) =>
        handle is null
            ? collection.DeleteOneAsync(filter, cancellationToken)
            : collection.DeleteOneAsync(handle, filter, cancellationToken: cancellationToken);

    public Task<DeleteResult> DeleteManyAsync(IMongoCollection<BsonDocument> collection, BsonDocument filter, CancellationToken cancellationToken) =>
        handle is null
            ? collection.DeleteManyAsync(filter, cancellationToken)
            : collection.DeleteManyAsync(handle, filter, cancellationToken: cancellationToken);

    /// <summary>An unordered bulk write; nothing when there is nothing to write.</summary>
    public async Task BulkWriteAsync(
        IMongoCollection<BsonDocument> collection, IReadOnlyList<WriteModel<BsonDocument>> models, CancellationToken cancellationToken)
    {
        if (models.Count == 0)
        {
            return;
        }

        var options = new BulkWriteOptions { IsOrdered = false };
        _ = handle is null
            ? await collection.BulkWriteAsync(models, options, cancellationToken).ConfigureAwait(false)
            : await collection.BulkWriteAsync(handle, models, options, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// The time budget of one store call (<see cref="MongoStoreOptions.OperationTimeout"/>), started when the call
/// starts: each query gets what is left of it as <c>maxTimeMS</c>.
/// </summary>
internal sealed class MongoDeadline(TimeProvider time, TimeSpan budget)
{
    private readonly long _started = time.GetTimestamp();

    /// <summary>What is left, never less than a millisecond (zero would mean "no limit" to MongoDB).</summary>
    public TimeSpan Remaining()
    {
        var left = budget - time.GetElapsedTime(_started);
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }
}
