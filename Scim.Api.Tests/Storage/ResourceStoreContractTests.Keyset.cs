using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

/// <summary>Keyset pages (the store side of RFC 9865 cursors): the same order as index paging, sought by position.</summary>
public abstract partial class ResourceStoreContractTests
{
    public static TheoryData<string?, bool> KeysetSorts => new()
    {
        { null, false },
        { "userName", false },
        { "userName", true },
        { "displayName", false },
        { "displayName", true },
        { "externalId", false },
        { "externalId", true },
        { "title", false },
        { "emails.value", true },
        { "meta.created", true },
    };

    // Mixed case, ties, absent values and multi-valued attributes, so every rule of the order is crossed.
    private async Task CreateKeysetUsersAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var document = UserDocument(i % 2 == 0 ? $"user{i:D2}" : $"USER{i:D2}", i % 3 == 0 ? null : i % 2 == 0 ? "Even" : "even");
            if (i % 4 != 0)
            {
                document["externalId"] = $"X{i % 5}";
            }

            if (i % 5 != 0)
            {
                document["title"] = i % 2 == 0 ? $"t{i % 7}" : $"T{i % 7}";
            }

            if (i % 6 != 0)
            {
                document["emails"] = new JsonArray(
                    new JsonObject { ["value"] = $"a{i % 4}@example.com" },
                    new JsonObject { ["value"] = $"b{i % 3}@example.com", ["primary"] = i % 2 == 0 });
            }

