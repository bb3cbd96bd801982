using Scim.Api.Core.Errors;
using Scim.Api.Core.Filters;
using Scim.Api.Core.Paging;
using Scim.Api.Core.Schema;
using Scim.Api.Core.Storage;
using static Scim.Api.Tests.Storage.FilterBuilder;

namespace Scim.Api.Tests.Storage;

/// <summary>
/// totalResults of an unfiltered list (RFC 7644 §3.4.2) through every path that reports it: a count-only query, an
/// index page, a cursor page. Each is checked against a filter that every resource of the type matches, which the
/// stores count row by row, and against the resources the page actually holds.
/// </summary>
public abstract partial class ResourceStoreContractTests
{
    private static Filter Everyone(ResourceTypeDefinition type) =>
        new PresentFilter(Path(type == GroupType ? "displayName" : "userName"));

    private async Task AssertTotalAsync(string tenant, ResourceTypeDefinition type, int expected)
    {
        var countOnly = await Store.QueryAsync(new ResourceQuery(tenant, type, null, null, new PageRequest(1, 0), ReadOptions.DocumentOnly), Ct);
        var page = await Store.QueryAsync(new ResourceQuery(tenant, type, null, null, new PageRequest(1, 1000), ReadOptions.DocumentOnly), Ct);
        var cursor = await Store.QueryAsync(
            new ResourceQuery(tenant, type, null, null, new PageRequest(1, 1000), ReadOptions.DocumentOnly) { Keyset = KeysetPage.First }, Ct);
        var counted = await Store.QueryAsync(new ResourceQuery(tenant, type, Everyone(type), null, new PageRequest(1, 0), ReadOptions.DocumentOnly), Ct);

        var what = $"{type.Name}s of {tenant}";
        Assert.True(expected == counted.TotalResults, $"{what}: {counted.TotalResults} counted row by row, {expected} expected");
        Assert.True(expected == countOnly.TotalResults, $"{what}: count-only total {countOnly.TotalResults}, {expected} expected");
        Assert.True(expected == page.TotalResults, $"{what}: index page total {page.TotalResults}, {expected} expected");
        Assert.True(expected == cursor.TotalResults, $"{what}: cursor page total {cursor.TotalResults}, {expected} expected");
        Assert.Equal(expected, page.Resources.Count);
        Assert.Equal(expected, cursor.Resources.Count);
    }

    [Fact]
    public async Task Total_OfAnEmptyTenant_IsZero()
    {
        await CreateUserAsync("u1", "bjensen", tenant: OtherTenant);

        await AssertTotalAsync(Tenant, UserType, 0);
        await AssertTotalAsync(OtherTenant, GroupType, 0);
    }

