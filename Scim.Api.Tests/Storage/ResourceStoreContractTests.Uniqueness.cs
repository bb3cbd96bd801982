using Scim.Api.Core.Errors;
using Scim.Api.Core.Storage;

namespace Scim.Api.Tests.Storage;

public abstract partial class ResourceStoreContractTests
{
    [Fact]
    public async Task Create_WithATakenUserName_IsUniquenessNamingTheAttribute()
    {
        await CreateUserAsync("u1", "bjensen");

        var error = await ScimErrorAsync(() => CreateUserAsync("u2", "bjensen"));

        Assert.Equal(409, error.Status);
        Assert.Equal(ScimErrorType.Uniqueness, error.ScimType);
        Assert.Equal("A User with userName 'bjensen' already exists.", error.Detail);
        Assert.Null(await Store.GetAsync(UserKey("u2"), ReadOptions.Everything, Ct));
    }

    [Theory]
    [InlineData("bjensen", "BJENSEN")]
    [InlineData("émile", "ÉMILE")]
    [InlineData("Émile", "E\u0301mile")]
    [InlineData("straße", "STRASSE")]
    [InlineData("ﬁona", "FIONA")]
    [InlineData("ｂｊｅｎｓｅｎ", "BJensen")]
    [InlineData("ΣΊΣΥΦΟΣ", "σίσυφος")]
    [InlineData("ǆemal", "ǅemal")]
    public async Task Create_WithTheUserNameInAnotherCaseOrForm_IsUniqueness(string first, string second)
    {
        await CreateUserAsync("u1", first);

        var error = await ScimErrorAsync(() => CreateUserAsync("u2", second));

        Assert.Equal(409, error.Status);
        Assert.Equal($"A User with userName '{second}' already exists.", error.Detail);
    }

    [Theory]
    [InlineData("emile", "émile")]
    [InlineData("bjensen", "bjensen ")]
    [InlineData("ilgin", "ılgın")]
    public async Task Create_WithAUserNameThatOnlyLooksAlike_Succeeds(string first, string second)
    {
        await CreateUserAsync("u1", first);

        var created = await CreateUserAsync("u2", second);

        Assert.Equal(1, created.Version);
    }

    [Fact]
    public async Task Create_WithATakenGroupDisplayName_IsUniqueness()
    {
        await CreateGroupAsync("g1", "Admins");

        var error = await ScimErrorAsync(() => CreateGroupAsync("g2", "ADMINS"));

        Assert.Equal(409, error.Status);
        Assert.Equal("A Group with displayName 'ADMINS' already exists.", error.Detail);
    }

    [Fact]
    public async Task Create_AUserAndAGroupWithTheSameName_BothSucceed()
    {
        await CreateUserAsync("u1", "admins");

        var group = await CreateGroupAsync("g1", "admins");

        Assert.Equal(1, group.Version);
    }

    [Fact]
    public async Task Create_UsersWithTheSameDisplayName_BothSucceed()
    {
        await CreateUserAsync("u1", "bjensen", "Barbara Jensen");

        var second = await CreateUserAsync("u2", "bjensen2", "Barbara Jensen");

        Assert.Equal(1, second.Version);
    }

    [Fact]
    public async Task Create_WithATakenId_IsUniqueness()
    {
        await CreateUserAsync("u1", "bjensen");

        var error = await ScimErrorAsync(() => CreateUserAsync("u1", "other"));

        Assert.Equal(409, error.Status);
        Assert.Equal("A User with id 'u1' already exists.", error.Detail);
    }

    [Fact]
    public async Task Create_AfterTheHolderWasDeleted_TakesTheUserName()
    {
        await CreateUserAsync("u1", "bjensen");
        await Store.DeleteAsync(UserKey("u1"), null, Ct);

        var created = await CreateUserAsync("u2", "BJensen");

        Assert.Equal(1, created.Version);
    }

    [Fact]
    public async Task Update_ToATakenUserName_IsUniquenessAndKeepsTheOldDocument()
    {
        await CreateUserAsync("u1", "bjensen");
        await CreateUserAsync("u2", "jsmith");

        var error = await ScimErrorAsync(() =>
            Store.UpdateAsync(new ResourceUpdate(UserKey("u2"), UserDocument("BJENSEN"), null, NextInstant()), 1, Ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("A User with userName 'BJENSEN' already exists.", error.Detail);
        var unchanged = await GetAsync(UserKey("u2"));
        Assert.Equal(1, unchanged.Version);
        Assert.Equal("jsmith", (string?)unchanged.Document["userName"]);
    }

    [Fact]
    public async Task Update_ChangingOnlyTheCaseOfItsOwnUserName_Succeeds()
    {
        await CreateUserAsync("u1", "bjensen");

        var updated = await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("BJensen"), null, NextInstant()), 1, Ct);

        Assert.Equal("BJensen", (string?)updated.Document["userName"]);
    }

    [Fact]
    public async Task Update_ReleasingAUserName_LetsAnotherResourceTakeIt()
    {
        await CreateUserAsync("u1", "bjensen");
        await Store.UpdateAsync(new ResourceUpdate(UserKey("u1"), UserDocument("barbara"), null, NextInstant()), 1, Ct);

        var created = await CreateUserAsync("u2", "bjensen");

        Assert.Equal(1, created.Version);
    }

    [Fact]
    public async Task Create_TwentyRacingCreatesOfOneUserNameInDifferentCases_ExactlyOneSucceeds()
    {
        var spellings = Enumerable.Range(0, 19)
            .Select(mask => new string([.. "racer".Select((c, j) => ((mask >> j) & 1) == 1 ? char.ToUpperInvariant(c) : c)]))
            .Append("ＲＡＣＥＲ")
            .ToArray();

        var outcomes = await Task.WhenAll(spellings.Select((name, i) => Task.Run(async () =>
        {
            try
            {
                await CreateUserAsync($"racer-{i}", name);
                return 201;
            }
            catch (ScimException error)
            {
                return error.Status;
            }
        }, Ct)));

        Assert.Equal(1, outcomes.Count(status => status == 201));
        Assert.Equal(19, outcomes.Count(status => status == 409));
        Assert.Single(await QueryIdsAsync(UserType, null));
    }
}
