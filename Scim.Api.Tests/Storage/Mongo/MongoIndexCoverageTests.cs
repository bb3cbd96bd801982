using MongoDB.Bson;
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
/// Without a server: every query shape the store sends, rendered, must have its equality fields and its sort as the
/// prefix of a declared index (<see cref="MongoIndexPrefix"/>), and the table names which one. Where a MongoDB is
/// available, <see cref="MongoExplainTests"/> asks the server itself for the same shapes.
/// </summary>
public class MongoIndexCoverageTests
{
    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();
    private static readonly IReadOnlyList<MongoIndexDefinition> Resources = MongoIndexes.Resources(Registry.ResourceTypes);
    private static readonly IReadOnlyList<string> AllTypes = ["User", "Group"];
    private static readonly IReadOnlyList<string> GroupTypes = ["Group"];

    /// <summary>(name, type, filter, sort attribute, descending, the index that must serve it).</summary>
    public static readonly TheoryData<string, string, string?, string?, bool, string> ListShapes = new()
    {
        { "creation order", "User", null, null, false, "scope" },
        { "by id", "User", null, "id", false, "id" },
        { "by id descending", "User", null, "id", true, "id" },
        { "by meta.created", "User", null, "meta.created", false, "scope" },
        { "by meta.created descending", "User", null, "meta.created", true, "created_desc" },
        { "by meta.lastModified", "User", null, "meta.lastModified", false, "lastModified_asc" },
        { "by meta.lastModified descending", "User", null, "meta.lastModified", true, "lastModified_desc" },
        { "by userName", "User", null, "userName", false, "unique_userName" },
        { "by userName descending", "User", null, "userName", true, "unique_userName" },
        { "by Group displayName", "Group", null, "displayName", false, "unique_displayName" },
        { "userName eq", "User", "userName eq \"bjensen\"", null, false, "unique_userName" },
        { "userName eq sorted", "User", "userName eq \"bjensen\"", "meta.lastModified", false, "unique_userName" },
        { "Group displayName eq", "Group", "displayName eq \"Admins\"", null, false, "unique_displayName" },
        { "externalId eq", "User", "externalId eq \"e1\"", null, false, "externalId_created" },
        { "id eq", "User", "id eq \"u1\"", null, false, "id" },
        { "a 999-term or on userName", "User", string.Join(" or ", Enumerable.Range(0, 999).Select(i => $"userName eq \"u{i}\"")), null, false, "unique_userName" },
        { "incremental sync", "User", "meta.lastModified gt \"2024-05-01T00:00:00Z\"", "meta.lastModified", false, "lastModified_asc" },
        { "incremental sync in creation order", "User", "meta.lastModified gt \"2024-05-01T00:00:00Z\"", null, false, "scope" },
        { "text filter", "User", "name.familyName co \"jen\"", null, false, "scope" },
        { "members.value eq", "Group", "members.value eq \"u1\"", null, false, "scope" },
        { "groups pr", "User", "groups pr", "userName", false, "unique_userName" },
        { "members.display co", "Group", "members.display co \"ens\"", "displayName", true, "unique_displayName" },
    };

    [Theory]
    [MemberData(nameof(ListShapes))]
    public void ListPages_ByIndexAndByPosition_AreServedByTheDeclaredIndex(string name, string type, string? filter, string? sortBy, bool descending, string index)
    {
        var query = Query(type, filter, sortBy, descending);
        var plan = MongoQueryPlan.For(query, AllTypes, GroupTypes);
        var anchor = new BsonArray(plan.Sort.Fields.Select(field => field.Field == MongoFields.ResourceId ? (BsonValue)"u1" : 42L));

        foreach (var pipeline in new[] { plan.PagePipeline(0, 100), plan.KeysetPipeline(null, false, 101), plan.KeysetPipeline(anchor, false, 101), plan.KeysetPipeline(anchor, true, 101), plan.ProbePipeline(anchor, false) })
        {
            var match = pipeline[0]["$match"].AsBsonDocument;
            var sort = pipeline[1].Contains("$sort") ? pipeline[1]["$sort"].AsBsonDocument : null;

            var serving = MongoIndexPrefix.Find(match, sort, Resources);

            Assert.True(serving?.Index == index, $"{name}: expected index {index}, got {serving?.Index ?? "none"} for {new BsonArray(pipeline).ToJson()}");
            Assert.True(plan.Sort.IndexServed, $"{name}: the sort is computed in memory.");
        }
    }

    // Orders on a value computed per resource cannot be index walks; they are the documented exception (docs/mongodb.md).
    [Theory]
    [InlineData("name.familyName")]
    [InlineData("emails")]
    [InlineData("externalId")]
    [InlineData("meta.version")]
    public void Sorts_OnComputedOrOptionalValues_AreTheOnlyOnesSortedInMemory(string sortBy)
    {
        var plan = MongoQueryPlan.For(Query("User", null, sortBy, false), AllTypes, GroupTypes);

        Assert.False(plan.Sort.IndexServed);
        Assert.Equal("scope", MongoIndexPrefix.Find(plan.Match, null, Resources)?.Index);
    }

