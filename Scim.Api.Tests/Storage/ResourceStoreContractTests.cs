using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// What every <see cref="IResourceStore"/> must do, whatever its database. A store's test class derives from
/// this one and says how to create an empty store, how to reopen it, and how to create one that rejects
/// unknown members; every test then runs against that store.
/// </summary>
public abstract partial class ResourceStoreContractTests : IAsyncLifetime
{
    protected const string Tenant = "tenant-a";
    protected const string OtherTenant = "tenant-b";

    protected static readonly ResourceTypeDefinition UserType = BuiltInSchemas.UserResourceType;
    protected static readonly ResourceTypeDefinition GroupType = BuiltInSchemas.GroupResourceType;
    protected static readonly DateTimeOffset T0 = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private int _clock;

    protected IResourceStore Store { get; set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A new, empty store of its own (a new file, a new database).</summary>
    protected abstract Task<IResourceStore> CreateStoreAsync();

    /// <summary>A new, empty store that fails updates naming members that do not exist.</summary>
    protected abstract Task<IResourceStore> CreateStoreRejectingUnknownMembersAsync();

    /// <summary>Closes <paramref name="store"/> and opens a new instance over the same data.</summary>
    protected abstract Task<IResourceStore> ReopenAsync(IResourceStore store);

    protected static ResourceKey UserKey(string id, string tenant = Tenant) => new(tenant, UserType, id);

    protected static ResourceKey GroupKey(string id, string tenant = Tenant) => new(tenant, GroupType, id);

    protected static JsonObject UserDocument(string userName, string? displayName = null)
    {
        var document = new JsonObject { ["schemas"] = new JsonArray(ScimSchemaIds.User), ["userName"] = userName };
        if (displayName is not null)
        {
            document["displayName"] = displayName;
        }

        return document;
    }

    protected static JsonObject GroupDocument(string displayName) =>
        new() { ["schemas"] = new JsonArray(ScimSchemaIds.Group), ["displayName"] = displayName };

    /// <summary>
    /// A later instant each call, so that lastModified values are distinct and ordered. The steps are 123.7 µs, not
    /// whole milliseconds or minutes: several writes share a millisecond, as they do on a busy service, so a store
    /// that cut its instants to milliseconds would tie them and fail.
    /// </summary>
    protected DateTimeOffset NextInstant() => T0.AddTicks(Interlocked.Increment(ref _clock) * 1_237);

    protected Task<StoredResource> CreateUserAsync(string id, string userName, string? displayName = null, string tenant = Tenant) =>
        CreateUserAsync(id, UserDocument(userName, displayName), tenant);

    protected Task<StoredResource> CreateUserAsync(string id, JsonObject document, string tenant = Tenant) =>
        Store.CreateAsync(new ResourceWrite(UserKey(id, tenant), document, NextInstant(), []), Ct);

    protected Task<StoredResource> CreateGroupAsync(
        string id, string displayName, IReadOnlyList<MemberReference>? members = null, string tenant = Tenant) =>
        Store.CreateAsync(new ResourceWrite(GroupKey(id, tenant), GroupDocument(displayName), NextInstant(), members ?? []), Ct);

    protected Task<StoredResource> ChangeMembersAsync(ResourceKey group, long expectedVersion, MembershipDelta delta) =>
        Store.UpdateAsync(new ResourceUpdate(group, null, delta, NextInstant()), expectedVersion, Ct);

    protected static MembershipDelta Add(params string[] ids) => new(false, [], [.. ids.Select(id => new MemberReference(id, null, null))]);

    protected static MembershipDelta Remove(params string[] ids) => new(false, ids, []);

    protected static MemberReference Member(string id, string? type = null, string? display = null) => new(id, type, display);

    protected async Task<StoredResource> GetAsync(ResourceKey key, ReadOptions? options = null) =>
        await Store.GetAsync(key, options ?? ReadOptions.Everything, Ct) ?? throw new InvalidOperationException($"{key.Id} is missing.");

    protected static string[] MemberIds(StoredResource resource, string attribute = "members") =>
        resource.Document[attribute] is JsonArray values ? [.. values.Select(v => (string)v!["value"]!).Order(StringComparer.Ordinal)] : [];

    protected async Task<string[]> QueryIdsAsync(
        ResourceTypeDefinition type, Filter? filter, SortSpec? sort = null, PageRequest? page = null, string tenant = Tenant)
    {
        var result = await Store.QueryAsync(new ResourceQuery(tenant, type, filter, sort, page ?? new PageRequest(1, 1000), ReadOptions.DocumentOnly), Ct);
        return [.. result.Resources.Select(r => r.Id)];
    }

    protected static async Task<ScimException> ScimErrorAsync(Func<Task> action) => await Assert.ThrowsAsync<ScimException>(action);
}
