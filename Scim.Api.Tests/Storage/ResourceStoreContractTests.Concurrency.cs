using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Update_TwentyRacingUpdatesFromTheSameVersion_ExactlyOneWins()
    {
        await CreateUserAsync("u1", "bjensen");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("bjensen", $"writer {i}"), null, NextInstant()), 1, Ct);
                return 200;
            }
            catch (ScimException error)
            {
                return error.Status;
            }
        }, Ct)));

        Assert.Equal(1, outcomes.Count(status => status == 200));
        Assert.Equal(19, outcomes.Count(status => status == 412));
        Assert.Equal(2, (await GetAsync(UserKey("u1"))).Version);
    }

    [Fact]
    public async Task Create_ManyParallelWritesWithSomeDuplicates_EachCallerGetsItsOwnOutcome()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            try
            {
                await CreateUserAsync($"u{i}", $"user{i % 200}");
                return true;
            }
            catch (ScimException error) when (error.Status == 409)
            {
                return false;
            }
        }, Ct)));

        Assert.Equal(200, outcomes.Count(created => created));
        var stored = await Store.QueryAsync(new ResourceQuery(Tenant, UserType, null, null, new(1, 1000), ReadOptions.DocumentOnly), Ct);
        Assert.Equal(200, stored.TotalResults);
        Assert.Equal(200, stored.Resources.Select(r => (string?)r.Document["userName"]).Distinct().Count());
    }

    [Fact]
    public async Task Update_ParallelMembershipChangesOfOneGroup_AllLandWhenEachUsesTheVersionItRead()
    {
        await CreateGroupAsync("g1", "Admins");

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                var current = await GetAsync(GroupKey("g1"), ReadOptions.DocumentOnly);
                try
                {
                    await ChangeMembersAsync(GroupKey("g1"), current.Version, Add($"m{i}"));
                    return;
                }
                catch (ScimException error) when (error.Status == 412)
                {
                    // Someone else won this round; read again and retry, as a client would.
                }
            }
        }, Ct)));

        var group = await GetAsync(GroupKey("g1"));
        Assert.Equal(31, group.Version);
        Assert.Equal(30, MemberIds(group).Length);
    }
}