    [Theory]
    [InlineData("Group", "members.value eq \"u1\"", "g", "membership")]
    [InlineData("Group", "members[display sw \"b\"]", "g", "membership")]
    [InlineData("User", "groups.value eq \"g1\"", "m", "memberOf_group")]
    [InlineData("User", "groups.display eq \"Admins\"", "m", "memberOf_group")]
    public void MembershipLookups_SeekTheRowsOfEachResourceOnAnIndex(string type, string filter, string foreignField, string index)
    {
        var plan = MongoQueryPlan.For(Query(type, filter, null, false), AllTypes, GroupTypes);
        var lookup = Assert.Single(plan.Lookups)["$lookup"].AsBsonDocument;
        var firstMatch = lookup["pipeline"][0]["$match"].AsBsonDocument;

        var serving = MongoIndexPrefix.Find(firstMatch, null, MongoIndexes.Memberships(), extraEqualities: [foreignField]);

        Assert.Equal(foreignField, lookup["foreignField"].AsString);
        Assert.Equal(index, serving?.Index);
    }

    public static readonly TheoryData<string, BsonDocument, BsonDocument?, string, string> OtherShapes = new()
    {
        { "get by key", new BsonDocument(MongoFields.Id, MongoFields.KeyOf("t", "User", "u1")), null, MongoFields.ResourcesCollection, "_id_" },
        { "members of a page", MongoMemberships.OfGroups("t", ["g1", "g2"]), new BsonDocument { { "t", 1 }, { "g", 1 }, { "m", 1 } }, MongoFields.MembershipsCollection, "membership" },
        { "groups of a page", MongoMemberships.OfMembers("t", ["u1"]), new BsonDocument { { "t", 1 }, { "m", 1 }, { "g", 1 } }, MongoFields.MembershipsCollection, "memberOf_group" },
        { "tombstones newest first", MongoTombstoneDocuments.Listing(new DeletedQuery("t", null, DateTimeOffset.UnixEpoch, new PageRequest(1, 10))), MongoTombstoneDocuments.NewestFirst, MongoFields.TombstonesCollection, "deleted_newest" },
        { "tombstones of a type newest first", MongoTombstoneDocuments.Listing(new DeletedQuery("t", BuiltInSchemas.UserResourceType, DateTimeOffset.UnixEpoch, new PageRequest(1, 10))), MongoTombstoneDocuments.NewestFirst, MongoFields.TombstonesCollection, "deleted_newest_type" },
        { "audit of a tenant", MongoAuditDocuments.Filter(new AuditQuery("t", null, null, null, null, new PageRequest(1, 10))), MongoAuditDocuments.NewestFirst, MongoFields.AuditCollection, "tenant_newest" },
        { "audit of a type", MongoAuditDocuments.Filter(new AuditQuery("t", "User", null, DateTimeOffset.UnixEpoch, null, new PageRequest(1, 10))), MongoAuditDocuments.NewestFirst, MongoFields.AuditCollection, "type_newest" },
        { "audit of a resource", MongoAuditDocuments.Filter(new AuditQuery("t", "User", "u1", null, null, new PageRequest(1, 10))), MongoAuditDocuments.NewestFirst, MongoFields.AuditCollection, "resource_newest" },
        { "audit of every tenant", MongoAuditDocuments.Filter(new AuditQuery(null, null, null, DateTimeOffset.UnixEpoch, null, new PageRequest(1, 10))), MongoAuditDocuments.NewestFirst, MongoFields.AuditCollection, "time_newest" },
        { "pending row moves", new BsonDocument(MongoFields.RowsPending, new BsonDocument("$exists", true)), null, MongoFields.TombstonesCollection, "pending" },
        { "events after a position", MongoEventDocuments.After("t", 42), MongoEventDocuments.OldestFirst, MongoFields.EventsCollection, "tenant_position" },
        { "event values of a purged resource", MongoEventDocuments.WithValuesOf("t", "User", "u1"), null, MongoFields.EventsCollection, "resource" },
        { "events past their retention", new BsonDocument(MongoFields.EventAtTicks, new BsonDocument("$lt", 42L)), new BsonDocument { { MongoFields.EventAtTicks, 1 }, { MongoFields.Id, 1 } }, MongoFields.EventsCollection, "age" },
        { "a tenant's last position", MongoEventDocuments.Counter("t"), null, MongoFields.EventPositionsCollection, "_id_" },
        { "one subscription", MongoSubscriptions.Key("t", "s1"), null, MongoFields.SubscriptionsCollection, "_id_" },
        { "a tenant's subscriptions", new BsonDocument(MongoFields.SubscriptionTenant, "t"), new BsonDocument { { MongoFields.SubscriptionTenant, 1 }, { MongoFields.SubscriptionId, 1 } }, MongoFields.SubscriptionsCollection, "tenant" },
        { "every tenant's subscriptions", new BsonDocument(), new BsonDocument { { MongoFields.SubscriptionTenant, 1 }, { MongoFields.SubscriptionId, 1 } }, MongoFields.SubscriptionsCollection, "tenant" },
        { "provisioning log of a tenant", MongoRequestLogDocuments.Filter(LogQuery(null, null)), MongoRequestLogDocuments.NewestFirst, MongoFields.RequestLogCollection, "tenant_newest" },
        { "provisioning log, older page, by status", MongoRequestLogDocuments.Filter(LogQuery(null, "638500000000000000:665f1c2b9d3e4a0012345678") with { Status = new StatusRange(400, 499) }), MongoRequestLogDocuments.NewestFirst, MongoFields.RequestLogCollection, "tenant_newest" },
        { "provisioning log of a resource", MongoRequestLogDocuments.Filter(LogQuery("u1", null)), MongoRequestLogDocuments.NewestFirst, MongoFields.RequestLogCollection, "resource_newest" },
        { "provisioning log trim", new BsonDocument(MongoFields.LogTenant, "t"), MongoRequestLogDocuments.NewestFirst, MongoFields.RequestLogCollection, "tenant_newest" },
    };

