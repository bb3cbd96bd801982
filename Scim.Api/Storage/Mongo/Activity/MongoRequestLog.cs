using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Activity;

namespace Scim.Api.Storage.Mongo.Activity;

/// <summary>
/// The provisioning log in MongoDB: entries inserted unordered in one command per batch, the minute counts and last
/// calls upserted by <c>$inc</c>, <c>$max</c> and <c>$push</c> with <c>$slice</c> (atomic per document, so replicas
/// writing at once add up), each tenant trimmed to its bound after its entries, and TTL indexes for the age. Nothing
/// here runs in a transaction: an entry lost between two of these steps costs a count, never a resource.
/// </summary>
internal sealed class MongoRequestLog(MongoCollections collections)
{
    public async Task AppendAsync(IReadOnlyList<RequestLogEntry> entries, RequestLogBounds bounds, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var retention = bounds.MaxAge;
        if (entries.Count == 0)
        {
            return;
        }

        await collections.RequestLog.InsertManyAsync(
            entries.Select(entry => MongoRequestLogDocuments.Entry(entry, entry.At + retention)),
            new InsertManyOptions { IsOrdered = false },
            cancellationToken).ConfigureAwait(false);

        var minutes = RequestLogBatch.CountsByMinute(entries).Select(pair =>
        {
            var ((tenant, credential, minuteText), counts) = pair;
            var minute = Core.Storage.RoundTripTime.Parse(minuteText);
            var increments = new BsonDocument
            {
                { "success", counts.Success }, { "redirect", counts.Redirect }, { "clientError", counts.ClientError },
                { "serverError", counts.ServerError }, { "throttled", counts.Throttled },
            };
            for (var i = 0; i < counts.Durations.Count; i++)
            {
                increments.Add(string.Create(CultureInfo.InvariantCulture, $"d{i}"), counts.Durations[i]);
            }

            return new UpdateOneModel<BsonDocument>(
                new BsonDocument { { MongoFields.LogTenant, tenant }, { MongoFields.LogCredential, credential }, { MongoFields.MinuteTicks, minute.UtcTicks } },
                new BsonDocument { { "$inc", increments }, { "$max", new BsonDocument(MongoFields.ExpireAt, (minute + retention).UtcDateTime) } })
            { IsUpsert = true };
        }).ToList();
        await collections.RequestMinutes.BulkWriteAsync(minutes, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);

        var calls = RequestLogBatch.CallsByCredential(entries).Select(pair =>
        {
            var ((tenant, credential), list) = pair;
            var last = list[^1];
            var set = new BsonDocument();
            if (last.Client is not null)
            {
                set.Add(MongoFields.LogClient, last.Client);
            }

            var update = new BsonDocument
            {
                { "$max", new BsonDocument { { MongoFields.LastCallTicks, last.At.UtcTicks }, { MongoFields.ExpireAt, (last.At + retention).UtcDateTime } } },
                {
                    "$push", new BsonDocument(MongoFields.RecentStatuses, new BsonDocument
                    {
                        { "$each", new BsonArray(list.Select(call => call.Status)) },
                        { "$slice", -CredentialActivity.MaxRecent },
                    })
                },
            };
            if (set.ElementCount > 0)
            {
                update.Add("$set", set);
            }

            return new UpdateOneModel<BsonDocument>(
                new BsonDocument { { MongoFields.LogTenant, tenant }, { MongoFields.LogCredential, credential } }, update)
            { IsUpsert = true };
        }).ToList();
        await collections.CredentialActivity.BulkWriteAsync(calls, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);

        foreach (var tenant in entries.Select(entry => entry.Tenant).Distinct(StringComparer.Ordinal))
        {
            await TrimAsync(tenant, bounds.MaxEntriesPerTenant, deadline, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<RequestLogPage> QueryAsync(RequestLogQuery query, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var documents = await collections.RequestLog
            .Find(MongoRequestLogDocuments.Filter(query), new FindOptions { MaxTime = deadline.Remaining() })
            .Sort(MongoRequestLogDocuments.NewestFirst)
            .Limit(query.Count + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var entries = documents.Take(query.Count).Select(MongoRequestLogDocuments.Read).ToList();
        return new RequestLogPage(entries, documents.Count > query.Count ? entries[^1].Position : null);
    }

    public async Task<IReadOnlyList<CredentialActivity>> ActivityAsync(
        DateTimeOffset lastCallSince, DateTimeOffset countsSince, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string, string), RequestCounts>();
        var minutes = await collections.RequestMinutes
            .Find(MongoRequestLogDocuments.MinutesSince(countsSince), new FindOptions { MaxTime = deadline.Remaining() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var minute in minutes)
        {
            var key = (minute[MongoFields.LogTenant].AsString, minute[MongoFields.LogCredential].AsString);
            var one = new RequestCounts(
                Long(minute, "success"), Long(minute, "redirect"), Long(minute, "clientError"), Long(minute, "serverError"), Long(minute, "throttled"),
                [.. Enumerable.Range(0, DurationBuckets.Count).Select(i => Long(minute, string.Create(CultureInfo.InvariantCulture, $"d{i}")))]);
            counts[key] = counts.TryGetValue(key, out var sum) ? sum.Add(one) : one;
        }

        var calls = await collections.CredentialActivity
            .Find(MongoRequestLogDocuments.CallsSince(lastCallSince), new FindOptions { MaxTime = deadline.Remaining() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. calls.Select(call =>
        {
            var key = (call[MongoFields.LogTenant].AsString, call[MongoFields.LogCredential].AsString);
            return new CredentialActivity(
                key.Item1, key.Item2, new DateTimeOffset(call[MongoFields.LastCallTicks].ToInt64(), TimeSpan.Zero),
                call.TryGetValue(MongoFields.LogClient, out var client) && client.IsString ? client.AsString : null,
                [.. call[MongoFields.RecentStatuses].AsBsonArray.Select(status => status.ToInt32())],
                counts.GetValueOrDefault(key) ?? RequestCounts.None);
        })];
    }

    /// <summary>The TTL indexes delete by age on the server; this only hurries them (they run once a minute).</summary>
    public async Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var expired = new BsonDocument(MongoFields.ExpireAt, new BsonDocument("$lt", before.UtcDateTime));
        foreach (var collection in new[] { collections.RequestLog, collections.RequestMinutes, collections.CredentialActivity })
        {
            await collection.DeleteManyAsync(expired, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> ReadKeysAsync(CancellationToken cancellationToken)
    {
        var keys = await collections.ConsoleKeys.Find(new BsonDocument()).Sort(new BsonDocument(MongoFields.Id, 1)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. keys.Select(key => key["xml"].AsString)];
    }

    public Task AddKeyAsync(string name, string xml, CancellationToken cancellationToken) =>
        collections.ConsoleKeys.UpdateOneAsync(
            new BsonDocument(MongoFields.Id, name),
            new BsonDocument("$setOnInsert", new BsonDocument("xml", xml)),
            new UpdateOptions { IsUpsert = true },
            cancellationToken);

    // The newest N entries stay: the (N+1)th newest is found on tenant_newest, and it and everything older go.
    private async Task TrimAsync(string tenant, int keep, MongoDeadline deadline, CancellationToken cancellationToken)
    {
        var boundary = await collections.RequestLog
            .Find(new BsonDocument(MongoFields.LogTenant, tenant), new FindOptions { MaxTime = deadline.Remaining() })
            .Sort(MongoRequestLogDocuments.NewestFirst)
            .Skip(keep)
            .Limit(1)
            .Project(new BsonDocument(MongoFields.LogAtTicks, 1))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (boundary is not null)
        {
            await collections.RequestLog.DeleteManyAsync(
                MongoRequestLogDocuments.AtOrBefore(tenant, boundary[MongoFields.LogAtTicks].ToInt64(), boundary[MongoFields.Id].AsObjectId),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static long Long(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsNumeric ? value.ToInt64() : 0;
}
