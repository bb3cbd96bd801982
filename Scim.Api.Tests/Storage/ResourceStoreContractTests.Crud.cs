using System.Text.Json.Nodes;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Create_ThenGet_ReturnsTheDocumentAtVersionOne()
    {
        var created = await CreateUserAsync("u1", "bjensen", "Barbara Jensen");

        var read = await GetAsync(UserKey("u1"));

        Assert.Equal(1, created.Version);
        Assert.Equal(1, read.Version);
        Assert.Equal("u1", read.Id);
        Assert.Equal(created.Created, read.Created);
        Assert.Equal(read.Created, read.LastModified);
        Assert.True(JsonNode.DeepEquals(UserDocument("bjensen", "Barbara Jensen"), read.Document));
    }

    [Fact]
    public async Task Create_KeepsTheCallersInstantToTheTick()
    {
        var instant = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567);

        await Store.CreateAsync(new ResourceWrite(UserKey("u1"), UserDocument("bjensen"), instant, []), Ct);
        var read = await GetAsync(UserKey("u1"));

        Assert.Equal(instant, read.Created);
        Assert.Equal(instant.UtcTicks, read.LastModified.UtcTicks);
    }

    [Fact]
    public async Task Create_LeavesIdMetaAndMembershipsOutOfTheStoredDocument()
    {
        var document = UserDocument("bjensen");
        document["id"] = "client-id";
        document["meta"] = new JsonObject { ["version"] = "W/\"9\"" };
        document["groups"] = new JsonArray(new JsonObject { ["value"] = "g1" });

        await CreateUserAsync("u1", document);
        var read = await GetAsync(UserKey("u1"), ReadOptions.DocumentOnly);

        Assert.True(JsonNode.DeepEquals(UserDocument("bjensen"), read.Document));
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(UserKey("missing"), ReadOptions.Everything, Ct));
    }

    [Fact]
    public async Task Get_WithTheIdOfAnotherResourceType_ReturnsNull()
    {
        await CreateUserAsync("u1", "bjensen");

        Assert.Null(await Store.GetAsync(GroupKey("u1"), ReadOptions.Everything, Ct));
    }

    [Fact]
    public async Task Update_ReplacesTheDocumentAndBumpsTheVersion()
    {
        var created = await CreateUserAsync("u1", "bjensen");
        var modified = T0.AddDays(3);

        var updated = await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", "Babs"), null, modified), 1, Ct);
        var read = await GetAsync(UserKey("u1"));

        Assert.Equal(2, updated.Version);
        Assert.Equal(2, read.Version);
        Assert.Equal(created.Created, read.Created);
        Assert.Equal(modified, read.LastModified);
        Assert.Equal("Babs", (string?)read.Document["displayName"]);
        Assert.True(JsonNode.DeepEquals(read.Document, updated.Document));
    }

    [Fact]
    public async Task Update_WithoutADocument_KeepsTheDocumentAndStillBumpsTheVersion()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara");

        var updated = await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), null, null, T0.AddDays(1)), 1, Ct);

        Assert.Equal(2, updated.Version);
        Assert.True(JsonNode.DeepEquals(UserDocument("bjensen", "Barbara"), (await GetAsync(UserKey("u1"))).Document));
    }

    [Fact]
    public async Task Update_EveryChange_BumpsTheVersionByExactlyOne()
    {
        await CreateUserAsync("u1", "bjensen");

        for (var expected = 1; expected <= 5; expected++)
        {
            var updated = await Store.UpdateAsync(
                new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", $"v{expected}"), null, NextInstant()), expected, Ct);
            Assert.Equal(expected + 1, updated.Version);
        }
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsPreconditionFailedAndChangesNothing()
    {
        await CreateUserAsync("u1", "bjensen");
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", "first"), null, NextInstant()), 1, Ct);

        var error = await ScimErrorAsync(() =>
            Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", "second"), null, NextInstant()), 1, Ct));

        Assert.Equal(412, error.Status);
        Assert.Contains("current version is W/\"2\"", error.Detail, StringComparison.Ordinal);
        var read = await GetAsync(UserKey("u1"));
        Assert.Equal(2, read.Version);
        Assert.Equal("first", (string?)read.Document["displayName"]);
    }

    [Fact]
    public async Task Update_OfAMissingResource_IsNotFound()
    {
        var error = await ScimErrorAsync(() =>
            Store.UpdateAsync(new ResourceUpdate(UserKey("missing"), UserDocument("x"), null, NextInstant()), 1, Ct));

        Assert.Equal(404, error.Status);
        Assert.Contains("missing", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RemovesTheResource()
    {
        await CreateUserAsync("u1", "bjensen");

        await Store.DeleteAsync(UserKey("u1"), null, Ct);

        Assert.Null(await Store.GetAsync(UserKey("u1"), ReadOptions.Everything, Ct));
        Assert.Empty(await QueryIdsAsync(UserType, null));
    }

    [Fact]
    public async Task Delete_OfAMissingResource_IsNotFound()
    {
        var error = await ScimErrorAsync(() => Store.DeleteAsync(UserKey("missing"), null, Ct));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Delete_WithTheCurrentVersion_Deletes()
    {
        await CreateUserAsync("u1", "bjensen");

        await Store.DeleteAsync(UserKey("u1"), 1, Ct);

        Assert.Null(await Store.GetAsync(UserKey("u1"), ReadOptions.Everything, Ct));
    }

    [Fact]
    public async Task Delete_WithAStaleVersion_IsPreconditionFailedAndKeepsTheResource()
    {
        await CreateUserAsync("u1", "bjensen");
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), null, null, NextInstant()), 1, Ct);

        var error = await ScimErrorAsync(() => Store.DeleteAsync(UserKey("u1"), 1, Ct));

        Assert.Equal(412, error.Status);
        Assert.NotNull(await Store.GetAsync(UserKey("u1"), ReadOptions.Everything, Ct));
    }

    [Fact]
    public async Task Delete_WithAVersionOfAMissingResource_IsNotFound()
    {
        var error = await ScimErrorAsync(() => Store.DeleteAsync(UserKey("missing"), 3, Ct));

        Assert.Equal(404, error.Status);
    }
}