    private static RequestLogQuery LogQuery(string? resourceId, string? before) => new("t", null, null, resourceId, null, before, 50);

    // Range-only reads (the overview's last hour, the credentials seen lately): the range's field leads the index.
    public static readonly TheoryData<string, BsonDocument, string, string> RangeShapes = new()
    {
        { "minute counts of the last hour", MongoRequestLogDocuments.MinutesSince(DateTimeOffset.UnixEpoch), MongoFields.RequestMinutesCollection, "minute" },
        { "credentials that called lately", MongoRequestLogDocuments.CallsSince(DateTimeOffset.UnixEpoch), MongoFields.CredentialActivityCollection, "last_call" },
    };

    [Theory]
    [MemberData(nameof(RangeShapes))]
    public void RangeReadsOfTheOverview_AreServedByAnIndexLedByTheirField(string name, BsonDocument filter, string collection, string index)
    {
        var indexes = MongoIndexes.All(Registry.ResourceTypes).Single(entry => entry.Collection == collection).Indexes;
        var field = Assert.Single(filter.Names);

        Assert.True(indexes.Single(candidate => candidate.Name == index).Keys.GetElement(0).Name == field, $"{name}: {index} does not begin with {field}");
    }

    [Fact]
    public void LogCollections_ExpireByTheirOwnDate()
    {
        foreach (var collection in new[] { MongoFields.RequestLogCollection, MongoFields.RequestMinutesCollection, MongoFields.CredentialActivityCollection })
        {
            var expiry = MongoIndexes.All(Registry.ResourceTypes).Single(entry => entry.Collection == collection).Indexes.Single(index => index.Name == "expiry");

            Assert.Equal(TimeSpan.Zero, expiry.ExpireAfter);
            Assert.Equal(0L, expiry.Render()["expireAfterSeconds"].ToInt64());
        }
    }

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void ReadsListingsAndBackgroundWork_AreServedByTheDeclaredIndex(string name, BsonDocument filter, BsonDocument? sort, string collection, string index)
    {
        var indexes = MongoIndexes.All(Registry.ResourceTypes).Single(entry => entry.Collection == collection).Indexes;

        var serving = name == "pending row moves" ? PartialOnly(filter, indexes) : MongoIndexPrefix.Find(filter, sort, indexes)?.Index;

        Assert.True(serving == index, $"{name}: expected {index}, got {serving ?? "none"}");
    }

    [Fact]
    public void ResourceCount_WalksTheScopeIndex()
    {
        var sort = MongoResourceCounter.Pipeline()[0]["$sort"].AsBsonDocument;

        Assert.Equal(["_id.t", "_id.rt"], sort.Names.ToArray());
        Assert.StartsWith("{ \"_id.t\" : 1, \"_id.rt\" : 1", Resources.Single(index => index.Name == "scope").Keys.ToJson(), StringComparison.Ordinal);
    }

    // A partial index on one field whose filter the query repeats: { rowsPending: { $exists: true } }.
    private static string? PartialOnly(BsonDocument filter, IEnumerable<MongoIndexDefinition> indexes) =>
        indexes.FirstOrDefault(index => index.PartialFilter is not null && index.PartialFilter.Equals(filter))?.Name;

    private static ResourceQuery Query(string type, string? filter, string? sortBy, bool descending) => new(
        "t",
        type == "Group" ? BuiltInSchemas.GroupResourceType : BuiltInSchemas.UserResourceType,
        filter is null ? null : FilterParser.Parse(filter),
        sortBy is null ? null : new SortSpec(Path(sortBy), descending),
        new PageRequest(1, 100),
        ReadOptions.DocumentOnly);
}
