using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    private async Task CreateUsersAsync(int count)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Store.CreateAsync(
            new ResourceWrite(UserKey($"u{i:D3}"), UserDocument($"user{i:D3}", i % 2 == 0 ? "even" : "odd"), T0.AddSeconds(i), []), Ct)));
    }

    private Task<QueryResult> PageAsync(int startIndex, int count, SortSpec? sort = null, Filter? filter = null) =>
        Store.QueryAsync(new ResourceQuery(Tenant, UserType, filter, sort, new PageRequest(startIndex, count), ReadOptions.DocumentOnly), Ct);

    [Fact]
    public async Task Query_APage_ReturnsThoseResourcesAndTheExactTotal()
    {
        await CreateUsersAsync(25);

        var page = await PageAsync(11, 5, new SortSpec(Path("userName"), false));

        Assert.Equal(25, page.TotalResults);
        Assert.Equal(["u010", "u011", "u012", "u013", "u014"], page.Resources.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_WithAFilter_CountsOnlyMatchingResources()
    {
        await CreateUsersAsync(25);

        var page = await PageAsync(1, 3, filter: Eq("displayName", "odd"));

        Assert.Equal(12, page.TotalResults);
        Assert.Equal(3, page.Resources.Count);
    }

    [Fact]
    public async Task Query_WithCountZero_ReturnsOnlyTheTotal()
    {
        await CreateUsersAsync(7);

        var page = await PageAsync(1, 0);

        Assert.Equal(7, page.TotalResults);
        Assert.Empty(page.Resources);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Query_WithAStartIndexBelowOne_StartsAtTheFirstResource(int startIndex)
    {
        await CreateUsersAsync(4);

        var page = await PageAsync(startIndex, 2);

        Assert.Equal(["u000", "u001"], page.Resources.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_BeyondTheEnd_ReturnsNoResourcesButTheTotal()
    {
        await CreateUsersAsync(4);

        var page = await PageAsync(5, 10);
        var partial = await PageAsync(3, 10);

        Assert.Empty(page.Resources);
        Assert.Equal(4, page.TotalResults);
        Assert.Equal(["u002", "u003"], partial.Resources.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_PageByPageWithTies_CoversEveryResourceOnceInAStableOrder()
    {
        await CreateUsersAsync(23);
        var sort = new SortSpec(Path("displayName"), true);

        var seen = new List<string>();
        for (var start = 1; start <= 23; start += 4)
        {
            var page = await PageAsync(start, 4, sort);
            Assert.Equal(23, page.TotalResults);
            seen.AddRange(page.Resources.Select(r => r.Id));
        }

        var all = await PageAsync(1, 100, sort);
        Assert.Equal(all.Resources.Select(r => r.Id), seen);
        Assert.Equal(23, seen.Distinct().Count());
    }

    [Fact]
    public async Task Query_ReturnsDocumentsWithVersionsAndTimes()
    {
        await CreateUserAsync("u1", "bjensen", "Babs");
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), null, null, T0.AddDays(2)), 1, Ct);

        var resource = Assert.Single((await PageAsync(1, 10)).Resources);

        Assert.Equal(2, resource.Version);
        Assert.Equal(T0.AddDays(2), resource.LastModified);
        Assert.Equal("Babs", (string?)resource.Document["displayName"]);
    }
}