            await Store.CreateAsync(new ResourceWrite(UserKey($"k{i:D2}"), document, T0.AddSeconds(i % 9), []), Ct);
        }
    }

    private Task<QueryResult> KeysetAsync(KeysetPage keyset, int count, SortSpec? sort = null, Filter? filter = null) =>
        Store.QueryAsync(
            new ResourceQuery(Tenant, UserType, filter, sort, new PageRequest(1, count), ReadOptions.DocumentOnly) { Keyset = keyset }, Ct);

    private static SortSpec? SortOf(string? attribute, bool descending) => attribute is null ? null : new SortSpec(Path(attribute), descending);

    private async Task<(List<string> Ids, List<QueryResult> Pages)> WalkForwardAsync(int pageSize, SortSpec? sort, Filter? filter = null)
    {
        var ids = new List<string>();
        var pages = new List<QueryResult>();
        var keyset = KeysetPage.First;
        while (true)
        {
            var page = await KeysetAsync(keyset, pageSize, sort, filter);
            pages.Add(page);
            ids.AddRange(page.Resources.Select(r => r.Id));
            if (!page.HasMore)
            {
                return (ids, pages);
            }

            keyset = new KeysetPage(page.LastPosition, null);
        }
    }

    [Theory]
    [MemberData(nameof(KeysetSorts))]
    public async Task Keyset_PageByPage_FollowsTheIndexPagingOrder(string? sortBy, bool descending)
    {
        await CreateKeysetUsersAsync(30);
        var sort = SortOf(sortBy, descending);
        var expected = await QueryIdsAsync(UserType, null, sort);

        var (ids, pages) = await WalkForwardAsync(4, sort);

        Assert.Equal(expected, ids);
        Assert.Equal(8, pages.Count);
        Assert.False(pages[0].HasPrevious);
        Assert.All(pages.Skip(1), page => Assert.True(page.HasPrevious));
        Assert.All(pages.SkipLast(1), page => Assert.True(page.HasMore));
        Assert.All(pages, page => Assert.Equal(30, page.TotalResults));
    }

    [Theory]
    [MemberData(nameof(KeysetSorts))]
    public async Task Keyset_Before_ReadsThePreviousPagesInForwardOrder(string? sortBy, bool descending)
    {
        await CreateKeysetUsersAsync(30);
        var sort = SortOf(sortBy, descending);
        var (expected, pages) = await WalkForwardAsync(4, sort);

        var ids = new List<string>();
        var keyset = new KeysetPage(null, pages[^1].FirstPosition);
        var hasPrevious = true;
        while (hasPrevious)
        {
            var page = await KeysetAsync(keyset, 4, sort);
            Assert.True(page.HasMore);
            ids.InsertRange(0, page.Resources.Select(r => r.Id));
            hasPrevious = page.HasPrevious;
            keyset = new KeysetPage(null, page.FirstPosition);
        }

        Assert.Equal(expected.SkipLast(pages[^1].Resources.Count), ids);
    }

    [Fact]
    public async Task Keyset_WithAFilter_PagesOnlyTheMatches()
    {
        await CreateKeysetUsersAsync(30);
        var filter = Eq("displayName", "even");
        var sort = new SortSpec(Path("userName"), true);
        var expected = await QueryIdsAsync(UserType, filter, sort);

        var (ids, pages) = await WalkForwardAsync(3, sort, filter);

        Assert.Equal(20, expected.Length);
        Assert.Equal(expected, ids);
        Assert.All(pages, page => Assert.Equal(20, page.TotalResults));
    }

    [Fact]
    public async Task Keyset_AnEmptyList_HasNoPositionsAndNothingAround()
    {
        var page = await KeysetAsync(KeysetPage.First, 10);

        Assert.Empty(page.Resources);
        Assert.Null(page.FirstPosition);
        Assert.Null(page.LastPosition);
        Assert.False(page.HasMore);
        Assert.False(page.HasPrevious);
    }

    [Fact]
    public async Task Keyset_AfterTheLastResource_IsEmptyButHasPrevious()
    {
        await CreateKeysetUsersAsync(5);
        var all = await KeysetAsync(KeysetPage.First, 5);

        var beyond = await KeysetAsync(new KeysetPage(all.LastPosition, null), 5);

        Assert.False(all.HasMore);
        Assert.Empty(beyond.Resources);
        Assert.False(beyond.HasMore);
        Assert.True(beyond.HasPrevious);
    }

    [Fact]
    public async Task Keyset_APositionWhoseResourceWasDeleted_StillSeeksFromWhereItWas()
    {
        await CreateKeysetUsersAsync(10);
        var sort = new SortSpec(Path("userName"), false);
        var first = await KeysetAsync(KeysetPage.First, 3, sort);
        await Store.DeleteAsync(UserKey(first.Resources[^1].Id), null, Ct);

        var second = await KeysetAsync(new KeysetPage(first.LastPosition, null), 3, sort);

        var expected = await QueryIdsAsync(UserType, null, sort);
        Assert.Equal(expected.Skip(2).Take(3), second.Resources.Select(r => r.Id));
        Assert.True(second.HasPrevious);
    }

    [Fact]
    public async Task Keyset_PositionsOfAnotherTenant_SeeOnlyTheirOwnTenant()
    {
        await CreateKeysetUsersAsync(6);
        await CreateUserAsync("other", "other", tenant: OtherTenant);
        var first = await KeysetAsync(KeysetPage.First, 2);

        var foreign = await Store.QueryAsync(
            new ResourceQuery(OtherTenant, UserType, null, null, new PageRequest(1, 10), ReadOptions.DocumentOnly)
            {
                Keyset = KeysetPage.First,
            }, Ct);

        Assert.Equal(["other"], foreign.Resources.Select(r => r.Id));
        Assert.DoesNotContain("other", (await WalkForwardAsync(2, null)).Ids);
        Assert.True(first.HasMore);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("{\"k\":")]
    public async Task Keyset_APositionTheStoreDidNotMake_IsAnInvalidCursor(string position)
    {
        await CreateKeysetUsersAsync(3);

        var error = await ScimErrorAsync(() => KeysetAsync(new KeysetPage(position, null), 2, new SortSpec(Path("userName"), false)));

        Assert.Equal(ScimErrorType.InvalidCursor, error.ScimType);
    }

    [Fact]
    public async Task Keyset_ThroughTenThousandResourcesWhileOthersComeAndGo_SeesEachLastingResourceExactlyOnce()
    {
        const int lasting = 10_000;
        for (var start = 0; start < lasting; start += 500)
        {
            await Task.WhenAll(Enumerable.Range(start, 500).Select(i => Store.CreateAsync(
                new ResourceWrite(UserKey($"l{i:D5}"), UserDocument($"lasting{i:D5}"), T0.AddSeconds(i), []), Ct)));
        }

        var transient = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            await Store.CreateAsync(new ResourceWrite(UserKey($"t{i:D5}"), UserDocument($"transient{i:D5}"), T0, []), Ct);
            transient.Enqueue($"t{i:D5}");
        }));

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            var next = 200;
            while (!stop.IsCancellationRequested)
            {
                var id = $"t{next++:D5}";
                await Store.CreateAsync(new ResourceWrite(UserKey(id), UserDocument($"transient{id}"), T0.AddSeconds(next % 100), []), Ct);
                transient.Enqueue(id);
                if (transient.TryDequeue(out var gone))
                {
                    await Store.DeleteAsync(UserKey(gone), null, Ct);
                }
            }
        }, Ct);

        var seen = new List<string>();
        foreach (var sort in new[] { null, new SortSpec(Path("userName"), true) })
        {
            seen.Clear();
            var keyset = KeysetPage.First;
            while (true)
            {
                var page = await KeysetAsync(keyset, 500, sort);
                seen.AddRange(page.Resources.Select(r => r.Id).Where(id => id.StartsWith('l')));
                if (!page.HasMore)
                {
                    break;
                }

                keyset = new KeysetPage(page.LastPosition, null);
                await Task.Yield();
            }

            Assert.Equal(lasting, seen.Count);
            Assert.Equal(lasting, seen.Distinct(StringComparer.Ordinal).Count());
        }

        await stop.CancelAsync();
        await churn;
    }
}
