using MongoDB.Bson;
using MongoDB.Driver;
using Scim.Api.Core.Activity;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using Scim.Api.Storage.Mongo;
using Scim.Api.Storage.Mongo.Activity;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage.Mongo;

/// <summary>
/// Where a MongoDB is available (<see cref="MongoServerFixture"/>): the server's own <c>explain</c> of every query shape
/// the store sends (the table of <see cref="MongoIndexCoverageTests"/>) over a seeded database. A collection scan fails,
/// and so does an in-memory sort where an index must serve the order; each membership lookup must seek its rows.
/// </summary>
public sealed class MongoExplainTests(MongoServerFixture server) : IAsyncLifetime
{
    private const int Page = 100;
    private readonly string _database = $"scim_test_{Guid.NewGuid():N}";
    private IMongoClient? _client;
    private MongoResourceStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DropDatabaseAsync(_database, CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(MongoIndexCoverageTests.ListShapes), MemberType = typeof(MongoIndexCoverageTests))]
    public async Task ListPages_ByIndexAndByPosition_NeitherScanTheCollectionNorSortInMemory(
        string name, string type, string? filter, string? sortBy, bool descending, string index)
    {
        await SeedAsync();
        var query = new ResourceQuery(
            "t", type == "Group" ? BuiltInSchemas.GroupResourceType : BuiltInSchemas.UserResourceType,
            filter is null ? null : FilterParser.Parse(filter), sortBy is null ? null : new SortSpec(Path(sortBy), descending),
            new PageRequest(1, Page), ReadOptions.DocumentOnly);
        var plan = _store.Plan(query);
        var first = await _store.QueryAsync(query with { Keyset = KeysetPage.First }, Ct);
        var anchor = first.LastPosition is null ? null : MongoKeyset.Parse(first.LastPosition, plan.Sort.Fields.Count);

        var pipelines = new List<List<BsonDocument>> { plan.PagePipeline(0, Page), plan.KeysetPipeline(anchor, false, Page + 1) };
        if (plan.CountPipeline() is { } count)
        {
            pipelines.Add(count);
        }

        foreach (var pipeline in pipelines)
        {
            var explained = await ExplainAsync(new BsonDocument { { "aggregate", MongoFields.ResourcesCollection }, { "pipeline", new BsonArray(pipeline) }, { "cursor", new BsonDocument() } });

            AssertNoCollectionScan(name, explained);
            AssertNoSortOfMoreThanAPage($"{name} ({index})", explained);
            AssertLookupsSeek(name, explained);
        }
    }

    [Fact]
    public async Task ListingsAndMembershipReads_NeitherScanTheCollectionNorSortInMemory()
    {
        await SeedAsync();
        var finds = new (string Collection, BsonDocument Filter, BsonDocument? Sort)[]
        {
            (MongoFields.MembershipsCollection, MongoMemberships.OfGroups("t", ["g1", "g2"]), new BsonDocument { { "t", 1 }, { "g", 1 }, { "m", 1 } }),
            (MongoFields.MembershipsCollection, MongoMemberships.OfMembers("t", ["u1"]), new BsonDocument { { "t", 1 }, { "m", 1 }, { "g", 1 } }),
            (MongoFields.TombstonesCollection, MongoTombstoneDocuments.Listing(new DeletedQuery("t", null, DateTimeOffset.UnixEpoch, new PageRequest(1, 10))), MongoTombstoneDocuments.NewestFirst),
            (MongoFields.AuditCollection, MongoAuditDocuments.Filter(new AuditQuery("t", "User", null, null, null, new PageRequest(1, 10))), MongoAuditDocuments.NewestFirst),
            (MongoFields.AuditCollection, MongoAuditDocuments.Filter(new AuditQuery("t", "User", "u1", null, null, new PageRequest(1, 10))), MongoAuditDocuments.NewestFirst),
            (MongoFields.ResourcesCollection, MongoFields.AnyKeyOf("t", ["User", "Group"], ["u1", "u2"]), null),
            (MongoFields.ResourcesCollection, MongoFields.ByKey("t", "User", "u1"), null),
            (MongoFields.TombstonesCollection, new BsonDocument(MongoFields.RowsPending, new BsonDocument("$exists", true)), null),
            (MongoFields.EventsCollection, MongoEventDocuments.After("t", 0), MongoEventDocuments.OldestFirst),
            (MongoFields.EventsCollection, MongoEventDocuments.WithValuesOf("t", "User", "u1"), null),
            (MongoFields.EventsCollection, new BsonDocument(MongoFields.EventAtTicks, new BsonDocument("$lt", long.MaxValue)), new BsonDocument { { MongoFields.EventAtTicks, 1 }, { MongoFields.Id, 1 } }),
            (MongoFields.EventPositionsCollection, MongoEventDocuments.Counter("t"), null),
            (MongoFields.SubscriptionsCollection, MongoSubscriptions.Key("t", "s1"), null),
            (MongoFields.SubscriptionsCollection, new BsonDocument(MongoFields.SubscriptionTenant, "t"), new BsonDocument { { MongoFields.SubscriptionTenant, 1 }, { MongoFields.SubscriptionId, 1 } }),
            (MongoFields.SubscriptionsCollection, new BsonDocument(), new BsonDocument { { MongoFields.SubscriptionTenant, 1 }, { MongoFields.SubscriptionId, 1 } }),
            (MongoFields.RequestLogCollection, MongoRequestLogDocuments.Filter(new RequestLogQuery("t", new StatusRange(400, 499), null, null, null, $"{DateTime.UtcNow.Ticks}:{ObjectId.GenerateNewId()}", 10)), MongoRequestLogDocuments.NewestFirst),
            (MongoFields.RequestLogCollection, MongoRequestLogDocuments.Filter(new RequestLogQuery("t", null, "User", "u1", null, null, 10)), MongoRequestLogDocuments.NewestFirst),
            (MongoFields.RequestMinutesCollection, MongoRequestLogDocuments.MinutesSince(DateTimeOffset.UtcNow.AddHours(-1)), null),
            (MongoFields.CredentialActivityCollection, MongoRequestLogDocuments.CallsSince(DateTimeOffset.UtcNow.AddDays(-1)), null),
        };

        foreach (var (collection, filter, sort) in finds)
        {
            var find = new BsonDocument { { "find", collection }, { "filter", filter } };
            if (sort is not null)
            {
                find.Add("sort", sort);
            }

            var explained = await ExplainAsync(find);

            AssertNoCollectionScan(collection, explained);
            AssertNoSortOfMoreThanAPage(collection, explained);
        }
    }

    private async Task<BsonDocument> ExplainAsync(BsonDocument command) =>
        await _client!.GetDatabase(_database).RunCommandAsync<BsonDocument>(
            new BsonDocument { { "explain", command }, { "verbosity", "executionStats" } }, cancellationToken: Ct);

    private static void AssertNoCollectionScan(string name, BsonDocument explained) =>
        Assert.True(Stages(explained).All(stage => stage != "COLLSCAN"), $"{name}: a collection scan in {explained.ToJson()}");

    // A blocking sort of what one unique key pins (a document or none) is harmless; one over more than a page is the
    // sort an index must serve.
    private static void AssertNoSortOfMoreThanAPage(string name, BsonDocument explained)
    {
        foreach (var sort in Nodes(explained).Where(node => node["stage"] == "SORT"))
        {
            var input = sort.TryGetValue("inputStage", out var child) && child is BsonDocument stage && stage.TryGetValue("nReturned", out var read)
                ? read.ToInt64()
                : sort.GetValue("nReturned", 0).ToInt64();
            Assert.True(input <= Page, $"{name}: an in-memory sort of {input} documents in {explained.ToJson()}");
        }
    }

    private static IEnumerable<BsonDocument> Nodes(BsonValue value) => value switch
    {
        BsonDocument document => (document.TryGetValue("stage", out var stage) && stage.IsString ? [document] : Enumerable.Empty<BsonDocument>())
            .Concat(document.Values.SelectMany(Nodes)),
        BsonArray array => array.SelectMany(Nodes),
        _ => [],
    };

    // MongoDB 6+ reports, for each $lookup, how its sub-pipeline read the foreign collection.
    private static void AssertLookupsSeek(string name, BsonDocument explained)
    {
        foreach (var lookup in Find(explained, "$lookup"))
        {
            if (lookup.TryGetValue("collectionScans", out var scans))
            {
                Assert.True(scans.ToInt64() == 0, $"{name}: a lookup scanned a collection in {explained.ToJson()}");
            }
        }
    }

    // Every "stage" named anywhere in an explain: the classic plan tree, the SBE query plan, the aggregation stages.
    private static IEnumerable<string> Stages(BsonValue value) => value switch
    {
        BsonDocument document => document.SelectMany(element =>
            element.Name == "stage" && element.Value.IsString ? [element.Value.AsString] : Stages(element.Value)),
        BsonArray array => array.SelectMany(Stages),
        _ => [],
    };

    private static IEnumerable<BsonDocument> Find(BsonValue value, string name) => value switch
    {
        BsonDocument document => document.SelectMany(element => element.Name == name && element.Value.IsBsonDocument
            ? Find(element.Value, name).Prepend(document)
            : Find(element.Value, name)),
        BsonArray array => array.SelectMany(item => Find(item, name)),
        _ => [],
    };

    // Enough resources that a plan reading everything or sorting everything shows, and every kind of row.
    private async Task SeedAsync()
    {
        _client = await server.GetClientAsync();
        _store = new MongoResourceStore(_client, SchemaRegistry.CreateDefault(), new MongoStoreOptions { Database = _database, OperationTimeout = TimeSpan.FromSeconds(60) }, TimeProvider.System);
        await _store.InitializeAsync(Ct);
        var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3 * Page; i++)
        {
            var document = new System.Text.Json.Nodes.JsonObject { ["userName"] = $"user{i:D4}", ["externalId"] = $"e{i % 50}", ["name"] = new System.Text.Json.Nodes.JsonObject { ["familyName"] = $"F{i % 7}" } };
            await _store.CreateAsync(new ResourceWrite(new ResourceKey("t", BuiltInSchemas.UserResourceType, $"u{i}"), document, start.AddTicks(i * 1_237), [], Entry(start)), Ct);
        }

        for (var g = 0; g < 20; g++)
        {
            var members = Enumerable.Range(0, 30).Select(i => new MemberReference($"u{(g * 13 + i) % (3 * Page)}", null, null)).ToList();
            await _store.CreateAsync(new ResourceWrite(new ResourceKey("t", BuiltInSchemas.GroupResourceType, $"g{g}"), new() { ["displayName"] = $"Group {g}" }, start.AddTicks(g), members), Ct);
        }

        await _store.DeleteAsync(new ResourceDeletion(new ResourceKey("t", BuiltInSchemas.UserResourceType, "u299"), null, start.AddDays(1)), Ct);
    }

    private static AuditEntry Entry(DateTimeOffset at) => new(AuditOperation.Create, "test", null, null, at, [], null);
}