    [Fact]
    public async Task Total_FollowsCreatesDeletesRestoresAndPurges_InEachTenantAndTypeApart()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateUserAsync($"u{i}", $"user{i}");
        }

        await CreateUserAsync("u0", "user0", tenant: OtherTenant);
        await CreateUserAsync("u1", "user1", tenant: OtherTenant);
        await CreateGroupAsync("g0", "Admins", [Member("u0"), Member("u1")]);
        await CreateGroupAsync("g1", "Staff", [Member("u0")]);
        await CreateGroupAsync("g2", "Guests");

        await SoftDeleteAsync(UserKey("u1"));
        await SoftDeleteAsync(UserKey("u3"));
        await SoftDeleteAsync(GroupKey("g1"));
        await SoftDeleteAsync(UserKey("u0", OtherTenant));
        await AssertTotalAsync(Tenant, UserType, 3);
        await AssertTotalAsync(Tenant, GroupType, 2);
        await AssertTotalAsync(OtherTenant, UserType, 1);

        await RestoreAsync(UserKey("u1"));
        await RestoreAsync(GroupKey("g1"));
        await AssertTotalAsync(Tenant, UserType, 4);
        await AssertTotalAsync(Tenant, GroupType, 3);
        await AssertTotalAsync(OtherTenant, UserType, 1);

        Clock.Advance(Retention + TimeSpan.FromDays(1));
        await PurgeExpiredAsync();
        await AssertTotalAsync(Tenant, UserType, 4);
        await AssertTotalAsync(OtherTenant, UserType, 1);

        await CreateUserAsync("u3", "user3-again");
        await SoftDeleteAsync(GroupKey("g0"));
        await SoftDeleteAsync(GroupKey("g1"));
        await SoftDeleteAsync(GroupKey("g2"));
        await AssertTotalAsync(Tenant, UserType, 5);
        await AssertTotalAsync(Tenant, GroupType, 0);
        await AssertTotalAsync(OtherTenant, UserType, 1);
        await AssertTotalAsync(OtherTenant, GroupType, 0);
    }

    [Fact]
    public async Task Total_AfterUpdates_IsUnchanged()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");
        var group = await CreateGroupAsync("g1", "Admins");

        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", "Barbara"), null, NextInstant()), 1, Ct);
        await ChangeMembersAsync(GroupKey("g1"), group.Version, Add("u1", "u2"));
        await SoftDeleteAsync(UserKey("u2"));

        await AssertTotalAsync(Tenant, UserType, 1);
        await AssertTotalAsync(Tenant, GroupType, 1);
    }

    [Fact]
    public async Task Total_AfterWritesThatFail_CountsOnlyTheWritesThatSucceeded()
    {
        await CreateUserAsync("u1", "bjensen");
        await SoftDeleteAsync(UserKey("u1"));
        await CreateUserAsync("u2", "bjensen");

        // Failing and succeeding writes at once, so that they share the store's transactions where it has any.
        var attempts = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? CreateUserAsync($"n{i}", $"new{i}")
            : CreateUserAsync($"d{i}", "BJENSEN"));
        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                await attempt;
                return true;
            }
            catch (ScimException error) when (error.Status == 409)
            {
                return false;
            }
        }));
        await ScimErrorAsync(() => CreateUserAsync("u2", "someone-else"));
        await ScimErrorAsync(() => SoftDeleteAsync(UserKey("missing")));
        await ScimErrorAsync(() => SoftDeleteAsync(UserKey("u2"), expectedVersion: 7));
        await ScimErrorAsync(() => RestoreAsync(UserKey("u1")));

        Assert.Equal(20, outcomes.Count(succeeded => succeeded));
        await AssertTotalAsync(Tenant, UserType, 21);
    }

    [Fact]
    public async Task Total_AfterBulk_CountsOnlyWhatTheBulkLeftStored()
    {
        await CreateGroupAsync("existing", "Taken");

        await BulkAsync(string.Join(",", BulkUser("a", "first"), BulkUser("b", "second"), BulkGroup("g", "Alpha", "a", "b")));
        await BulkAsync(string.Join(",", BulkGroup("x", "Beta", "y"), BulkGroup("y", "Taken", "x")));
        await BulkAsync(string.Join(",", BulkUser("c", "first"), BulkUser("d", "third"), BulkUser("e", "never")), failOnErrors: 1);

        await AssertTotalAsync(Tenant, UserType, 2);
        await AssertTotalAsync(Tenant, GroupType, 2);
    }

    [Fact]
    public async Task Total_WhileWritersCreateAndDelete_EndsAtTheTrueCount()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; i < 25; i++)
            {
                var id = $"w{worker}-{i}";
                await CreateUserAsync(id, $"user-{id}", tenant: worker % 2 == 0 ? Tenant : OtherTenant);
                if (i % 3 == 0)
                {
                    await SoftDeleteAsync(UserKey(id, worker % 2 == 0 ? Tenant : OtherTenant));
                }
            }
        }));

        await AssertTotalAsync(Tenant, UserType, 4 * 16);
        await AssertTotalAsync(OtherTenant, UserType, 4 * 16);
    }

    [Fact]
    public async Task Total_OfEveryPage_InAWalkByIndexOrByCursor_IsTheNumberOfResourcesWalked()
    {
        for (var i = 0; i < 23; i++)
        {
            await CreateUserAsync($"u{i:D2}", $"user{i:D2}");
        }

        foreach (var id in new[] { "u03", "u10", "u22" })
        {
            await SoftDeleteAsync(UserKey(id));
        }

        var byIndex = new List<QueryResult>();
        for (var start = 1; start <= 20; start += 6)
        {
            byIndex.Add(await PageAsync(start, 6));
        }

        var (walked, byCursor) = await WalkForwardAsync(6, null);

        Assert.Equal(20, byIndex.Sum(page => page.Resources.Count));
        Assert.Equal(20, walked.Count);
        Assert.All(byIndex.Concat(byCursor), page => Assert.Equal(20, page.TotalResults));
    }
}
